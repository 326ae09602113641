"""Verification checks of a cement report: findings, not rejections. Thresholds are dated,
cited parameters (``parameters/check_*.yaml``); codes are stable.

=========================  ========  ==========================================================
code                       severity  finding
=========================  ========  ==========================================================
CEM-DEDUCTION-EXCEEDS      error     deductions exceed a line's clinker emissions (floored at 0)
CEM-CLINKER-NO-FUEL        error     clinker in a month without fuel
CEM-FACTOR-RANGE           warning   composition-method factor far from the type's default
CEM-CAO-RANGE              warning   Portland clinker CaO outside the plausible band
CEM-MGO-MAX                warning   Portland clinker MgO above the product standard's limit
CEM-FUEL-NO-CLINKER        warning   fuel burned in a month without clinker
CEM-MONTH-MISSING          warning   a month with no clinker while other months have some
CEM-ALT-UNUSED             info      alternative raw materials under the composition method
                                     (already in its non-carbonate CaO/MgO)
CEM-COMPOSITION-UNUSED     info      composition data under the clinker-factor method
CEM-WHITE-ONLY             info      a line making only white Portland clinker (2025
                                     allocation: allowances = verified emissions)
IND-…                      …         shared checks (NCV, control plan, meters, deposits)
=========================  ========  ==========================================================
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from chinaets.mrv.cement.accounting import parameters
from chinaets.mrv.cement.formulas import REF_2024, uses_composition
from chinaets.mrv.cement.results import EntityResult, LineResult
from chinaets.mrv.cement.schema import CementReport
from chinaets.mrv.findings import Finding
from chinaets.mrv.industry.checks import shared_findings, sort_findings
from chinaets.mrv.industry.combustion import FuelResult
from chinaets.mrv.industry.control_plan import Observation

REF_S5 = "2024、2025年度钢铁、水泥、铝冶炼行业配额总量和分配方案（rules reference §1.4）"


def check(report: CementReport, result: EntityResult) -> list[Finding]:
    params = parameters()
    found = shared_findings(params, report.year, report, _all_fuels(result), observations(report))
    for line in result.lines:
        found += _line_findings(report, line)
    found += _composition_findings(report)
    found += _method_inputs(report)
    return sort_findings(found, [line.unit_id for line in report.lines])


def _all_fuels(result: EntityResult) -> list[FuelResult]:
    return [fr for line in result.lines for fr in line.fuels]


def observations(report: CementReport) -> list[Observation]:
    """How the cement parameters were obtained, month by month (for the control plan)."""
    obs = [
        Observation("clinker_output", r.unit_id, r.clinker_type, r.month, r.source)
        for r in report.clinker_output
    ]
    obs += [
        Observation("alt_raw_material", r.unit_id, r.material, r.month, r.source)
        for r in report.alt_raw_materials
    ]
    for c in report.clinker_composition:
        obs += [
            Observation(name, c.unit_id, "", c.month, "measured")
            for name in ("clinker_cao", "clinker_mgo")
        ]
    return obs


def _line_findings(report: CementReport, line: LineResult) -> list[Finding]:
    found: list[Finding] = []
    if line.process.floored:
        found.append(
            Finding(
                "CEM-DEDUCTION-EXCEEDS",
                "error",
                f"deductions for alternative raw materials ({line.process.deducted_tco2:,.2f} "
                f"tCO2) exceed the clinker process emissions ({line.process.gross_tco2:,.2f} "
                "tCO2); process emissions are set to 0: check the quantities (dry basis, tonnes)",
                f"替代原料扣减量（{line.process.deducted_tco2:,.2f} tCO2）超过熟料过程排放（{line.process.gross_tco2:,.2f} tCO2），过程排放按0计：请核对使用量（干基，吨）",
                line.unit_id,
                None,
                "alt_raw_materials.quantity_t",
                REF_2024,
            )
        )
    found += _months(report, line.unit_id)
    if {c.clinker_type for c in line.process.clinker} == {"white_portland"}:
        found.append(
            Finding(
                "CEM-WHITE-ONLY",
                "info",
                "the line makes only white Portland clinker: its 2025 allowances equal its "
                "verified emissions",
                "该生产线仅生产白色硅酸盐水泥熟料：2025年度配额等于核查排放量",
                line.unit_id,
                None,
                "clinker_output.clinker_type",
                REF_S5,
            )
        )
    return found


def _months(report: CementReport, unit_id: str) -> Iterator[Finding]:
    clinker = {r.month for r in report.clinker_output if r.unit_id == unit_id and r.quantity_t > 0}
    fuel = {r.month for r in report.fuel_use if r.unit_id == unit_id and r.quantity > 0}
    for m in sorted(clinker - fuel):
        yield Finding(
            "CEM-CLINKER-NO-FUEL", "error",
            f"clinker in month {m} but no fuel: a kiln cannot calcine without fuel; add the "
            "month's fuel_use",
            f"{m} 月有熟料产量但无燃料消耗：熟料煅烧必须消耗燃料，请补充该月 fuel_use",
            unit_id, m, "fuel_use",
        )  # fmt: skip
    for m in sorted(fuel - clinker):
        yield Finding(
            "CEM-FUEL-NO-CLINKER", "warning",
            f"fuel burned in month {m} but no clinker: explain (kiln start-up, drying) or "
            "add the output",
            f"{m} 月有燃料消耗但无熟料产量：请说明原因（点火、烘干等）或补充产量",
            unit_id, m, "clinker_output",
        )  # fmt: skip
    if clinker:
        for m in sorted(set(range(min(clinker), max(clinker) + 1)) - clinker - fuel):
            yield Finding(
                "CEM-MONTH-MISSING", "warning",
                f"no data for month {m} although months before and after have clinker: "
                "confirm a shutdown or add the month",
                f"{m} 月无数据，但前后月份均有熟料产量：请确认停产或补充数据",
                unit_id, m, "clinker_output",
            )  # fmt: skip


def _composition_findings(report: CementReport) -> Iterator[Finding]:
    p = parameters().at(dt.date(report.year, 1, 1))
    low, high = (float(p("check_clinker_cao_pct_range", b)) for b in ("low", "high"))
    mgo_max = float(p("check_clinker_mgo_pct_max"))
    tolerance = float(p("check_clinker_factor_tolerance"))
    # composition-method factors (before the default factors existed) are compared with the
    # first published default factors
    first = parameters()["clinker_emission_factor"].values[0].start
    benchmark = parameters().at(max(p.when, first))
    portland = float(benchmark("clinker_emission_factor", "portland"))
    types = {(r.unit_id, r.month): r.clinker_type for r in report.clinker_output}
    for c in report.clinker_composition:
        if types.get((c.unit_id, c.month), "portland") != "portland":
            continue
        if not low <= c.cao_pct <= high:
            yield Finding(
                "CEM-CAO-RANGE", "warning",
                f"clinker CaO {c.cao_pct:g} % is outside {low:g}–{high:g} % for Portland clinker: "
                "check the lab report",
                f"熟料CaO含量 {c.cao_pct:g}% 超出硅酸盐熟料 {low:g}–{high:g}% 的合理区间：请核对化验报告",
                c.unit_id, c.month, "clinker_composition.cao_pct",
                p.used("check_clinker_cao_pct_range", "low").dated.reference,
            )  # fmt: skip
        if c.mgo_pct > mgo_max:
            yield Finding(
                "CEM-MGO-MAX", "warning",
                f"clinker MgO {c.mgo_pct:g} % exceeds {mgo_max:g} %: check the lab report",
                f"熟料MgO含量 {c.mgo_pct:g}% 超过 {mgo_max:g}%：请核对化验报告",
                c.unit_id, c.month, "clinker_composition.mgo_pct",
                p.used("check_clinker_mgo_pct_max").dated.reference,
            )  # fmt: skip
        factor = (c.cao_pct - c.noncarbonate_cao_pct) * 0.44 / 0.56 / 100 + (
            c.mgo_pct - c.noncarbonate_mgo_pct
        ) * 0.44 / 0.40 / 100
        if abs(factor - portland) > tolerance * portland:
            yield Finding(
                "CEM-FACTOR-RANGE", "warning",
                f"the composition gives {factor:.4f} tCO2/t clinker, more than {tolerance:.0%} "
                f"from the Portland default {portland:g}: check CaO, MgO and the non-carbonate "
                "shares",
                f"按成分计算的熟料排放因子 {factor:.4f} tCO2/t，偏离硅酸盐熟料缺省值 {portland:g} 超过 {tolerance:.0%}：请核对CaO、MgO及非碳酸盐部分",
                c.unit_id, c.month, "clinker_composition",
                p.used("check_clinker_factor_tolerance").dated.reference,
            )  # fmt: skip


def _method_inputs(report: CementReport) -> Iterator[Finding]:
    composition = uses_composition(dt.date(report.year, 1, 1))
    if composition and report.alt_raw_materials:
        yield Finding(
            "CEM-ALT-UNUSED", "info",
            f"data year {report.year} uses the composition method: alternative raw materials "
            "enter through the non-carbonate CaO/MgO, not as deductions",
            f"{report.year} 年度采用成分法：替代原料通过非碳酸盐CaO/MgO体现，不另行扣减",
            field="alt_raw_materials",
        )  # fmt: skip
    if not composition and report.clinker_composition:
        yield Finding(
            "CEM-COMPOSITION-UNUSED", "info",
            f"data year {report.year} uses the clinker-factor method: the composition data are "
            "kept for the record but not used",
            f"{report.year} 年度采用熟料排放因子法：熟料成分数据仅作记录，不参与计算",
            field="clinker_composition",
        )  # fmt: skip
