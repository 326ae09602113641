"""Findings every industrial sector shares: measured calorific values, the control plan and
the monthly deposits. A sector's ``check`` calls `shared_findings` and adds its own.

==================  ========  ===============================================================
IND-NCV-SWITCH      error     a fuel measured earlier in the year falls back to the default
IND-NCV-MIXED       warning   default NCV in early months, measured later (the choice is
                              fixed for the year)
IND-NCV-COKE        warning   a measured coke NCV was given; coke always uses the default
IND-NCV-LAB         warning   a solid-fuel batch not tested by a CMA/CNAS laboratory
(control plan)                see `control_plan`
(deposits)                    see `deposits`
==================  ========  ===============================================================
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence

from chinaets.mrv.findings import Finding
from chinaets.mrv.industry.combustion import FuelResult
from chinaets.mrv.industry.consistency import SharedTables
from chinaets.mrv.industry.control_plan import Observation, check_control_plan
from chinaets.mrv.industry.deposits import check_deposits
from chinaets.mrv.industry.rules import is_coke
from chinaets.mrv.industry.schema import Method, fuels
from chinaets.rules import ParameterSet

REF_NCV = "CETS-AG-03.01-V01-2024 第6.2节 低位发热量的获取（rules reference §2.1）"
_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


def shared_findings(
    params: ParameterSet,
    year: int,
    report: SharedTables,
    fuel_results: Sequence[FuelResult],
    observations: Sequence[Observation],
) -> list[Finding]:
    """NCV, control-plan and deposit findings. `observations` are the sector's own; the
    fuels' (quantity and NCV per month) are added here."""
    p = params.at(dt.date(year, 1, 1))
    every = [*fuel_observations(fuel_results), *observations]
    return [
        *ncv_findings(fuel_results),
        *check_control_plan(p, report.control_plan, report.meters, report.calibrations, every),
        *check_deposits(params, year, report.deposits),
    ]


def fuel_observations(fuel_results: Iterable[FuelResult]) -> Iterator[Observation]:
    """Fuel quantities are metered; a month's NCV is measured or the default."""
    for fr in fuel_results:
        for m in fr.months:
            yield Observation("fuel_quantity", fr.unit_id, fr.fuel, m.month, "measured")
            source: Method = "measured" if m.ncv_source == "measured" else "default"
            yield Observation("ncv", fr.unit_id, fr.fuel, m.month, source)


def ncv_findings(fuel_results: Iterable[FuelResult]) -> Iterator[Finding]:
    for fr in fuel_results:
        yield from _switches(fr)
        yield from _ignored(fr)


def _switches(fr: FuelResult) -> Iterator[Finding]:
    months = sorted(fr.months, key=lambda m: m.month)
    measured = [m.month for m in months if m.ncv_source == "measured"]
    if not measured or is_coke(fr.fuel):
        return
    zh = fuels()[fr.fuel].zh
    after = [m.month for m in months if m.ncv_source == "default" and m.month > measured[0]]
    before = [m.month for m in months if m.ncv_source == "default" and m.month < measured[0]]
    if after:
        yield Finding(
            "IND-NCV-SWITCH", "error",
            f"{fr.fuel} NCV is measured from month {measured[0]} but months "
            f"{', '.join(map(str, after))} fall back to the default: a measured series may not "
            "revert within the year; give those months' measurements",
            f"{zh}低位发热量自 {measured[0]} 月起实测，但 {', '.join(map(str, after))} 月改用缺省值：年内不得由实测改回缺省值，请补充实测数据",
            fr.unit_id, after[0], "ncv_samples", REF_NCV,
        )  # fmt: skip
    if before:
        yield Finding(
            "IND-NCV-MIXED", "warning",
            f"{fr.fuel} NCV uses the default in months {', '.join(map(str, before))} and is "
            f"measured from month {measured[0]}: the choice is fixed for the year",
            f"{zh}低位发热量 {', '.join(map(str, before))} 月采用缺省值、{measured[0]} 月起实测：全年获取方式应保持一致",
            fr.unit_id, before[0], "ncv_samples", REF_NCV,
        )  # fmt: skip


def _ignored(fr: FuelResult) -> Iterator[Finding]:
    for m in fr.months:
        if not m.ignored:
            continue
        coke = is_coke(fr.fuel)
        yield Finding(
            "IND-NCV-COKE" if coke else "IND-NCV-LAB", "warning",
            (f"measured coke NCV ignored ({'; '.join(m.ignored)}): coke always uses the "
             "Table A.1 default" if coke else
             f"{fr.fuel} batches not counted ({'; '.join(m.ignored)}): use a CMA/CNAS "
             "laboratory, or the month takes the default"),
            ("焦炭低位发热量实测值不予采用，焦炭一律采用表A.1缺省值" if coke else
             f"{fuels()[fr.fuel].zh}批次检测未采用（须由CMA/CNAS资质机构检测），否则该月采用缺省值"),
            fr.unit_id, m.month, "ncv_samples", REF_NCV,
        )  # fmt: skip


def sort_findings(findings: Iterable[Finding], unit_order: Sequence[str]) -> list[Finding]:
    """Errors first, then warnings, then info; within a severity by unit (in the report's
    order), month, code and field."""
    rank = {u: i for i, u in enumerate(unit_order)}

    def order(f: Finding) -> tuple[int, int, int, str, str, str]:
        unit = -1 if f.unit_id is None else rank.get(f.unit_id, len(rank))
        return (_SEVERITY_RANK[f.severity], unit, f.month or 0, f.code, f.field or "", f.en)

    return sorted(findings, key=order)
