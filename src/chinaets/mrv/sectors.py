"""The sectors the MRV engine knows, each a bundle of its law (parameters, worked cases) and
its code (input schema, loader, accounting, checks). Shells look sectors up here by name."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from chinaets.core.errors import InputError, Location
from chinaets.mrv.findings import Finding
from chinaets.rules import ParameterSet


@dataclass(frozen=True)
class Sector:
    name: str
    zh: str
    report_model: type[BaseModel]
    tables: Mapping[str, type[BaseModel]]
    table_labels: Mapping[str, tuple[str, str]]
    parameters: Callable[[], ParameterSet]
    cases_dir: Path
    load: Callable[[Path, int | None], Any]
    parse: Callable[[dict[str, Any], str], Any]
    account: Callable[[Any], Any]
    check: Callable[[Any, Any], list[Finding]]
    report_tables: Callable[[Any], dict[str, list[dict[str, Any]]]]
    column_labels: Mapping[str, str] = field(default_factory=dict)
    """Chinese labels of the report tables' columns (Excel output heads its sheets with them)."""


def sectors() -> dict[str, Sector]:
    from chinaets.mrv.aluminium import sector as aluminium
    from chinaets.mrv.cement import sector as cement
    from chinaets.mrv.power import sector as power
    from chinaets.mrv.steel import sector as steel

    return {
        "power": power.SECTOR,
        "steel": steel.SECTOR,
        "cement": cement.SECTOR,
        "aluminium": aluminium.SECTOR,
    }


def get_sector(name: str) -> Sector:
    known = sectors()
    if name not in known:
        raise InputError.one(
            Location(field="sector"),
            f"unknown sector '{name}'",
            f"未知行业 '{name}'",
            f"use one of: {', '.join(known)}",
            f"请使用：{'、'.join(s.zh for s in known.values())}",
        )
    return known[name]
