"""Who and what may enter the mechanism.

Project eligibility (Art. 9-10): construction started after 2012-11-08; within a published
methodology (and its applicability conditions); not under national or local ETS allowance
management; unique: not in another mechanism (declared, or a CDM project at the same site with
the same technology) and not already a CCER project (a deregistered project cannot return).

Credit eligibility (Art. 17): generated after 2020-09-22; inside the crediting period (at most
10 years for the energy methodologies, from the first claimed reduction, within the project
lifetime); registration applied for within 5 years of generation.
"""

from __future__ import annotations

import datetime as dt
import math

from sqlalchemy import select
from sqlalchemy.orm import Session

from chinaets.ccer import rules
from chinaets.ccer.lifecycle import ProjectState
from chinaets.ccer.methodologies import Methodology
from chinaets.ccer.store import ProjectRow
from chinaets.core.errors import Location, Problem

SAME_SITE_KM = 1.0
"""Two projects closer than this with the same technology are treated as the same site.
A screening rule of chinaets, not of the Measures: the registry compares declarations."""

LEGACY_TECHNOLOGY = {"CCER-01-002-V01": "Wind", "CCER-01-001-V01": "Solar"}
"""Which CDM (GPPD) fuel a methodology's technology corresponds to, for the uniqueness check."""


def _p(field: str, en: str, zh: str, fix_en: str, fix_zh: str) -> Problem:
    return Problem(Location(field=field), en, zh, fix_en, fix_zh)


def construction_problems(start: dt.date, on: dt.date) -> list[Problem]:
    after = rules.date_parameter("construction_start_after", on)
    if start > after:
        return []
    return [
        _p(
            "project.construction_start",
            f"construction started {start}; only projects started after {after} are eligible (Art. 9)",
            f"项目开工日期为 {start}；仅 {after} 之后开工建设的项目可以申请（第九条）",
            "check the construction permit date; earlier projects cannot register",
            "请核对开工日期；此前开工的项目不能申请登记",
        )
    ]


def exclusion_problems(under_ets: bool, other_mechanisms: list[str]) -> list[Problem]:
    out = []
    if under_ets:
        out.append(
            _p(
                "project.under_ets_allowance_management",
                "projects under national or local ETS allowance management cannot register (Art. 10)",
                "纳入全国或地方碳排放权交易市场配额管理的项目不得申请登记（第十条）",
                "such emissions are covered by allowances; they cannot also earn CCER",
                "此类排放已受配额管理，不能再产生 CCER",
            )
        )
    if other_mechanisms:
        names = ", ".join(other_mechanisms)
        out.append(
            _p(
                "project.other_mechanisms",
                f"the project is registered in another mechanism ({names}): double registration is forbidden",
                f"项目已在其他减排机制登记（{names}），不得重复登记",
                "withdraw from the other mechanism first, or do not apply",
                "请先退出其他机制，否则不能申请",
            )
        )
    return out


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius 6,371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def duplicate_problems(
    session: Session, method: Methodology, lat: float, lon: float, ignore: str = ""
) -> list[Problem]:
    """Another project (CCER or legacy CDM) with the same technology at the same site."""
    legacy_tech = LEGACY_TECHNOLOGY.get(method.id)
    query = select(ProjectRow).where(
        ProjectRow.latitude.is_not(None),
        ProjectRow.latitude.between(lat - 0.05, lat + 0.05),
        ProjectRow.id != ignore,
    )
    for row in session.scalars(query):
        same_tech = row.methodology == method.id or (row.legacy and row.methodology == legacy_tech)
        if not same_tech or row.longitude is None:
            continue
        km = distance_km(lat, lon, row.latitude or 0.0, row.longitude)
        if km < SAME_SITE_KM:
            return [_same_site(row, km)]
    return []


def _same_site(row: ProjectRow, km: float) -> Problem:
    if row.legacy:
        en = f"the CDM project {row.external_ref} '{row.name}' is {km:.2f} km away with the same technology: double registration"
        zh = f"同一场址（相距 {km:.2f} 公里）已有相同技术的清洁发展机制项目 {row.external_ref}“{row.name}”，不得重复登记"
    elif row.state == ProjectState.DEREGISTERED:
        en = f"project {row.id} at this site was deregistered and cannot register again (Art. 16)"
        zh = f"该场址的项目 {row.id} 已注销登记，不得再次申请登记（第十六条）"
    else:
        en = f"project {row.id} '{row.name}' already uses this site and technology"
        zh = f"该场址已有相同技术的项目 {row.id}“{row.name}”"
    return _p(
        "project.latitude",
        en,
        zh,
        "one site and technology may be registered once",
        "同一场址同一技术只能登记一次",
    )


def crediting_end(method: Methodology, start: dt.date) -> dt.date:
    years = int(rules.at(start)(method.crediting_max_parameter))
    return add_years(start, years) - dt.timedelta(days=1)


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a non-leap year
        return day.replace(year=day.year + years, day=28)


def period_problems(
    row: ProjectRow, method: Methodology, start: dt.date, end: dt.date, filed_on: dt.date
) -> list[Problem]:
    """Credit eligibility of a monitoring period when its report is filed (Art. 17)."""
    after = rules.date_parameter("reduction_generated_after", filed_on)
    checks = (
        (
            end < start,
            "period_end",
            f"the period ends {end}, before it starts {start}",
            f"监测期结束日 {end} 早于开始日 {start}",
            "swap or correct the dates",
            "请更正日期",
        ),
        (
            end > filed_on,
            "period_end",
            f"the period ends {end}, after the report date {filed_on}",
            f"监测期结束日 {end} 晚于报告日期 {filed_on}",
            "report only reductions that already happened",
            "只能核算已产生的减排量",
        ),
        (
            start <= after,
            "period_start",
            f"reductions must be generated after {after}; the period starts {start} (Art. 17)",
            f"减排量须产生于 {after} 之后；监测期开始于 {start}（第十七条）",
            f"start the period on or after {after + dt.timedelta(days=1)}",
            "请调整监测期起始日",
        ),
        (
            row.crediting_start is not None and start < row.crediting_start,
            "period_start",
            f"the period starts {start}, before the crediting period ({row.crediting_start})",
            f"监测期开始于 {start}，早于计入期起始日 {row.crediting_start}",
            "claim only reductions inside the crediting period",
            "只能申请计入期内的减排量",
        ),
        (
            row.crediting_end is not None and end > row.crediting_end,
            "period_end",
            f"the period ends {end}, after the crediting period ends ({row.crediting_end}; at most {rules.at(filed_on)(method.crediting_max_parameter)} years)",
            f"监测期结束于 {end}，晚于计入期结束日 {row.crediting_end}",
            "end the period inside the crediting period",
            "请在计入期内结束监测期",
        ),
    )
    return [_p(f, en, zh, fe, fz) for failed, f, en, zh, fe, fz in checks if failed]


def claim_window_problems(start: dt.date, applied_on: dt.date) -> list[Problem]:
    """Reductions must be generated within 5 years before the registration application."""
    years = int(rules.at(applied_on)("reduction_claim_window_years"))
    earliest = add_years(applied_on, -years)
    if start >= earliest:
        return []
    return [
        _p(
            "applied_on",
            f"the reductions began {start}, more than {years} years before the application on {applied_on} (Art. 17)",
            f"减排量产生于 {start}，早于申请登记之日（{applied_on}）前 {years} 年（第十七条）",
            f"apply by {add_years(start, years)} or claim a later period",
            f"请于 {add_years(start, years)} 前申请，或只申请较晚的减排量",
        )
    ]
