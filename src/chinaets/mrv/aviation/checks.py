"""Verification checks of a civil aviation report: findings, not rejections; codes are stable.

=====================  ========  ============================================================
AVI-NO-TURNOVER        warning   domestic flights with fuel but no transport turnover
AVI-OUTSIDE-TABLE      info      CO2 of international/regional or excluded flights: in the
                                 guideline total, not in the supplementary table
AVI-BIOFUEL            info      blended bio-jet fuel: only the fossil part is counted; keep
                                 the blending evidence
AVI-NO-BUILDINGS       warning   an airport without its buildings (the table's second intensity)
REP-…                  …         shared checks (`chinaets.mrv.ndrc.checks`)
=====================  ========  ============================================================
"""

from __future__ import annotations

from collections.abc import Iterator

from chinaets.mrv.aviation.accounting import parameters
from chinaets.mrv.aviation.formulas import REF_2013, is_template_flight
from chinaets.mrv.aviation.schema import AviationReport
from chinaets.mrv.findings import Finding
from chinaets.mrv.ndrc.checks import common_findings, sort_findings
from chinaets.mrv.ndrc.results import ReportingResult

REF_T18 = "2018年度航空公司补充数据表（生态环境部，rules reference reporting-sectors.md §8 [S]）"


def check(report: AviationReport, result: ReportingResult) -> list[Finding]:
    found = [
        *common_findings(parameters(), result),
        *_flights(report),
        *_outside(result),
        *_buildings(report),
    ]
    return sort_findings(found, [f.unit_id for f in report.facilities])


def _flights(report: AviationReport) -> Iterator[Finding]:
    for i, r in enumerate(report.flights):
        if r.scope == "domestic" and not r.excluded and r.fuel_t > 0 and r.turnover_10k_tkm == 0:
            yield Finding(
                "AVI-NO-TURNOVER", "warning",
                f"flights row {i + 1} ({r.aircraft_type}, domestic) burns {r.fuel_t:,.1f} t "
                "but has no transport turnover: add it from the CAAC statistics",
                f"第 {i + 1} 行（{r.aircraft_type}，国内）燃油 {r.fuel_t:,.1f} t 但无运输周转量：请按民航统计补充",
                r.unit_id, None, "flights.turnover_10k_tkm", REF_T18,
            )  # fmt: skip
        if r.biofuel_share_pct > 0:
            yield Finding(
                "AVI-BIOFUEL", "info",
                f"{r.biofuel_share_pct:g} % bio-jet in flights row {i + 1}: only the fossil "
                "part is counted; keep the blending certificates",
                f"第 {i + 1} 行掺混生物航煤 {r.biofuel_share_pct:g}%：仅计化石部分，请保留掺混证明",
                r.unit_id, None, "flights.biofuel_share_pct", REF_2013,
            )  # fmt: skip


def _outside(result: ReportingResult) -> Iterator[Finding]:
    outside = sum(
        s.tco2e
        for f in result.facilities
        for s in f.sources
        if s.item.startswith("flight:") and not is_template_flight(s)
    )
    if outside > 0:
        yield Finding(
            "AVI-OUTSIDE-TABLE", "info",
            f"{outside:,.2f} tCO2 of international, regional or excluded flights count in the "
            "guideline total, not in the supplementary table (domestic commercial flights only)",
            f"国际、港澳台及排除航班排放 {outside:,.2f} tCO2 计入指南总量，不计入补充数据表（仅国内商业航段）",
            None, None, "flights.scope", REF_T18,
        )  # fmt: skip


def _buildings(report: AviationReport) -> Iterator[Finding]:
    if report.entity.operator_kind == "airport" and not report.buildings:
        yield Finding(
            "AVI-NO-BUILDINGS", "warning",
            "an airport reports its terminal and office buildings (floor area, in service "
            "since) for the table's intensity per 10^4 m2",
            "机场须填报航站楼、办公楼的建筑面积和投运日期（用于单位面积排放强度）",
            None, None, "buildings",
        )  # fmt: skip
