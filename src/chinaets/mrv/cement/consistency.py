"""Checks across the tables of a cement report that make it unusable when they fail."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator

from chinaets.mrv.cement.formulas import uses_composition
from chinaets.mrv.cement.schema import PLAN_PARAMETERS, CementReport
from chinaets.mrv.industry.consistency import Issue, duplicates, shared_issues, unknown_units

MAX_OUTPUT_OVER_CAPACITY = 1.5
"""A line may beat its design capacity, but not by half: more is a unit mistake (kg for t)."""


def check_report(report: CementReport) -> list[Issue]:
    known = {line.unit_id for line in report.lines}
    return [
        *duplicates("lines", [(line.unit_id,) for line in report.lines]),
        *shared_issues(report, known, PLAN_PARAMETERS, "lines"),
        *unknown_units("clinker_output", report.clinker_output, known, "lines"),
        *unknown_units("alt_raw_materials", report.alt_raw_materials, known, "lines"),
        *unknown_units("clinker_composition", report.clinker_composition, known, "lines"),
        *duplicates(
            "clinker_output",
            [(r.unit_id, r.month, r.clinker_type) for r in report.clinker_output],
        ),
        *duplicates(
            "alt_raw_materials",
            [(r.unit_id, r.month, r.material) for r in report.alt_raw_materials],
        ),
        *duplicates(
            "clinker_composition", [(r.unit_id, r.month) for r in report.clinker_composition]
        ),
        *_impossible_output(report),
        *_composition_needed(report),
    ]


def _impossible_output(report: CementReport) -> Iterator[Issue]:
    capacity = {line.unit_id: line.capacity_t_per_day for line in report.lines}
    monthly: dict[tuple[str, int], float] = {}
    for r in report.clinker_output:
        monthly[(r.unit_id, r.month)] = monthly.get((r.unit_id, r.month), 0.0) + r.quantity_t
    for i, r in enumerate(report.clinker_output):
        if r.unit_id not in capacity:
            continue
        days = calendar.monthrange(report.year, r.month)[1]
        limit = MAX_OUTPUT_OVER_CAPACITY * capacity[r.unit_id] * days
        if monthly[(r.unit_id, r.month)] > limit:
            yield Issue(
                ("clinker_output", i, "quantity_t"),
                f"{monthly[(r.unit_id, r.month)]:,.2f} t of clinker in month {r.month} is "
                f"impossible for a {capacity[r.unit_id]:,.0f} t/d line (at most {limit:,.0f} t)",
                f"{capacity[r.unit_id]:,.0f} t/d 生产线 {r.month} 月熟料产量 {monthly[(r.unit_id, r.month)]:,.2f} t 不可能（上限约 {limit:,.0f} t）",
                "check the unit (tonnes) and the line's design capacity in lines",
                "请检查单位（吨）及 lines 表中的设计产能",
            )


def _composition_needed(report: CementReport) -> Iterator[Issue]:
    """Before 2024 the composition method needs each month's CaO/MgO of every line."""
    if not uses_composition(dt.date(report.year, 1, 1)):
        return
    given = {(c.unit_id, c.month) for c in report.clinker_composition}
    for i, r in enumerate(report.clinker_output):
        if r.quantity_t > 0 and (r.unit_id, r.month) not in given:
            yield Issue(
                ("clinker_output", i),
                f"data year {report.year} uses the composition method, but line {r.unit_id} "
                f"has no clinker_composition row for month {r.month}",
                f"{report.year} 年度采用成分法，但生产线 {r.unit_id} 缺少 {r.month} 月熟料成分数据",
                "add the month's CaO and MgO of the clinker (and kiln dust) to clinker_composition",
                "请在 clinker_composition 表补充该月熟料CaO、MgO含量（及窑灰量）",
            )
