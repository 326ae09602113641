"""What the demo's steps share: the run's options and consoles and everything built so far
(`DemoRun`), and the shape of a step. The step modules (``power_steps``, ``industry_steps``,
``platform_steps``, ``readmodel_steps``, ``allocation_steps``, ``market_steps``, ``cbam_steps``)
import this module; ``steps`` imports them to list them, so no step imports ``steps``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console

from chinaets.core.labels import Lang, bilingual, label, term
from chinaets.demo.power_fleet import FleetEntity
from chinaets.mrv.power.results import EntityResult
from chinaets.mrv.power.schema import PowerReport
from chinaets.national.balance import NationalBalance
from chinaets.national.fleet_summary import NationalSummary
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
    allocations: list[Allocated] = field(default_factory=list)
    summary: NationalSummary | None = None
    files: dict[str, Path] = field(default_factory=dict)
    payload: dict[str, Any] = field(default_factory=dict)
    next_steps: list[str] = field(default_factory=list)
    allocation: NationalBalance | None = None
    registry: Registry | None = None
    industry: Any = None  # industry_steps.IndustryDemo, once its build step ran
    lang: Lang = "both"  # the reader's language (`--lang`, `CHINAETS_LANG` or the locale)

    def say(self, en: str, zh: str) -> str:
        """A line the demo prints, in the reader's language."""
        return bilingual(en, zh, self.lang)

    def term(self, code: str) -> str:
        """An enumerated value (a sector, a category) in the reader's language."""
        return term(code, self.lang)

    def head(self, key: str) -> str:
        """A column's label (`labels.yaml`) in the reader's language."""
        return label(key, self.lang)

    @property
    def database(self) -> Path:
        """The one operational database: the platform's store and the registry's ledger."""
        return self.out / "registry.db"

    @property
    def database_url(self) -> str:
        return f"sqlite:///{self.database}"


Step = tuple[str, Callable[[DemoRun], None]]
