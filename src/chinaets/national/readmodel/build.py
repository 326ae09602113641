"""Build the read model's tables from `Summary` objects (and allocations, and the registry),
and write them as Hive-partitioned Parquet.

The builder only reads `Summary` (never a sector's own result types), so a sector discovered
at run time is in the read model as soon as its folder defines ``summary``. Variables of
`Summary.values` and `PerimeterUnit.values` are named with their unit as a suffix
(``…_tco2``, ``…_t``, ``…_mwh``); the long tables carry that unit in their ``unit`` column.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as pds

from chinaets.core.china import normalise_province
from chinaets.core.errors import InputError, Location
from chinaets.mrv.sectors import Summary, sectors
from chinaets.national.readmodel.dictionary import TABLES, Table

UNIT_SUFFIXES = (
    ("_tco2e", "tCO2e"), ("_tco2", "tCO2"), ("_mwh", "MWh"), ("_gj", "GJ"), ("_mw", "MW"),
    ("_t", "t"), ("_h", "h"),
)  # fmt: skip
"""A variable name's suffix and the unit it stands for (checked in this order)."""


@dataclass(frozen=True)
class Allocated:
    """One entity's allocation for a data year, as the read model keeps it."""

    sector: str
    year: int
    credit_code: str
    province: str
    verified_t: int
    allocation_t: int
    pre_allocated_t: int | None
    obligation_t: int
    surplus_t: int
    draft: bool = False


def split_unit(variable: str) -> tuple[str, str]:
    """``emissions_direct_tco2`` → (``emissions_direct``, ``tCO2``); no suffix → unit ``1``."""
    for suffix, unit in UNIT_SUFFIXES:
        if variable.endswith(suffix):
            return variable[: -len(suffix)], unit
    return variable, "1"


def province_name(province: str) -> str:
    """The English name of a province given in either language (else as given)."""
    return normalise_province(province) or province


class _Columns:
    """Column lists of one table, filled row by row and turned into Arrow once."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.data: dict[str, list[Any]] = {c: [] for c in table.column_names}

    def add(self, *row: Any) -> None:
        for column, value in zip(self.data.values(), row, strict=True):
            column.append(value)

    def extend(self, count: int, **columns: Any) -> None:
        """`count` rows at once: each column a list of `count` values, or one value for all."""
        for name, values in columns.items():
            self.data[name].extend(values if isinstance(values, list) else [values] * count)

    def arrow(self) -> pa.Table:
        return pa.table(self.data, schema=self.table.schema())


def summary_tables(
    summaries: Iterable[Summary], allocations: Iterable[Allocated] = ()
) -> dict[str, pa.Table]:
    """The tables built from `summaries` and `allocations`, as Arrow, sorted by their keys."""
    out = {name: _Columns(TABLES[name]) for name in TABLES}
    status = {name: s.status for name, s in sectors().items()}
    seen: set[tuple[str, int, str]] = set()
    for s in summaries:
        _once(seen, s)
        _add_summary(out, s, province_name(s.province), status.get(s.sector, "reporting"))
    for a in allocations:
        out["allocation"].add(
            a.year, a.sector, province_name(a.province), a.credit_code, a.verified_t,
            a.allocation_t, a.pre_allocated_t, a.obligation_t, a.surplus_t, a.draft,
        )  # fmt: skip
    return {
        name: _sorted(columns.arrow())
        for name, columns in out.items()
        if name not in ("accounts", "holdings", "surrenders")
    }


def _once(seen: set[tuple[str, int, str]], s: Summary) -> None:
    """One summary per entity, sector and year: the read model's tables have that granularity
    (a resubmitted report supersedes the earlier one before it gets here)."""
    key = (s.sector, s.year, s.credit_code)
    if key in seen:
        raise InputError.one(
            Location(field="credit_code"),
            f"two {s.sector} reports of {s.credit_code} for {s.year}: the read model keeps one",
            f"{s.credit_code} 的 {s.year} 年度 {s.sector} 报告出现两次：分析数据模型每年只保留一份",
            "pass only the current version of each report",
            "仅传入每份报告的现行版本",
        )
    seen.add(key)


def _add_summary(out: Mapping[str, _Columns], s: Summary, province: str, status: str) -> None:
    i = s.intensity
    head = (s.year, s.sector, province, s.credit_code)  # the dictionary's ENTITY_KEYS
    out["entities"].add(
        *head, s.name, status, len(s.perimeter), s.total_emissions_t, s.obligation_t,
        i.emissions_t if i else None, i.output if i else None, i.unit if i else "",
        i.unit_zh if i else "", i.value if i else None,
    )  # fmt: skip
    for name, value in s.values.items():
        out["entity_values"].add(*head, *split_unit(name), float(value))
    for u in s.perimeter:
        out["units"].add(
            *head, u.unit_id, u.kind, u.category, u.emissions_t, u.output, u.output_unit
        )
        for name, value in u.values.items():
            out["unit_values"].add(*head, u.unit_id, *split_unit(name), float(value))
    months = s.monthly
    if months:  # column by column: the largest table, a few values per unit and month
        out["monthly_values"].extend(
            len(months), year=s.year, month=[m.month for m in months], sector=s.sector,
            province=province, credit_code=s.credit_code, unit_id=[m.unit_id for m in months],
            variable=[m.variable for m in months], unit=[m.unit for m in months],
            value=[float(m.value) for m in months],
        )  # fmt: skip


def _sorted(table: pa.Table) -> pa.Table:
    """Rows ordered by entity (then unit, month, variable): Parquet row-group statistics then
    let an engine skip most of a file when a page asks for one entity."""
    keys = [c for c in ("credit_code", "unit_id", "month", "variable") if c in table.column_names]
    return table.sort_by([(k, "ascending") for k in keys]) if table.num_rows else table


def write_tables(tables: Mapping[str, pa.Table], folder: Path) -> dict[str, Path]:
    """Each table into ``folder/<table>/`` (Hive-partitioned as the dictionary says), replacing
    what was there; the new files are written beside the old ones and swapped in per table."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, data in tables.items():
        staging = folder / f".{name}-{uuid.uuid4().hex[:8]}"
        _write_table(TABLES[name], data, staging)
        target = folder / name
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
        written[name] = target
    return written


def _write_table(spec: Table, data: pa.Table, path: Path) -> None:
    path.mkdir(parents=True)
    if data.num_rows == 0:
        return  # an empty folder: the reader registers the table empty from the dictionary
    partitioning = None
    if spec.partition:
        fields = [pa.field(c, spec.schema().field(c).type) for c in spec.partition]
        partitioning = pds.partitioning(pa.schema(fields), flavor="hive")
    pds.write_dataset(
        data, path, format="parquet", partitioning=partitioning,
        basename_template="part-{i}.parquet", max_rows_per_group=65536,
        existing_data_behavior="overwrite_or_ignore",
    )  # fmt: skip
