"""Verification checks of a chemical report: findings, not rejections; codes are stable.

=======================  ========  ==========================================================
CHM-CARBON-NEGATIVE      warning   a plant's carbon balance puts out more carbon than it takes
                                   in (a product's carbon content or a missing input?)
CHM-N2O-UNABATED         info      a nitric or adipic acid plant without N2O abatement
CHM-N2O-OUTSIDE          info      N2O counts in the guideline total (CO2e), not in the CO2-only
                                   supplementary table
REP-…                    …         shared checks (`chinaets.mrv.ndrc.checks`)
=======================  ========  ==========================================================
"""

from __future__ import annotations

from collections.abc import Iterator

from chinaets.mrv.chemicals.accounting import parameters
from chinaets.mrv.chemicals.formulas import REF_2013
from chinaets.mrv.chemicals.schema import ChemicalReport
from chinaets.mrv.findings import Finding
from chinaets.mrv.ndrc.checks import common_findings, sort_findings
from chinaets.mrv.ndrc.results import ReportingResult


def check(report: ChemicalReport, result: ReportingResult) -> list[Finding]:
    found = [
        *common_findings(parameters(), result),
        *_negative_balance(result),
        *_unabated(report),
        *_n2o_outside(result),
    ]
    return sort_findings(found, [f.unit_id for f in report.facilities])


def _negative_balance(result: ReportingResult) -> Iterator[Finding]:
    for f in result.facilities:
        for s in f.sources:
            if s.item == "carbon_balance" and s.tco2e < 0:
                yield Finding(
                    "CHM-CARBON-NEGATIVE", "warning",
                    f"the carbon balance of {f.unit_id} is negative ({s.tco2e:,.2f} tCO2): "
                    "products and wastes carry more carbon than the inputs; check the "
                    "carbon contents and that every fossil raw material is listed",
                    f"{f.unit_id} 碳平衡为负（{s.tco2e:,.2f} tCO2）：产品和废物含碳量大于输入，请核对含碳量及原料是否齐全",
                    f.unit_id, None, "carbon_flows", REF_2013,
                )  # fmt: skip


def _unabated(report: ChemicalReport) -> Iterator[Finding]:
    for table, zh in (("nitric_acid", "硝酸"), ("adipic_acid", "己二酸")):
        for r in getattr(report, table):
            if r.abatement == "none" and r.quantity_t > 0:
                yield Finding(
                    "CHM-N2O-UNABATED", "info",
                    f"{table.replace('_', ' ')} at {r.unit_id} has no N2O abatement",
                    f"{r.unit_id} {zh}生产未采用N2O处理技术",
                    r.unit_id, None, f"{table}.abatement", REF_2013,
                )  # fmt: skip


def _n2o_outside(result: ReportingResult) -> Iterator[Finding]:
    if result.categories["n2o"] > 0:
        yield Finding(
            "CHM-N2O-OUTSIDE", "info",
            f"process N2O ({result.categories['n2o']:,.2f} tCO2e) counts in the guideline "
            "total, not in the CO2-only supplementary table",
            f"过程N2O排放（{result.categories['n2o']:,.2f} tCO2e）计入指南总量，不计入补充数据表（仅CO2）",
            None, None, "nitric_acid",
        )  # fmt: skip
