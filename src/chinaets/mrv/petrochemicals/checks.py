"""Verification checks of a petrochemical report: findings, not rejections; codes are stable.

======================  ========  ===========================================================
PET-ASPHALT-FACTOR      info      oxidised asphalt counted with the UNCERTAIN factor (0.05 vs
                                  0.03 tCO2/t)
PET-FLARE-DEFAULT-CN    info      an accident flare with the default carbon atoms per molecule
PET-CARBON-NEGATIVE     warning   a carbon-balance unit (hydrogen plant, calcining, EO/EG)
                                  gives negative CO2
PET-NO-FLARE            info      a refinery reports no flare (every refinery has one)
REP-…                   …         shared checks (`chinaets.mrv.ndrc.checks`)
======================  ========  ===========================================================
"""

from __future__ import annotations

from collections.abc import Iterator

from chinaets.mrv.findings import Finding
from chinaets.mrv.ndrc.checks import common_findings, sort_findings
from chinaets.mrv.ndrc.results import ReportingResult
from chinaets.mrv.petrochemicals.accounting import parameters
from chinaets.mrv.petrochemicals.formulas import REF_2014
from chinaets.mrv.petrochemicals.schema import PetroReport

BALANCES = {
    "hydrogen": "hydrogen_plants",
    "coke_calcining": "coke_calcining",
    "ethylene_oxide": "ethylene_oxide",
}
"""Carbon-balance sources and the input table each comes from."""


def check(report: PetroReport, result: ReportingResult) -> list[Finding]:
    found = [
        *common_findings(parameters(), result),
        *_asphalt(report),
        *_default_cn(report),
        *_negative_balance(result),
        *_no_flare(report),
    ]
    return sort_findings(found, [f.unit_id for f in report.facilities])


def _asphalt(report: PetroReport) -> Iterator[Finding]:
    if report.asphalt:
        yield Finding(
            "PET-ASPHALT-FACTOR", "info",
            "oxidised asphalt is counted at 0.05 tCO2/t, a value not confirmed by the "
            "guideline's text (0.03 also circulates)",
            "氧化沥青按 0.05 tCO2/t 计，该值未经指南原文确认（另有 0.03 之说）",
            None, None, "asphalt", REF_2014,
        )  # fmt: skip


def _default_cn(report: PetroReport) -> Iterator[Finding]:
    for r in report.flares:
        if r.kind == "accident" and r.carbon_atoms is None:
            yield Finding(
                "PET-FLARE-DEFAULT-CN", "info",
                f"the accident flare of {r.unit_id} uses the default carbon atoms "
                f"({r.system} system); a gas analysis replaces it",
                f"{r.unit_id} 事故火炬采用平均碳原子数缺省值；可用气体分析结果替代",
                r.unit_id, None, "flares.carbon_atoms", REF_2014,
            )  # fmt: skip


def _negative_balance(result: ReportingResult) -> Iterator[Finding]:
    for f in result.facilities:
        for s in f.sources:
            if s.item in BALANCES and s.tco2e < 0:
                yield Finding(
                    "PET-CARBON-NEGATIVE", "warning",
                    f"{s.item} at {f.unit_id} gives {s.tco2e:,.2f} tCO2: more carbon out than "
                    "in; check the carbon contents and quantities",
                    f"{f.unit_id} {s.label} 为 {s.tco2e:,.2f} tCO2：输出碳大于输入，请核对含碳量与数量",
                    f.unit_id, None, BALANCES[s.item], REF_2014,
                )  # fmt: skip


def _no_flare(report: PetroReport) -> Iterator[Finding]:
    refineries = {r.unit_id for r in report.products if r.product == "crude_throughput"}
    for unit_id in sorted(refineries - {r.unit_id for r in report.flares}):
        yield Finding(
            "PET-NO-FLARE", "info",
            f"refinery {unit_id} reports no flare: add its normal flaring if any",
            f"炼厂 {unit_id} 未填火炬燃烧：如有正常火炬请补充",
            unit_id, None, "flares", REF_2014,
        )  # fmt: skip
