"""Verification checks of a pulp and paper report: findings, not rejections; codes are stable.

=====================  ========  ============================================================
PPR-MCF-OVERRIDE       info      a wastewater system uses its own MCF instead of the 0.5
                                 recommended for paper mills
PPR-CH4-OUTSIDE        info      wastewater CH4 counts in the guideline total (CO2e) but not in
                                 the CO2-only supplementary table
PPR-NO-WASTEWATER      warning   a pulp facility without anaerobic wastewater data (chemical
                                 pulping effluent is usually treated anaerobically)
REP-…                  …         shared checks (`chinaets.mrv.ndrc.checks`)
=====================  ========  ============================================================
"""

from __future__ import annotations

from collections.abc import Iterator

from chinaets.mrv.findings import Finding
from chinaets.mrv.ndrc.checks import common_findings, sort_findings
from chinaets.mrv.ndrc.results import ReportingResult
from chinaets.mrv.paper.accounting import parameters
from chinaets.mrv.paper.formulas import REF_2015
from chinaets.mrv.paper.schema import PaperReport


def check(report: PaperReport, result: ReportingResult) -> list[Finding]:
    found = [
        *common_findings(parameters(), result),
        *_mcf_override(report),
        *_ch4_outside(result),
        *_no_wastewater(report),
    ]
    return sort_findings(found, [f.unit_id for f in report.facilities])


def _mcf_override(report: PaperReport) -> Iterator[Finding]:
    for r in report.wastewater:
        if r.mcf is not None:
            yield Finding(
                "PPR-MCF-OVERRIDE", "info",
                f"wastewater of {r.unit_id} uses MCF {r.mcf:g} instead of the recommended "
                "0.5: keep the evidence for the verifier",
                f"{r.unit_id} 废水处理采用甲烷修正因子 {r.mcf:g}（推荐值0.5）：请保留依据供核查",
                r.unit_id, None, "wastewater.mcf", REF_2015,
            )  # fmt: skip


def _ch4_outside(result: ReportingResult) -> Iterator[Finding]:
    if result.categories["ch4"] > 0:
        yield Finding(
            "PPR-CH4-OUTSIDE", "info",
            f"wastewater CH4 ({result.categories['ch4']:,.2f} tCO2e) counts in the guideline "
            "total, not in the CO2-only supplementary table",
            f"废水甲烷排放（{result.categories['ch4']:,.2f} tCO2e）计入指南总量，不计入补充数据表（仅CO2）",
            None, None, "wastewater",
        )  # fmt: skip


def _no_wastewater(report: PaperReport) -> Iterator[Finding]:
    pulping = {r.unit_id for r in report.products if r.product == "pulp" and r.quantity > 0}
    for unit_id in sorted(pulping - {r.unit_id for r in report.wastewater}):
        yield Finding(
            "PPR-NO-WASTEWATER", "warning",
            f"{unit_id} makes pulp but reports no anaerobic wastewater treatment: add it, or "
            "confirm the effluent is treated aerobically only",
            f"{unit_id} 生产纸浆但未填废水厌氧处理：请补充，或确认仅采用好氧处理",
            unit_id, None, "wastewater", REF_2015,
        )  # fmt: skip
