"""Checks across the tables of an aluminium report that make it unusable when they fail."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from chinaets.mrv.aluminium.schema import PLAN_PARAMETERS, AluminiumReport
from chinaets.mrv.industry.consistency import Issue, duplicates, shared_issues, unknown_units

MAX_OUTPUT_OVER_CAPACITY = 1.5
"""Monthly output may beat a twelfth of design capacity, but not by half (a unit mistake)."""


def check_report(report: AluminiumReport) -> list[Issue]:
    known = {p.unit_id for p in report.processes}
    tables: dict[str, Sequence[object]] = {
        "aluminium_output": report.aluminium_output,
        "anode_data": report.anode_data,
        "anode_effects": report.anode_effects,
    }
    return [
        *duplicates("processes", [(p.unit_id,) for p in report.processes]),
        *shared_issues(report, known, PLAN_PARAMETERS, "processes"),
        *(
            i
            for name, rows in tables.items()
            for i in unknown_units(name, rows, known, "processes")
        ),
        *(i for name, rows in tables.items() for i in _electrolysis_only(report, name, rows)),
        *(
            i
            for name, rows in tables.items()
            for i in duplicates(name, [(getattr(r, "unit_id"), getattr(r, "month")) for r in rows])  # noqa: B009
        ),
        *duplicates("carbonates", [(c.month, c.material) for c in report.carbonates]),
        *_impossible_output(report),
    ]


def _electrolysis_only(
    report: AluminiumReport, table: str, rows: Sequence[object]
) -> Iterator[Issue]:
    other = {p.unit_id for p in report.processes if p.kind != "electrolysis"}
    for i, row in enumerate(rows):
        unit_id = getattr(row, "unit_id")  # noqa: B009 - every such row has one
        if unit_id in other:
            yield Issue(
                (table, i, "unit_id"),
                f"'{unit_id}' is not an electrolysis process; {table} belong to electrolysis",
                f"'{unit_id}' 不是电解工序，{table} 数据只属于电解工序",
                "give the electrolysis process's id, or set the process's kind to electrolysis",
                "请填写电解工序编号，或将该工序类型改为 electrolysis",
            )


def _impossible_output(report: AluminiumReport) -> Iterator[Issue]:
    capacity = {p.unit_id: p.capacity_t_per_year for p in report.processes}
    for i, row in enumerate(report.aluminium_output):
        cap = capacity.get(row.unit_id)
        if cap is None:
            continue
        limit = MAX_OUTPUT_OVER_CAPACITY * cap / 12
        if row.quantity_t > limit:
            yield Issue(
                ("aluminium_output", i, "quantity_t"),
                f"{row.quantity_t:,.2f} t of aluminium in one month is impossible for a process "
                f"of {cap:,.0f} t/a (at most {limit:,.0f} t)",
                f"设计产能 {cap:,.0f} t/a 的工序单月产量 {row.quantity_t:,.2f} t 不可能（上限约 {limit:,.0f} t）",
                "check the unit (tonnes) and the design capacity in processes",
                "请检查单位（吨）及 processes 表中的设计产能",
            )
