"""Verification checks of production data and of the unit as a whole: efficiency, load factor
and hours, months missing, heat supply and biomass co-firing (CETS-VG-01.01-V02-2026 tables
13–17; rules reference power §1.5–§1.6)."""

from __future__ import annotations

from collections.abc import Iterator

from chinaets.mrv.findings import Finding, Severity
from chinaets.mrv.power.checks_base import VG_2026, CheckContext, heat_input_gj
from chinaets.mrv.power.results import UnitMonth, UnitResult
from chinaets.mrv.power.schema import Unit, fuels, hours_in_month

MWH_TO_GJ = 3.6


def efficiency(ctx: CheckContext) -> Iterator[Finding]:
    """CHP (generation × 3.6 + heat) / Σ(FC × NCV) and condensing generation × 3.6 / Σ(FC ×
    NCV) below their limits: for the year (error) and for each month with data (warning, as
    a month's fuel and output may be booked a few days apart)."""
    for unit, result in ctx.units():
        limit = _efficiency_limit(ctx, unit)
        if limit is None or not result.months:
            continue
        value, reference = limit
        annual = _efficiency(unit, result, None)
        if annual is not None and annual >= value:
            yield _efficiency_finding(unit, None, annual, value, reference, "error")
        for month in sorted({m.month for m in result.months}):
            monthly = _efficiency(unit, result, month)
            if monthly is not None and monthly >= value and (annual or 0.0) < value:
                yield _efficiency_finding(unit, month, monthly, value, reference, "warning")


def _efficiency_limit(ctx: CheckContext, unit: Unit) -> tuple[float, str] | None:
    if unit.unit_type == "chp":
        value, reference = ctx.value("check_chp_efficiency_max")
        return float(value), reference
    limits, reference = ctx.table("check_condensing_efficiency_max")
    category = fuels()[unit.main_fuel].category
    return (float(limits[category]), reference) if category in limits else None


def _efficiency(unit: Unit, result: UnitResult, month: int | None) -> float | None:
    fuel_months = [fm for fm in result.fuel_months if month in (None, fm.month)]
    months = [m for m in result.months if month in (None, m.month)]
    heat_in = heat_input_gj(fuel_months, unit.biomass_heat_share)
    if heat_in <= 0:
        return None
    output = sum(m.generation_mwh for m in months) * MWH_TO_GJ
    if unit.unit_type == "chp":
        output += sum(m.heat_supplied_gj for m in months)
    return output / heat_in


def _efficiency_finding(
    unit: Unit, month: int | None, value: float, limit: float, reference: str, severity: Severity
) -> Finding:
    period, period_zh = ("the year", "全年") if month is None else (f"month {month}", f"{month}月")
    if unit.unit_type == "chp":
        return Finding(
            "PWR-EFF-CHP", severity,
            f"{period}: (generation × 3.6 + heat supplied) / Σ(FC × NCV) = {value:.1%}, not "
            f"below {limit:.0%}: fuel is understated or generation or heat overstated",
            f"{period_zh}：（发电量×3.6+供热量）/Σ(燃料消耗量×低位发热量) = {value:.1%}，"
            f"未低于 {limit:.0%}，燃料消耗量可能偏低或发电量、供热量偏高",
            unit.unit_id, month, "production.generation_mwh", reference,
        )  # fmt: skip
    return Finding(
        "PWR-EFF-CONDENSING", severity,
        f"{period}: generation × 3.6 / Σ(FC × NCV) = {value:.1%}, not below {limit:.0%}: fuel "
        "is understated or generation overstated",
        f"{period_zh}：发电量×3.6/Σ(燃料消耗量×低位发热量) = {value:.1%}，未低于 {limit:.0%}，"
        "燃料消耗量可能偏低或发电量偏高",
        unit.unit_id, month, "production.generation_mwh", reference,
    )  # fmt: skip


def hours_and_load(ctx: CheckContext) -> Iterator[Finding]:
    """Running hours within the month; utilisation hours below running hours (load factor at
    most 1) each month; the annual load factor within the plausibility band."""
    max_f, max_reference = ctx.value("check_load_factor_max")
    for unit, result in ctx.units():
        for m in result.months:
            yield from _month_hours(ctx.year, unit, m, float(max_f), max_reference)
        yield from _annual_band(ctx, unit, result)


def _month_hours(
    year: int, unit: Unit, m: UnitMonth, max_f: float, reference: str
) -> Iterator[Finding]:
    in_month = hours_in_month(year, m.month)
    if m.running_hours > in_month:
        yield Finding(
            "PWR-HOURS-MONTH", "error",
            f"running hours {m.running_hours:g} exceed the {in_month} hours of month {m.month}",
            f"运行小时数 {m.running_hours:g} 超过 {m.month} 月的总小时数 {in_month}",
            unit.unit_id, m.month, "production.running_hours", f"{VG_2026} 表16–17",
        )  # fmt: skip
    utilisation = m.generation_mwh / unit.rated_mw
    if utilisation > m.running_hours * max_f:
        factor = "n/a" if m.load_factor is None else f"{m.load_factor:.3f}"
        yield Finding(
            "PWR-LF-RANGE", "error",
            f"utilisation hours {utilisation:,.1f} (generation / rated power) exceed running "
            f"hours {m.running_hours:g}: load factor {factor} is outside 0–{max_f:g}; check "
            "generation, rated power and running hours",
            f"利用小时数 {utilisation:,.1f}（发电量/额定功率）超过运行小时数 {m.running_hours:g}，"
            f"负荷系数 {factor} 超出 0–{max_f:g}，请核对发电量、额定功率和运行小时数",
            unit.unit_id, m.month, "production.running_hours", reference,
        )  # fmt: skip


def _annual_band(ctx: CheckContext, unit: Unit, result: UnitResult) -> Iterator[Finding]:
    low, high, reference = ctx.bounds("check_load_factor_band")
    max_f, _ = ctx.value("check_load_factor_max")
    factor = result.load_factor
    if factor is None or low <= factor <= high or factor > float(max_f):
        return
    yield Finding(
        "PWR-LF-BAND", "warning",
        f"annual load factor {factor:.1%} is outside the usual {low:.0%}–{high:.0%}: explain "
        "it (peak regulation, standby) or check rated power and running hours",
        f"年度负荷（出力）系数 {factor:.1%} 超出常见区间 {low:.0%}–{high:.0%}，"
        "请说明原因（调峰、备用等）或核对额定功率和运行小时数",
        unit.unit_id, None, "production.running_hours", reference,
    )  # fmt: skip


def missing_months(ctx: CheckContext) -> Iterator[Finding]:
    """Months without any row while others have data (one finding per unit, listing them);
    a unit with no production at all."""
    for unit, result in ctx.units():
        if not result.months:
            yield Finding(
                "PWR-PROD-NONE", "warning",
                "no production data (generation, heat, running hours) for the unit: efficiency "
                "and load factor cannot be checked, and allocation needs generation",
                "该机组无生产数据（发电量、供热量、运行小时数），无法核查效率和负荷系数，配额分配也需要发电量",
                unit.unit_id, None, "production", VG_2026,
            )  # fmt: skip
        present = {m.month for m in result.months} | {fm.month for fm in result.fuel_months}
        missing = sorted(set(range(1, 13)) - present)
        if present and missing:
            months = month_ranges(missing)
            yield Finding(
                "PWR-MONTH-MISSING", "warning",
                f"no fuel or production row for month(s) {months} while other months have "
                "data: report zeros for months the unit stood still",
                f"{months} 月无燃料消耗和生产数据，而其他月份有数据；停机月份请填报 0",
                unit.unit_id, None, "fuel_use", VG_2026,
            )  # fmt: skip


def month_ranges(months: list[int]) -> str:
    """[1, 2, 3, 5, 7, 8] → '1–3, 5, 7–8'."""
    runs: list[list[int]] = []
    for m in months:
        if runs and m == runs[-1][-1] + 1:
            runs[-1].append(m)
        else:
            runs.append([m])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def fuel_versus_output(ctx: CheckContext) -> Iterator[Finding]:
    """A month with fuel but no output (warning: start-up fuel) or output but no fuel (error)."""
    for unit, result in ctx.units():
        if not result.months:
            continue
        for month in range(1, 13):
            fuel = sum(fm.quantity for fm in result.fuel_months if fm.month == month)
            output = sum(
                m.generation_mwh + m.heat_supplied_gj for m in result.months if m.month == month
            )
            if fuel > 0 and output <= 0:
                yield Finding(
                    "PWR-FUEL-NO-PROD", "warning",
                    f"fuel is burned in month {month} but no generation or heat is reported",
                    f"{month} 月有燃料消耗，但未报告发电量或供热量",
                    unit.unit_id, month, "production.generation_mwh", VG_2026,
                )  # fmt: skip
            elif output > 0 and fuel <= 0:
                yield Finding(
                    "PWR-PROD-NO-FUEL", "error",
                    f"generation or heat is reported in month {month} but no fuel: the month's "
                    "consumption (and its emissions) is missing",
                    f"{month} 月报告了发电量或供热量，但无燃料消耗量，该月消耗量（及排放）缺失",
                    unit.unit_id, month, "fuel_use.quantity", VG_2026,
                )  # fmt: skip


def heat_supply(ctx: CheckContext) -> Iterator[Finding]:
    """Heat supplied by a condensing unit, or none by a CHP unit: the unit type may be wrong."""
    for unit, result in ctx.units():
        if unit.unit_type == "condensing" and result.heat_supplied_gj > 0:
            yield Finding(
                "PWR-HEAT-CONDENSING", "warning",
                f"a condensing unit supplies {result.heat_supplied_gj:,.0f} GJ of heat: the unit "
                "type may be CHP, or the heat belongs to another unit",
                f"纯凝机组报告供热量 {result.heat_supplied_gj:,.0f} GJ，机组类型可能应为热电联产，或供热量属于其他机组",
                unit.unit_id, None, "units.unit_type", f"{VG_2026} 表15",
            )  # fmt: skip
        elif unit.unit_type == "chp" and result.months and result.heat_supplied_gj <= 0:
            yield Finding(
                "PWR-HEAT-CHP-NONE", "warning",
                "a CHP unit supplies no heat all year: report the heat, or the unit is condensing",
                "热电联产机组全年无供热量，请补充供热量数据，或机组类型应为纯凝",
                unit.unit_id, None, "production.heat_supplied_gj", f"{VG_2026} 表15",
            )  # fmt: skip


def biomass_cofiring(ctx: CheckContext) -> Iterator[Finding]:
    """Co-firing above the allocation limit; biomass burned with no share declared."""
    limit, reference = ctx.value("check_biomass_cofiring_share_max")
    for unit, result in ctx.units():
        share = unit.biomass_heat_share
        if share > float(limit):
            yield Finding(
                "PWR-BIOMASS-SHARE", "warning",
                f"biomass co-firing share {share:.1%} of heat input exceeds {float(limit):.0%}: "
                "the unit may be outside allocation",
                f"掺烧生物质热量占比 {share:.1%} 超过 {float(limit):.0%}，该机组可能不纳入配额管理",
                unit.unit_id, None, "units.biomass_heat_share", reference,
            )  # fmt: skip
        burned = any(
            fuels()[fm.fuel].category == "biomass" and fm.quantity > 0 for fm in result.fuel_months
        )
        if burned and share <= 0:
            yield Finding(
                "PWR-BIOMASS-UNDECLARED", "warning",
                "biomass is burned but the biomass heat share is 0: report it (guideline "
                "formula E.2)",
                "有生物质燃料消耗，但掺烧生物质热量占比为0，请按指南公式E.2计算并填报",
                unit.unit_id, None, "units.biomass_heat_share", f"{VG_2026} 表13",
            )  # fmt: skip
