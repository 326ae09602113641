"""Verification checks of a copper smelting report: findings, not rejections; codes are stable.

=====================  ========  ============================================================
CU-NO-BLISTER          warning   copper products reported but no blister copper, the
                                 intensity's denominator
CU-COKE-AS-FUEL        warning   coke burned as fuel while no reducing agent is reported (coke
                                 in a smelter is usually a reductant: 2.862 vs 2.862 tCO2/t,
                                 but it leaves the supplementary total)
CU-TEMPLATE-EXCLUDES   info      reductant and flux CO2 the supplementary total leaves out
REP-…                  …         shared checks (`chinaets.mrv.ndrc.checks`)
=====================  ========  ============================================================
"""

from __future__ import annotations

from collections.abc import Iterator

from chinaets.mrv.copper.accounting import DENOMINATOR, parameters
from chinaets.mrv.copper.formulas import REF_2015
from chinaets.mrv.copper.schema import CopperReport
from chinaets.mrv.findings import Finding
from chinaets.mrv.ndrc.checks import common_findings, sort_findings
from chinaets.mrv.ndrc.results import ReportingResult


def check(report: CopperReport, result: ReportingResult) -> list[Finding]:
    found = [
        *common_findings(parameters(), result),
        *_no_blister(report),
        *_coke_as_fuel(report),
        *_outside_table(result),
    ]
    return sort_findings(found, [f.unit_id for f in report.facilities])


def _no_blister(report: CopperReport) -> Iterator[Finding]:
    blister = {r.unit_id for r in report.products if r.product == DENOMINATOR and r.quantity > 0}
    other = {r.unit_id for r in report.products if r.product != DENOMINATOR and r.quantity > 0}
    for unit_id in sorted(other - blister):
        yield Finding(
            "CU-NO-BLISTER", "warning",
            f"smelter {unit_id} reports copper products but no blister copper, the "
            "denominator of the supplementary table's intensity: add its blister output",
            f"冶炼分厂 {unit_id} 填报了铜产品但未填粗铜产量（补充数据表排放强度的分母）：请补充粗铜产量",
            unit_id, None, "products", REF_2015,
        )  # fmt: skip


def _coke_as_fuel(report: CopperReport) -> Iterator[Finding]:
    reducing = {r.unit_id for r in report.reductants}
    for r in report.fuel_use:
        if r.fuel == "coke" and r.unit_id not in reducing:
            yield Finding(
                "CU-COKE-AS-FUEL", "warning",
                f"coke at {r.unit_id} is reported as fuel and no reducing agent is reported: "
                "coke charged to the furnace is a reductant (table reductants)",
                f"{r.unit_id} 焦炭按燃料填报且未填还原剂：入炉焦炭应作为还原剂填入 reductants 表",
                r.unit_id, None, "fuel_use.fuel", REF_2015,
            )  # fmt: skip


def _outside_table(result: ReportingResult) -> Iterator[Finding]:
    for f in result.facilities:
        if f.categories["process"] > 0:
            yield Finding(
                "CU-TEMPLATE-EXCLUDES", "info",
                f"{f.categories['process']:,.2f} tCO2 of reductants and fluxes at {f.unit_id} "
                "count in the guideline total but not in the supplementary table (T18F)",
                f"{f.unit_id} 还原剂与熔剂排放 {f.categories['process']:,.2f} tCO2 计入指南总量，不计入补充数据表",
                f.unit_id, None, "reductants",
            )  # fmt: skip
