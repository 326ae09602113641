"""The read-model interface every page, CLI listing and demo summary reads through.

A `ReadModel` holds an analytics `Engine` on which the tables are registered (from the Parquet
folder the builder wrote, or from Arrow in memory) and answers with plain rows. Each question
is one DuckDB-dialect query written once here; a second engine (Spark) runs the same text.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as pds

from chinaets.analytics.engine import Engine, open_engine
from chinaets.national.readmodel import listing as ls
from chinaets.national.readmodel.dictionary import REGISTRY_TABLES, TABLES

TOTAL_KEYS = ("sector", "province", "year")
"""What entity totals may be grouped by."""

_TOTALS_SQL = """
SELECT {key} AS key, count(*) AS entities, CAST(sum(units) AS BIGINT) AS units,
       sum(total_emissions_t) AS emissions_t, sum(obligation_t) AS obligation_t
FROM entities{where}
GROUP BY {key} ORDER BY emissions_t DESC, key
"""
_CATEGORY_SQL = """
SELECT sector, category, count(DISTINCT credit_code) AS entities, count(*) AS units,
       sum(emissions_t) AS emissions_t, sum(output) AS output, min(output_unit) AS output_unit
FROM units WHERE year = $year AND category <> ''
GROUP BY sector, category ORDER BY sector, category
"""
_SECTOR_OUTPUT_SQL = """
SELECT sector, min(status) AS status, count(*) AS entities, CAST(sum(units) AS BIGINT) AS units,
       sum(total_emissions_t) AS emissions_t,
       sum(obligation_t) AS obligation_t, sum(intensity_emissions_t) AS intensity_emissions_t,
       sum(intensity_output) AS intensity_output, min(intensity_unit) AS intensity_unit,
       min(intensity_unit_zh) AS intensity_unit_zh
FROM entities WHERE year = $year
GROUP BY sector ORDER BY emissions_t DESC, sector
"""
_UNIT_SUMMARY_SQL = """
SELECT {key} AS key, count(DISTINCT u.credit_code) AS entities, count(*) AS units,
       sum(u.emissions_t) AS emissions_t, sum(u.output) AS output, sum(x.value) AS measure
FROM units u LEFT JOIN unit_values x
  ON x.year = u.year AND x.sector = u.sector AND x.credit_code = u.credit_code
 AND x.unit_id = u.unit_id AND x.variable = $variable AND x.unit = $unit
WHERE u.year = $year AND u.sector = $sector{group}
"""
_COMPLIANCE_SQL = """
SELECT
  (SELECT sum(obligation_t) FROM entities WHERE credit_code = $code AND year = $year) AS obligation_t,
  (SELECT sum(quantity_t) FROM surrenders WHERE credit_code = $code AND compliance_year = $year) AS surrendered_t,
  (SELECT sum(free_t) FROM holdings WHERE holder = $code) AS free_t,
  (SELECT sum(frozen_t) FROM holdings WHERE holder = $code) AS frozen_t
"""
_REGISTRY_TOTALS_SQL = """
SELECT unit, unit_kind, count(DISTINCT account_id) AS accounts, sum(free_t) AS free_t,
       sum(frozen_t) AS frozen_t
FROM holdings GROUP BY unit, unit_kind ORDER BY unit_kind, unit
"""
_ACCOUNT_KINDS_SQL = """
SELECT kind, count(*) AS accounts, sum(held_t) AS held_t FROM accounts
GROUP BY kind ORDER BY accounts DESC, kind
"""


class ReadModel:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        # The years and sectors present change only with a rebuild (a new ReadModel).
        self._years: list[int] | None = None
        self._sectors: list[str] | None = None

    # --- opening ---------------------------------------------------------------------------

    @classmethod
    def open(
        cls, folder: Path, engine: Engine | None = None, *, in_memory: bool = False
    ) -> ReadModel:
        """The read model written to `folder` by `build_read_model`, on `engine` (DuckDB in
        memory by default). A table with no rows is registered empty, typed as the dictionary
        says, so that every query runs whatever was built. `in_memory` loads the files once
        into Arrow (typed as the dictionary says) for a server that asks many small questions;
        otherwise the engine reads the Parquet files at each query (the way to scale out)."""
        model = cls(engine or open_engine())
        for name, spec in TABLES.items():
            path = folder / name
            if not (path.is_dir() and any(path.rglob("*.parquet"))):
                model.engine.register_arrow(name, spec.schema().empty_table())
            elif in_memory:
                found = pds.dataset(path, format="parquet", partitioning="hive").to_table()
                model.engine.register_arrow(
                    name, found.select(list(spec.column_names)).cast(spec.schema())
                )
            else:
                model.engine.register_parquet(name, path)
        return model

    @classmethod
    def from_arrow(cls, tables: Mapping[str, pa.Table], engine: Engine | None = None) -> ReadModel:
        model = cls(engine or open_engine())
        for name, spec in TABLES.items():
            model.engine.register_arrow(name, tables.get(name, spec.schema().empty_table()))
        return model

    def replace_tables(self, tables: Mapping[str, pa.Table]) -> None:
        """Register rebuilt tables (``summary_tables``) in place of the ones read, for a server
        that keeps one model open while its source changes."""
        for name, table in tables.items():
            self.engine.register_arrow(name, table.select(list(TABLES[name].column_names)))
        self._years = self._sectors = None

    def attach_registry(self, tables: Mapping[str, pa.Table]) -> None:
        """Replace the registry tables (``registry_tables(registry)``) with a fresher snapshot."""
        for name in REGISTRY_TABLES:
            self.engine.register_arrow(name, tables[name])

    def close(self) -> None:
        self.engine.close()

    # --- queries ---------------------------------------------------------------------------

    def rows(self, sql: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self.engine.query(sql, params).to_pylist()
        return result

    def years(self) -> list[int]:
        if self._years is None:
            found = self.rows("SELECT DISTINCT year FROM entities ORDER BY year")
            self._years = [int(r["year"]) for r in found]
        return self._years

    def latest_year(self) -> int | None:
        years = self.years()
        return years[-1] if years else None

    def sector_names(self) -> list[str]:
        if self._sectors is None:
            found = self.rows("SELECT DISTINCT sector FROM entities ORDER BY sector")
            self._sectors = [str(r["sector"]) for r in found]
        return self._sectors

    def totals(
        self, by: str, year: int | None = None, sector: str | None = None
    ) -> list[dict[str, Any]]:
        """Entities, perimeter units, emissions and obligation grouped by sector, province or
        year (optionally of one year and one sector)."""
        if by not in TOTAL_KEYS:
            raise ValueError(f"totals by {by!r}: use one of {', '.join(TOTAL_KEYS)}")
        where = {"year": year, "sector": sector}
        clause, params = ls.conditions(
            TABLES["entities"], ls.Listing(where={k: v for k, v in where.items() if v is not None})
        )
        return self.rows(_TOTALS_SQL.format(key=by, where=clause), params)

    def sector_totals(self, year: int) -> list[dict[str, Any]]:
        """Per sector: its status (trading or reporting), entities, units, emissions,
        obligation and the intensity's sums."""
        return self.rows(_SECTOR_OUTPUT_SQL, {"year": year})

    def category_totals(self, year: int) -> list[dict[str, Any]]:
        """Per sector and allocation category: entities, units, emissions and output."""
        return self.rows(_CATEGORY_SQL, {"year": year})

    def unit_summary(
        self, year: int, sector: str, by: str | None, measure: tuple[str, str]
    ) -> list[dict[str, Any]]:
        """Entities, perimeter units, emissions, output and the sum of one unit figure
        (`measure` = (variable, unit), e.g. ("rated", "MW")) of a sector, nationally (`by`
        None) or by ``province`` or ``category``, largest emissions first."""
        if by not in (None, "province", "category"):
            raise ValueError(f"unit summary by {by!r}: use province or category")
        key = f"u.{by}" if by else "'China'"
        group = f" GROUP BY u.{by} ORDER BY emissions_t DESC, key" if by else ""
        params = {"year": year, "sector": sector, "variable": measure[0], "unit": measure[1]}
        found = self.rows(_UNIT_SUMMARY_SQL.format(key=key, group=group), params)
        return [r for r in found if r["units"]]

    def page(self, table: str, listing: ls.Listing) -> ls.Page:
        """One page of any table, filtered, searched, sorted."""
        spec = ls.table(table)
        query, count, params = ls.page_sql(spec, listing)
        total = int(self.rows(count, params)[0]["n"])
        per_page = max(1, min(int(listing.per_page), ls.MAX_PER_PAGE))
        return ls.Page(
            table, spec.column_names, self.rows(query, params), total,
            max(1, int(listing.page)), per_page,
        )  # fmt: skip

    def all_rows(self, table: str, listing: ls.Listing, limit: int = 100_000) -> ls.Page:
        """Every row of a listing (for a section of a page), up to `limit`."""
        spec = ls.table(table)
        rows: list[dict[str, Any]] = self.arrow(table, listing, limit).to_pylist()
        return ls.Page(table, spec.column_names, rows, len(rows), 1, limit)

    def arrow(self, table: str, listing: ls.Listing, limit: int = 100_000) -> pa.Table:
        """Every row of a listing as Arrow (for a download), up to `limit`, in its order."""
        whole = ls.Listing(
            listing.where, listing.search, listing.sort, listing.descending, 1, limit,
            listing.scope_provinces, listing.scope_codes,
        )  # fmt: skip
        query, _, params = ls.page_sql(ls.table(table), whole, max_rows=limit)
        return self.engine.query(query, params)

    def entity(
        self, credit_code: str, year: int | None = None, sector: str | None = None
    ) -> dict[str, Any] | None:
        """The entity's row (its latest year, unless `year` is given)."""
        where = {"credit_code": credit_code, "year": year, "sector": sector}
        clause, params = ls.conditions(
            TABLES["entities"], ls.Listing(where={k: v for k, v in where.items() if v is not None})
        )
        found = self.rows(
            f"SELECT * FROM entities{clause} ORDER BY year DESC, sector LIMIT 1", params
        )
        return found[0] if found else None

    def of_entity(self, table: str, entity: Mapping[str, Any]) -> list[dict[str, Any]]:
        """Every row of `table` for one entity-year-sector (units, values, months, allocation)."""
        where = {k: entity[k] for k in ("credit_code", "year", "sector")}
        return self.all_rows(table, ls.Listing(where=where)).rows

    def compliance_position(self, credit_code: str, year: int) -> dict[str, int | None]:
        """Obligation (from the entities), surrendered for the year and held now (registry)."""
        row = self.rows(_COMPLIANCE_SQL, {"code": credit_code, "year": year})[0]
        return {k: None if v is None else round(v) for k, v in row.items()}

    def registry_totals(self) -> dict[str, list[dict[str, Any]]]:
        """Units held by class across accounts, and accounts by kind."""
        return {
            "units": self.rows(_REGISTRY_TOTALS_SQL),
            "kinds": self.rows(_ACCOUNT_KINDS_SQL),
        }
