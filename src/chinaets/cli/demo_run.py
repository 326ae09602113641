"""What the demo's steps share: the run's options and consoles and everything built so far
(`DemoRun`), and the shape of a step. The steps (``demo_cmd``, ``demo_allocation``,
``demo_industry``, ``demo_market``) import this module; ``demo_cmd`` imports the steps to list
them, so no step imports ``demo_cmd``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console

from chinaets.mrv.power.results import EntityResult
from chinaets.mrv.power.schema import PowerReport
from chinaets.mrv.sectors import Summary
from chinaets.national.balance import NationalBalance
from chinaets.national.fleet_summary import NationalSummary
from chinaets.national.power_fleet import FleetEntity
from chinaets.national.readmodel import Allocated
from chinaets.registry.service import Registry


@dataclass
class DemoRun:
    """What the steps share: options, consoles, and everything built so far."""

    year: int
    seed: int
    out: Path
    limit: int | None
    as_json: bool
    console: Console  # results (stdout)
    progress_console: Console  # progress and status (stderr, so --json stays parseable)
    entities: list[FleetEntity] = field(default_factory=list)
    reports: list[PowerReport] = field(default_factory=list)
    results: list[EntityResult] = field(default_factory=list)
    summaries: list[Summary] = field(default_factory=list)
    allocations: list[Allocated] = field(default_factory=list)
    summary: NationalSummary | None = None
    files: dict[str, Path] = field(default_factory=dict)
    payload: dict[str, Any] = field(default_factory=dict)
    next_steps: list[str] = field(default_factory=list)
    allocation: NationalBalance | None = None
    registry: Registry | None = None
    industry: Any = None  # demo_industry.IndustryDemo, once its build step ran


Step = tuple[str, Callable[[DemoRun], None]]
