"""Worked cases of the CCER methodologies (`cases/*.yaml`), run by `chinaets rules test` and
pytest with the shared runner of `chinaets.rules.cases`.

A case's input names the methodology, the first day of the monitoring period (which picks the
parameter values and formula version in force), the project's site facts from the design
document and the monitoring data::

    input:
      methodology: CCER-01-002-V01
      period_start: 2025-01-01
      project: {grid: east, capacity_mw: 300, grid_connection_date: 2024-06-30, ...}
      monitoring: {meters: [{direction: export, mwh: 1200000}]}
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from chinaets.ccer import rules
from chinaets.ccer.methodologies import Methodology, ReductionResult, get_methodology
from chinaets.ccer.methodologies.base import parse
from chinaets.core.errors import InputError, Location
from chinaets.rules.cases import CaseOutcome, WorkedCase, load_cases, run_case


def _date(value: Any, field: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InputError.one(
            Location(field=field),
            f"'{value}' is not a date",
            f"“{value}”不是有效日期",
            "write YYYY-MM-DD",
            "请按 YYYY-MM-DD 填写",
        ) from None


def applicable_site(method: Methodology, site_data: Any, on: dt.date) -> Any:
    """The design document's site facts, parsed and checked against the applicability rules."""
    site = parse(method.site_model, site_data, "project.site")
    problems = method.applicability(rules.at(on), site)
    if problems:
        raise InputError(problems)
    return site


def calculate(
    method: Methodology, site: Any, monitoring: Any, period_start: dt.date
) -> ReductionResult:
    mon = parse(method.monitoring_model, monitoring, "monitoring")
    return method.compute(rules.at(period_start), site, mon)


def compute_case(data: dict[str, Any]) -> dict[str, Any]:
    start = _date(data.get("period_start", f"{data['year']}-01-01"), "period_start")
    applied = _date(data["applied_on"], "applied_on") if "applied_on" in data else None
    method = get_methodology(str(data.get("methodology")), applied)
    site = applicable_site(method, data.get("project"), start)
    problems = method.period_check(site, start)
    if problems:
        raise InputError(problems)
    return calculate(method, site, data.get("monitoring"), start).as_dict()


def run_all() -> list[CaseOutcome]:
    return [run_case(case, compute_case) for case in cases()]


def cases() -> list[WorkedCase]:
    return load_cases(rules.CASES_DIR)


LAW_BOOK = rules.LAW.computing(compute_case)
"""The CCER methodology cases, for `chinaets rules test` (listed by `chinaets.laws`)."""
