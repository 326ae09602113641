"""Verification checks of fuel data: lab results, carbon content and how consumption is metered
(CETS-VG-01.01-V02-2026 tables 7–11; rules reference power §1.4–§1.5)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from chinaets.mrv.findings import Finding
from chinaets.mrv.power import formulas
from chinaets.mrv.power.accounting import parameters
from chinaets.mrv.power.checks_base import VG_2026, CheckContext, by_fuel, is_coal
from chinaets.mrv.power.results import FuelMonth
from chinaets.mrv.power.schema import LabResult, Unit, fuels

MEASURED = ("measured", "mixed")


def coal_carbon_per_heat(ctx: CheckContext) -> Iterator[Finding]:
    """Measured C_ar / NCV_ar of a coal against its type's reference value (tC/TJ)."""
    tolerance, reference = ctx.value("check_coal_cc_tolerance")
    for unit, result in ctx.units():
        for fm in result.fuel_months:
            expected = fuels()[fm.fuel].cc_reference_tc_per_tj
            if expected is None or fm.quantity <= 0 or not _fully_measured(fm):
                continue
            cc = fm.carbon_content * 1000
            if abs(cc - expected) > tolerance * expected:
                yield Finding(
                    "PWR-CC-RANGE", "warning",
                    f"measured carbon per unit heat of {fm.fuel} is {cc:.2f} tC/TJ, more than "
                    f"{tolerance:.0%} from the reference {expected:.2f} tC/TJ: check the lab "
                    "report, the basis conversion and the NCV",
                    f"{fuels()[fm.fuel].zh}单位热值含碳量实测值 {cc:.2f} tC/TJ，偏离参考值 "
                    f"{expected:.2f} tC/TJ 超过 {tolerance:.0%}，请核对化验报告、基准换算和低位发热量",
                    unit.unit_id, fm.month, "lab_results.carbon_pct", f"{VG_2026} 表8; {reference}",
                )  # fmt: skip


def _fully_measured(fm: FuelMonth) -> bool:
    return fm.carbon_source == "measured" and fm.ncv_source == "measured"


def dry_ash_free_carbon_pct(lab: LabResult) -> float | None:
    """C_daf = C_ad × 100 / (100 − M_ad − A_ad), from any basis (GB/T 483); None when the
    moistures or the ash needed are not given."""
    c, m_ad, a_ad = lab.carbon_pct, lab.moisture_ad_pct, lab.ash_ad_pct
    if c is None or m_ad is None or a_ad is None or m_ad + a_ad >= 100:
        return None
    if lab.basis == "d":
        c = c * (100 - m_ad) / 100
    elif lab.basis == "ar":
        m_ar = lab.moisture_ar_pct
        if m_ar is None or m_ar >= 100:
            return None
        c = c * (100 - m_ad) / (100 - m_ar)
    return c * 100 / (100 - m_ad - a_ad)


def daf_carbon(ctx: CheckContext) -> Iterator[Finding]:
    """Dry-ash-free carbon of each coal sample within its coal type's range."""
    for lab in ctx.report.lab_results:
        fuel = fuels()[lab.fuel]
        daf = dry_ash_free_carbon_pct(lab)
        if fuel.daf_carbon_pct is None or daf is None:
            continue
        low, high = fuel.daf_carbon_pct
        if not low <= daf <= high:
            yield Finding(
                "PWR-DAF-RANGE", "warning",
                f"sample {lab.sample_id}: dry-ash-free carbon {daf:.1f} % is outside "
                f"{low:g}–{high:g} % for {fuel.en}: check the coal type, the basis and the ash",
                f"样品 {lab.sample_id}：干燥无灰基碳 {daf:.1f}% 超出{fuel.zh}的合理区间 "
                f"{low:g}–{high:g}%，请核对煤种、基准和灰分",
                lab.unit_id, lab.month, "lab_results.carbon_pct", f"{VG_2026} 表8",
            )  # fmt: skip


def gas_quality(ctx: CheckContext) -> Iterator[Finding]:
    """Measured gas carbon and NCV within the guide's ranges."""
    c_low, c_high, c_ref = ctx.bounds("check_gas_carbon_range")
    n_low, n_high, n_ref = ctx.bounds("check_gas_ncv_range")
    for lab in ctx.report.lab_results:
        if fuels()[lab.fuel].category != "gas":
            continue
        carbon, ncv = lab.carbon_t_per_10k_nm3, lab.ncv
        if carbon is not None and not c_low <= carbon <= c_high:
            yield Finding(
                "PWR-GAS-CARBON", "warning",
                f"sample {lab.sample_id}: gas carbon {carbon:g} tC/10^4 Nm3 is outside "
                f"{c_low:g}–{c_high:g}: check the unit (tC per 10^4 Nm3) and the lab report",
                f"样品 {lab.sample_id}：燃气含碳量 {carbon:g} tC/万Nm3 超出合理区间 "
                f"{c_low:g}–{c_high:g}，请核对单位和化验报告",
                lab.unit_id, lab.month, "lab_results.carbon_t_per_10k_nm3", c_ref,
            )  # fmt: skip
        if ncv is not None and not n_low <= ncv <= n_high:
            yield Finding(
                "PWR-GAS-NCV", "warning",
                f"sample {lab.sample_id}: gas NCV {ncv:g} GJ/10^4 Nm3 is outside "
                f"{n_low:g}–{n_high:g}: check the unit and the lab report",
                f"样品 {lab.sample_id}：燃气低位发热量 {ncv:g} GJ/万Nm3 超出合理区间 "
                f"{n_low:g}–{n_high:g}，请核对单位和化验报告",
                lab.unit_id, lab.month, "lab_results.ncv", n_ref,
            )  # fmt: skip


def rejected_lab_results(ctx: CheckContext) -> Iterator[Finding]:
    """Each carbon result the lab rules of its month reject (replaced by the default)."""
    for lab in ctx.report.lab_results:
        if lab.carbon_pct is None and lab.carbon_t_per_10k_nm3 is None:
            continue
        when = dt.date(ctx.year, lab.month, 1)
        reason = formulas.lab_compliance.at(when)(parameters().at(when), lab)
        if reason is None:
            continue
        field = "lab_results.lab" if lab.lab == "other" else "lab_results.days_to_report"
        yield Finding(
            "PWR-LAB-REJECTED", "warning",
            f"sample {lab.sample_id} of {lab.fuel} does not count: {reason}; the month uses "
            "the default carbon content for it",
            f"样品 {lab.sample_id}（{fuels()[lab.fuel].zh}）不予采信：{_reason_zh(lab, reason)}；"
            "该样品以缺省值计",
            lab.unit_id, lab.month, field, formulas.lab_compliance.version_at(when).reference,
        )  # fmt: skip


def _reason_zh(lab: LabResult, reason_en: str) -> str:
    if lab.lab == "other":
        return "检测机构既非企业自有实验室，也不具备CMA或CNAS资质"
    if lab.days_to_report is not None:
        return f"采样后第 {lab.days_to_report} 天才出具报告，超过时限"
    return reason_en


def carbon_measurement(ctx: CheckContext) -> Iterator[Finding]:
    """Months on the default carbon content: a switch back from measured, the costly coal
    default, and (2021–2022 data) too few measured months."""
    minimum, min_reference = ctx.value("check_min_measured_months")
    for unit, result in ctx.units():
        for fuel, months in by_fuel(result).items():
            if fuels()[fuel].category == "biomass":
                continue
            burned = [fm for fm in months if fm.quantity > 0]
            yield from _defaults(unit, fuel, burned)
            yield from _few_measured(unit, fuel, burned, int(minimum), min_reference)


def _few_measured(
    unit: Unit, fuel: str, burned: list[FuelMonth], minimum: int, reference: str
) -> Iterator[Finding]:
    measured = sum(fm.carbon_source in MEASURED for fm in burned)
    defaults = [fm.default_cc.value for fm in burned if fm.default_cc is not None]
    if not is_coal(fuel) or measured >= minimum or not defaults:
        return
    yield Finding(
        "PWR-CC-FEW-MEASURED", "warning",
        f"{fuel}: element carbon measured in only {measured} of {len(burned)} months (fewer "
        f"than {minimum}); the June-2022 notice puts every unmeasured month on the default "
        f"{defaults[0]:g} tC/GJ",
        f"{fuels()[fuel].zh}元素碳全年仅 {measured} 个月实测（少于 {minimum} 个月），按2022年6月"
        f"通知，缺测月份采用缺省值 {defaults[0]:g} tC/GJ",
        unit.unit_id, None, "lab_results.carbon_pct", reference,
    )  # fmt: skip


def _defaults(unit: Unit, fuel: str, burned: list[FuelMonth]) -> Iterator[Finding]:
    first = next((fm.month for fm in burned if fm.carbon_source in MEASURED), None)
    for fm in burned:
        if fm.carbon_source != "default":
            continue
        if first is not None and fm.month > first:
            yield Finding(
                "PWR-CC-SWITCH", "error",
                f"{fuel} was measured from month {first} but month {fm.month} falls back to the "
                "default carbon content: measure it as the data-quality control plan says, or "
                "explain the gap",
                f"{fuels()[fuel].zh}自 {first} 月起实测元素碳，但 {fm.month} 月改用缺省值，"
                "请按数据质量控制方案实测或说明原因",
                unit.unit_id, fm.month, "lab_results.carbon_pct", f"{VG_2026} 表7–9",
            )  # fmt: skip
        elif is_coal(fuel):
            default = fm.default_cc.value if fm.default_cc is not None else 0.0
            yield Finding(
                "PWR-CC-DEFAULT", "warning",
                f"{fuel} has no compliant element-carbon measurement in month {fm.month}: the "
                f"default {default:g} tC/GJ is used, typically 10–20 % above measured coal",
                f"{fuels()[fuel].zh} {fm.month} 月无合格的元素碳实测值，采用缺省值 {default:g} "
                "tC/GJ（通常比实测值高10%–20%）",
                unit.unit_id, fm.month, "lab_results.carbon_pct", f"{VG_2026} 表7–9",
            )  # fmt: skip


def metering_priority(ctx: CheckContext) -> Iterator[Finding]:
    """Coal consumption as fired (belt scales) has priority over as received plus stock-take."""
    reference = f"{VG_2026}（燃煤消耗量：入炉煤计量优先于入厂煤+盘存）"
    rows: dict[tuple[str, str], list[tuple[int, str, float]]] = {}
    for row in ctx.report.fuel_use:
        if is_coal(row.fuel):
            rows.setdefault((row.unit_id, row.fuel), []).append(
                (row.month, row.measured_as, row.quantity)
            )
    for (unit_id, fuel), entries in sorted(rows.items()):
        as_fired = any(how == "as_fired" for _, how, _ in entries)
        received = sorted(m for m, how, q in entries if how == "as_received" and q > 0)
        for month in received if as_fired else []:
            yield Finding(
                "PWR-FC-PRIORITY", "error",
                f"{fuel} in month {month} is metered as received although the unit meters it "
                "as fired in other months: as-fired metering has priority",
                f"{fuels()[fuel].zh} {month} 月按入厂煤计量，但该机组其他月份有入炉煤计量，应优先采用入炉煤数据",
                unit_id, month, "fuel_use.measured_as", reference,
            )  # fmt: skip
        if received and not as_fired:
            yield Finding(
                "PWR-FC-AS-RECEIVED", "info",
                f"{fuel} is metered as received all year: the verifier confirms that no as-fired "
                "metering exists and that carbon, NCV and consumption are on the same basis",
                f"{fuels()[fuel].zh}全年按入厂煤计量：核查时需确认无入炉煤计量，且元素碳、低位发热量与消耗量状态一致",
                unit_id, None, "fuel_use.measured_as", reference,
            )  # fmt: skip
