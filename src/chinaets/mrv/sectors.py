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


def detect_sector(path: Path, default: str = "power") -> str:
    """The sector an input file is for: the JSON's top-level ``sector`` key, else the entity
    table's ``sector`` column (Excel sheet or CSV file), else the sector whose tables the file's
    sheets are (e.g. a ``lines`` sheet is cement), else `default`. Unreadable files give the
    default, so that the sector's loader reports the real problem."""
    try:
        found = _declared_sector(path)
    except (OSError, ValueError, KeyError, InputError):
        return default
    if found in sectors():
        return found
    names = _table_names(path)
    matches = [
        name
        for name, sector in sectors().items()
        if names and names <= set(sector.tables) and names - {"entity", "fuel_use"}
    ]
    return matches[0] if len(matches) == 1 else default


def _declared_sector(path: Path) -> str:
    import json

    if path.suffix.lower() == ".json" and path.is_file():
        data = json.loads(path.read_text(encoding="utf-8-sig") or "{}")
        entity = data.get("entity") if isinstance(data, dict) else None
        if isinstance(data, dict) and data.get("sector"):
            return str(data["sector"])
        return str(entity.get("sector", "")) if isinstance(entity, dict) else ""
    return _sector_cell(path)


def _sector_cell(path: Path) -> str:
    """The `sector` cell of the entity table of a workbook or CSV folder ('' when none)."""
    rows: list[list[Any]] = []
    if path.is_dir() and (path / "entity.csv").is_file():
        import csv

        with (path / "entity.csv").open(encoding="utf-8-sig", newline="") as handle:
            rows = [list(r) for r in csv.reader(handle)]
    elif path.suffix.lower() in (".xlsx", ".xlsm") and path.is_file():
        from chinaets.mrv.excel import read_workbook

        rows = [cells for _, cells in read_workbook(path).get("entity", [])]
    for i, row in enumerate(rows):
        keys = [str(c).strip() if c is not None else "" for c in row]
        if "sector" in keys:
            column = keys.index("sector")
            for data in rows[i + 1 :]:
                if column < len(data) and data[column]:
                    return str(data[column]).strip()
    return ""


def _table_names(path: Path) -> set[str]:
    if path.is_dir():
        return {p.stem for p in path.glob("*.csv")}
    if path.suffix.lower() in (".xlsx", ".xlsm") and path.is_file():
        from chinaets.mrv.excel import read_workbook

        try:
            return set(read_workbook(path))
        except InputError:
            return set()
    if path.suffix.lower() == ".json" and path.is_file():
        import json

        try:
            data = json.loads(path.read_text(encoding="utf-8-sig") or "{}")
        except ValueError:
            return set()
        return (
            {k for k, v in data.items() if isinstance(v, list | dict)}
            if isinstance(data, dict)
            else set()
        )
    return set()
