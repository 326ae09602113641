"""National power results in DuckDB and Parquet: one long table with a fixed index, two wide
tables for convenience, and the national summary as SQL.

``power_results`` (long; one value per row, pyam's IAMC layout)::

    year, month, province, credit_code, unit_id, category, variable, unit, value

``month`` is NULL for a whole-year value and ``unit_id`` (with ``category``) NULL for a value of
the entity as a whole. ``power_units`` and ``power_entities`` are the same figures one row per
unit and per entity, with the descriptive columns of the GEM source.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from chinaets.demo.power_fleet import FleetEntity
from chinaets.mrv.power.results import EntityResult, UnitResult
from chinaets.mrv.power.schema import fuels

LONG_INDEX = ("year", "month", "province", "credit_code", "unit_id", "category", "variable", "unit")
"""The fixed index of ``power_results``: every row is one value of one variable."""

TABLES = ("power_results", "power_units", "power_entities")

_LONG_TYPES = {
    "year": "SMALLINT", "month": "TINYINT", "province": "VARCHAR", "credit_code": "VARCHAR",
    "unit_id": "VARCHAR", "category": "VARCHAR", "variable": "VARCHAR", "unit": "VARCHAR",
    "value": "DOUBLE",
}  # fmt: skip
_UNIT_YEAR_VARIABLES = (  # (variable, unit, UnitResult attribute)
    ("emissions_direct", "tCO2", "direct_tco2"),
    ("generation", "MWh", "generation_mwh"),
    ("heat_supplied", "GJ", "heat_supplied_gj"),
    ("running_hours", "h", "running_hours"),
    ("load_factor", "1", "load_factor"),
    ("heat_ratio", "1", "heat_ratio"),
    ("purchased_electricity", "MWh", "purchased_mwh"),
    ("supplied_electricity", "MWh", "supplied_mwh"),
)
_UNIT_COLUMNS = {
    "year": "SMALLINT", "credit_code": "VARCHAR", "unit_id": "VARCHAR", "plant_name": "VARCHAR",
    "unit_name": "VARCHAR", "province": "VARCHAR", "owner": "VARCHAR", "parent": "VARCHAR",
    "category": "VARCHAR", "fuel": "VARCHAR", "gem_fuel": "VARCHAR", "technology": "VARCHAR",
    "cfb": "BOOLEAN", "chp": "BOOLEAN", "rated_mw": "DOUBLE", "start_year": "SMALLINT",
    "direct_tco2": "DOUBLE", "generation_mwh": "DOUBLE", "heat_supplied_gj": "DOUBLE",
    "running_hours": "DOUBLE", "load_factor": "DOUBLE",
}  # fmt: skip
_ENTITY_COLUMNS = {
    "year": "SMALLINT", "credit_code": "VARCHAR", "name": "VARCHAR", "province": "VARCHAR",
    "units": "INTEGER", "capacity_mw": "DOUBLE", "direct_tco2": "DOUBLE",
    "purchased_mwh": "DOUBLE", "indirect_tco2": "DOUBLE", "obligation_tco2": "BIGINT",
}  # fmt: skip


def connect(path: Path | str = ":memory:") -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(path))


def write_results(
    con: duckdb.DuckDBPyConnection,
    entities: Sequence[FleetEntity],
    results: Sequence[EntityResult],
) -> None:
    """Replace the three tables with the results of `entities` (same order as `results`)."""
    pairs = list(zip(entities, results, strict=True))
    _create(con, "power_results", _LONG_TYPES, _long_rows(pairs))
    _create(con, "power_units", _UNIT_COLUMNS, _unit_rows(pairs))
    _create(con, "power_entities", _ENTITY_COLUMNS, _entity_rows(pairs))


def export_parquet(con: duckdb.DuckDBPyConnection, folder: Path) -> list[Path]:
    """Each table as ``folder/<table>.parquet``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for table in TABLES:
        path = folder / f"{table}.parquet"
        con.execute(f"COPY {table} TO '{_sql_path(path)}' (FORMAT parquet)")
        paths.append(path)
    return paths


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def _create(
    con: duckdb.DuckDBPyConnection,
    table: str,
    types: dict[str, str],
    rows: Iterator[tuple[Any, ...]],
) -> None:
    # Staged through a CSV file: DuckDB's reader loads a few hundred thousand rows in a tenth
    # of a second, where list parameters take seconds and row inserts minutes. Floats keep
    # every digit (repr); None becomes the empty field, read back as NULL.
    with tempfile.TemporaryDirectory(prefix="chinaets-") as tmp:
        path = Path(tmp) / f"{table}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)
        columns = ", ".join(f"'{name}': '{sql_type}'" for name, sql_type in types.items())
        con.execute(
            f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM read_csv('{_sql_path(path)}', "
            f"header = false, columns = {{{columns}}}, nullstr = '', quote = '\"', escape = '\"')"
        )


Pair = tuple[FleetEntity, EntityResult]


def _long_rows(pairs: Sequence[Pair]) -> Iterator[tuple[Any, ...]]:
    for entity, result in pairs:
        head = (result.year, None, result.province, result.credit_code)
        yield (*head, None, None, "emissions_direct", "tCO2", result.direct_tco2)
        yield (*head, None, None, "purchased_electricity", "MWh", result.purchased_mwh)
        yield (*head, None, None, "emissions_indirect", "tCO2", result.indirect_tco2)
        yield (*head, None, None, "emissions_obligation", "tCO2", float(result.obligation_tco2))
        categories = {u.unit_id: u.category for u in entity.units}
        for unit in result.units:
            yield from _unit_long_rows(result, unit, categories[unit.unit_id])


def _unit_long_rows(
    result: EntityResult, unit: UnitResult, category: str
) -> Iterator[tuple[Any, ...]]:
    head = (result.year, None, result.province, result.credit_code, unit.unit_id, category)
    for variable, measure, attribute in _UNIT_YEAR_VARIABLES:
        value = getattr(unit, attribute)
        if value is not None:
            yield (*head, variable, measure, float(value))
    for fm in unit.fuel_months:
        month_head = (result.year, fm.month, *head[2:])
        yield (*month_head, f"emissions|{fm.fuel}", "tCO2", fm.tco2)
        yield (*month_head, f"fuel_consumption|{fm.fuel}", fuels()[fm.fuel].unit, fm.quantity)
        yield (*month_head, f"ncv|{fm.fuel}", "GJ/unit", fm.ncv)
        yield (*month_head, f"carbon_content|{fm.fuel}", "tC/GJ", fm.carbon_content)
    for um in unit.months:
        month_head = (result.year, um.month, *head[2:])
        yield (*month_head, "generation", "MWh", um.generation_mwh)
        yield (*month_head, "heat_supplied", "GJ", um.heat_supplied_gj)
        yield (*month_head, "running_hours", "h", um.running_hours)


def _unit_rows(pairs: Sequence[Pair]) -> Iterator[tuple[Any, ...]]:
    for entity, result in pairs:
        by_id = {u.unit_id: u for u in result.units}
        for fu in entity.units:
            r = by_id[fu.unit_id]
            yield (
                result.year, result.credit_code, fu.unit_id, fu.plant_name, fu.unit_name,
                fu.province, fu.owner, fu.parent, fu.category, fu.fuel, fu.gem_fuel,
                fu.technology, fu.cfb, fu.chp, fu.rated_mw, fu.start_year, r.direct_tco2,
                r.generation_mwh, r.heat_supplied_gj, r.running_hours, r.load_factor,
            )  # fmt: skip


def _entity_rows(pairs: Sequence[Pair]) -> Iterator[tuple[Any, ...]]:
    for entity, r in pairs:
        yield (
            r.year, r.credit_code, r.name, r.province, len(entity.units), entity.capacity_mw,
            r.direct_tco2, r.purchased_mwh, r.indirect_tco2, r.obligation_tco2,
        )  # fmt: skip


# --- national summary -------------------------------------------------------------------------

_SUMMARY_SQL = """
SELECT {key} AS key,
       count(DISTINCT credit_code) AS entities,
       count(*) AS units,
       sum(rated_mw) / 1e3 AS capacity_gw,
       sum(generation_mwh) / 1e6 AS generation_twh,
       sum(direct_tco2) / 1e6 AS mt_co2
FROM power_units WHERE year = $year
GROUP BY ALL ORDER BY mt_co2 DESC
"""


@dataclass(frozen=True, slots=True)
class SummaryRow:
    key: str
    entities: int
    units: int
    capacity_gw: float
    generation_twh: float
    mt_co2: float


@dataclass(frozen=True, slots=True)
class NationalSummary:
    year: int
    total: SummaryRow
    by_province: list[SummaryRow]
    by_category: list[SummaryRow]

    def as_dict(self) -> dict[str, Any]:
        def rows(items: list[SummaryRow]) -> list[dict[str, Any]]:
            return [{"key": r.key, **_row_dict(r)} for r in items]

        return {
            "year": self.year,
            "total": _row_dict(self.total),
            "by_province": rows(self.by_province),
            "by_category": rows(self.by_category),
        }


def _row_dict(r: SummaryRow) -> dict[str, Any]:
    return {
        "entities": r.entities, "units": r.units, "capacity_gw": r.capacity_gw,
        "generation_twh": r.generation_twh, "mt_co2": r.mt_co2,
    }  # fmt: skip


def national_summary(con: duckdb.DuckDBPyConnection, year: int) -> NationalSummary:
    """Entities, units, GW, TWh and Mt CO2 (direct) nationally, by province and by category."""

    def query(key: str) -> list[SummaryRow]:
        rows = con.execute(_SUMMARY_SQL.format(key=key), {"year": year}).fetchall()
        return [SummaryRow(str(r[0]), int(r[1]), int(r[2]), *map(float, r[3:])) for r in rows]

    total = query("'China'")
    if not total:
        raise ValueError(f"no power results for {year} in the database")
    return NationalSummary(
        year, total[0], query("province"), sorted(query("category"), key=lambda r: r.key)
    )


def entity_total_mt(con: duckdb.DuckDBPyConnection, year: int) -> float:
    """Sum of the entities' direct emissions from the long table, Mt CO2 (a cross-check of the
    unit-level summary)."""
    row = con.execute(
        "SELECT sum(value) / 1e6 FROM power_results WHERE year = $year AND unit_id IS NULL "
        "AND month IS NULL AND variable = 'emissions_direct'",
        {"year": year},
    ).fetchone()
    return float(row[0]) if row and row[0] is not None else 0.0


# --- industrial sectors (cement, aluminium, steel) ---------------------------------------------
#
# ``industry_results`` is the long table of the three sectors: the power table's fixed index
# with the sector in front. ``unit_id`` is a clinker line, a potline or other process, or a
# steel process; ``category`` its kind. Entity totals carry NULL ``unit_id`` and ``category``.
# ``industry_entities`` is one row per entity. The power tables are not touched.

INDUSTRY_INDEX = ("sector", *LONG_INDEX)
"""The fixed index of ``industry_results``."""

INDUSTRY_TABLES = ("industry_results", "industry_entities")

_INDUSTRY_LONG_TYPES = {"sector": "VARCHAR", **_LONG_TYPES}
INDUSTRY_ENTITY_COLUMNS = {
    "sector": "VARCHAR", "year": "SMALLINT", "credit_code": "VARCHAR", "name": "VARCHAR",
    "province": "VARCHAR", "units": "INTEGER", "product": "VARCHAR", "output_t": "DOUBLE",
    "emissions_tco2e": "DOUBLE", "obligation_tco2e": "BIGINT",
}  # fmt: skip
"""Columns of ``industry_entities``: emissions are the entity's direct emissions, the
obligation its compliance perimeter, output the sector's product (clinker, aluminium liquid,
crude steel) in t."""


def write_industry_results(
    con: duckdb.DuckDBPyConnection,
    long_rows: Iterable[tuple[Any, ...]],
    entity_rows: Iterable[tuple[Any, ...]],
) -> None:
    """Replace the industry tables with the rows of every industrial sector (rows in the order
    of ``INDUSTRY_INDEX`` + value, and of ``INDUSTRY_ENTITY_COLUMNS``)."""
    _create(con, "industry_results", _INDUSTRY_LONG_TYPES, iter(long_rows))
    _create(con, "industry_entities", INDUSTRY_ENTITY_COLUMNS, iter(entity_rows))


@dataclass(frozen=True, slots=True)
class IndustrySummaryRow:
    sector: str
    entities: int
    units: int
    output_t: float
    mt_co2e: float

    @property
    def intensity(self) -> float:
        """t CO2(e) per t of product."""
        return self.mt_co2e * 1e6 / self.output_t if self.output_t else 0.0


def industry_summary(con: duckdb.DuckDBPyConnection, year: int) -> list[IndustrySummaryRow]:
    """Entities, units, output and Mt CO2(e) of each industrial sector, by sector name."""
    rows = con.execute(
        "SELECT sector, count(*), sum(units), sum(output_t), sum(emissions_tco2e) / 1e6 "
        "FROM industry_entities WHERE year = $year GROUP BY sector ORDER BY sector",
        {"year": year},
    ).fetchall()
    return [
        IndustrySummaryRow(str(r[0]), int(r[1]), int(r[2]), float(r[3]), float(r[4])) for r in rows
    ]


def industry_entity_total_mt(con: duckdb.DuckDBPyConnection, year: int, sector: str) -> float:
    """A sector's entity emissions summed from the long table, Mt (a cross-check)."""
    row = con.execute(
        "SELECT sum(value) / 1e6 FROM industry_results WHERE year = $year AND sector = $sector "
        "AND unit_id IS NULL AND month IS NULL AND variable = 'emissions'",
        {"year": year, "sector": sector},
    ).fetchone()
    return float(row[0]) if row and row[0] is not None else 0.0


_ALLOCATION_COLUMNS = {
    "year": "INTEGER", "credit_code": "VARCHAR", "verified_tco2": "BIGINT",
    "allocation_tco2": "BIGINT", "issued_tco2": "BIGINT", "obligation_tco2": "BIGINT",
    "surplus_tco2": "BIGINT", "draft": "BOOLEAN",
}  # fmt: skip


def write_allocation(con: duckdb.DuckDBPyConnection, entities: Sequence[Any]) -> None:
    """Replace ``power_allocation`` with each entity's allocation (``EntityAllocation``)."""
    _create(con, "power_allocation", _ALLOCATION_COLUMNS, map(_allocation_row, entities))


def _allocation_row(e: Any) -> tuple[Any, ...]:
    draft = any(u.dated.draft for u in e.all_used())
    return (e.year, e.credit_code, e.verified_tco2, e.final_tco2, e.issued_tco2,
            e.obligation_tco2, e.surplus_tco2, draft)  # fmt: skip
