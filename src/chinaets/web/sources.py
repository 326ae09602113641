"""What the dashboard shows, read from the demo output folder (``chinaets demo``) and, when one
is connected, the registry database (accounts, holdings, surrenders, CCER projects).

The DuckDB file is opened read-only once; each request reads through its own cursor (DuckDB
cursors are safe to use from one thread each). National aggregates are computed once.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import duckdb

from chinaets.core.sources import shown_url
from chinaets.national import store
from chinaets.registry.service import Registry

MARKET_FACTS = Path(__file__).resolve().parents[1] / "data" / "national" / "ets_market_facts.csv"


class DataMissing(Exception):
    """The data folder is not a `chinaets demo` output."""


@dataclass(frozen=True)
class EntityRow:
    credit_code: str
    name: str
    province: str
    units: int
    capacity_mw: float
    direct_tco2: float
    obligation_tco2: int


class DemoData:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        path = folder / "chinaets.duckdb"
        if not path.exists():
            raise DataMissing(f"{path} not found: run `chinaets demo --out {folder}` first")
        self.con = duckdb.connect(str(path), read_only=True)
        row = self.con.execute("SELECT max(year) FROM power_entities").fetchone()
        self.year = int(row[0]) if row and row[0] is not None else 0

    def close(self) -> None:
        self.con.close()

    def _rows(self, sql: str, params: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
        cursor = self.con.cursor()
        try:
            return cursor.execute(sql, params or {}).fetchall()
        finally:
            cursor.close()

    @cached_property
    def summary(self) -> store.NationalSummary:
        cursor = self.con.cursor()
        try:
            return store.national_summary(cursor, self.year)
        finally:
            cursor.close()

    @cached_property
    def entities(self) -> list[EntityRow]:
        rows = self._rows(
            "SELECT credit_code, name, province, units, capacity_mw, direct_tco2, obligation_tco2 "
            "FROM power_entities WHERE year = $year ORDER BY direct_tco2 DESC",
            {"year": self.year},
        )
        return [EntityRow(str(r[0]), str(r[1]), str(r[2]), int(r[3]), float(r[4]), float(r[5]), int(r[6])) for r in rows]  # fmt: skip

    @cached_property
    def _by_code(self) -> dict[str, EntityRow]:
        return {e.credit_code: e for e in self.entities}

    def entity(self, credit_code: str) -> EntityRow | None:
        return self._by_code.get(credit_code)

    def units(self, credit_code: str) -> list[dict[str, Any]]:
        rows = self._rows(
            "SELECT unit_id, unit_name, category, fuel, rated_mw, direct_tco2, generation_mwh "
            "FROM power_units WHERE year = $year AND credit_code = $code ORDER BY unit_id",
            {"year": self.year, "code": credit_code},
        )
        keys = (
            "unit_id",
            "unit_name",
            "category",
            "fuel",
            "rated_mw",
            "direct_tco2",
            "generation_mwh",
        )
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def fuel_months(self, credit_code: str) -> list[dict[str, Any]]:
        """Per unit, month and fuel: consumption, NCV, carbon content and tCO2 as stored."""
        rows = self._rows(
            "SELECT unit_id, month, split_part(variable, '|', 2) AS fuel, "
            "max(value) FILTER (WHERE variable LIKE 'fuel_consumption|%') AS quantity, "
            "max(unit) FILTER (WHERE variable LIKE 'fuel_consumption|%') AS measure, "
            "max(value) FILTER (WHERE variable LIKE 'ncv|%') AS ncv, "
            "max(value) FILTER (WHERE variable LIKE 'carbon_content|%') AS cc, "
            "max(value) FILTER (WHERE variable LIKE 'emissions|%') AS tco2 "
            "FROM power_results WHERE year = $year AND credit_code = $code AND month IS NOT NULL "
            "AND variable LIKE '%|%' GROUP BY ALL ORDER BY unit_id, month, fuel",
            {"year": self.year, "code": credit_code},
        )
        keys = ("unit_id", "month", "fuel", "quantity", "measure", "ncv", "cc", "tco2")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def allocation(self, credit_code: str) -> dict[str, Any] | None:
        """The entity's allocation as the demo computed it (``power_allocation``), if stored."""
        if not self._rows("SELECT 1 FROM duckdb_tables() WHERE table_name = 'power_allocation'"):
            return None
        keys = (
            "verified_tco2",
            "final_tco2",
            "issued_tco2",
            "obligation_tco2",
            "surplus_tco2",
            "draft",
        )
        rows = self._rows(
            f"SELECT {', '.join(k.replace('final_', 'allocation_') for k in keys)} "
            "FROM power_allocation WHERE year = $year AND credit_code = $code",
            {"year": self.year, "code": credit_code},
        )
        return dict(zip(keys, rows[0], strict=True)) if rows else None

    @cached_property
    def example_files(self) -> dict[str, Path]:
        """The entity inputs the demo wrote (``example_<credit code>.json``), by credit code."""
        return {p.stem.removeprefix("example_"): p for p in self.folder.glob("example_*.json")}

    def example_input(self, credit_code: str) -> dict[str, Any] | None:
        path = self.example_files.get(credit_code)
        if path is None:
            return None
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return data


def market_facts() -> list[dict[str, str]]:
    """The published market figures, each linked to its source only where that is reputable."""
    with MARKET_FACTS.open(encoding="utf-8", newline="") as handle:
        return [{**f, "source_url": shown_url(f["source_url"])} for f in csv.DictReader(handle)]


def yearly_market(facts: list[dict[str, str]]) -> dict[str, list[tuple[int, float]]]:
    """Yearly volume (Mt), turnover (bn CNY) and year-end closing price (CNY/t)."""
    out: dict[str, list[tuple[int, float]]] = {"volume_mt": [], "turnover_bn": [], "close": []}
    for f in facts:
        period, metric, value, unit = f["period"], f["metric"], float(f["value"]), f["unit"]
        year = int(period[:4]) if period[:4].isdigit() else None
        if year is None:
            continue
        if metric == "volume":
            out["volume_mt"].append((year, value / 1e6 if unit == "t" else value))
        elif metric == "turnover":
            out["turnover_bn"].append((year, value / 1e9 if unit == "CNY" else value))
        elif metric in {"closing_price", "closing_price_derived"}:
            out["close"].append((year, value))
    return {k: sorted(v) for k, v in out.items()}


def open_registry(folder: Path, url: str | None, pepper: str | None) -> Registry | None:
    """The registry at `url`, else ``<folder>/registry.db`` if the demo wrote one, else None."""
    if url is None:
        path = folder / "registry.db"
        if not path.exists():
            return None
        url = f"sqlite:///{path}"
    return Registry.open(url, token_pepper=pepper)
