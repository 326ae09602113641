"""Power allocation for one entity and data year (rules reference power §2, §2.6)::

per unit: classify (I/II by rated power, III unconventional coal incl. CFB, IV gas),
          or take it out (excluded / allocated at verified emissions)
          A_u = floor(Q × Be × Ff) + floor(Qh × Bh)    Q supplied (≤2022) or generated MWh
          gas: top up to verified (or, until 2022, surrender at most the allocation)
entity:   A = max(Σ A_u, floor(0.8 × verified))       (or, until 2022, obligation relief)
          pre-allocation, deductions, true-up
"""

from __future__ import annotations

from chinaets.allocation import power_formulas as pf
from chinaets.allocation.industry import check_pre_share
from chinaets.allocation.results import EntityAllocation, UnitAllocation
from chinaets.allocation.rules import floor_product, round_tonnes, rules_for
from chinaets.allocation.schema import AllocationInput, PowerUnitOutput
from chinaets.core.errors import InputError, Location
from chinaets.mrv.power.schema import fuels
from chinaets.rules import ParametersAt
from chinaets.rules.parameters import UsedValue


def allocate_power(inp: AllocationInput) -> EntityAllocation:
    p = rules_for(inp.sector, inp.year)
    small = _small_entity(p, inp)
    check_pre_share(p, inp)
    units = [
        allocate_unit(p, inp.year, u, i, small, inp.pre_allocation_share)
        for i, u in enumerate(inp.units)
    ]
    form = p.used("power_exemption_form")
    cap = p.used("power_gap_cap_share")
    verified = _covered_verified(inp, units)
    initial = sum(u.final_tco2 + u.gas_relief_tco2 for u in units)
    floor_allocation = floor_product(verified, 1 - float(cap.value))
    shortfall = max(0, floor_allocation - initial)
    top_up = shortfall if form.value == "top_up" else 0
    relief = shortfall - top_up + sum(u.gas_relief_tco2 for u in units)
    final = sum(u.final_tco2 for u in units) + top_up
    return EntityAllocation(
        sector=inp.sector, year=inp.year, credit_code=inp.entity.credit_code,
        name=inp.entity.name, province=inp.entity.province, parts=list(units),
        verified_tco2=verified, initial_tco2=initial, cap_topup_tco2=top_up,
        cap_relief_tco2=shortfall - top_up, final_tco2=final,
        obligation_tco2=max(0, verified - relief),
        pre_allocation_tco2=_pre_allocation(inp, units),
        pre_allocation_given=inp.pre_allocated_tco2 is not None,
        deductions=[(a.kind, a.tco2, a.note) for a in inp.adjustments],
        formula_versions=_versions(p),
        used=[form, cap, p.used("power_pre_allocation_share"), p.used("power_plan_last_year")],
    )  # fmt: skip


def _covered_verified(inp: AllocationInput, units: list[UnitAllocation]) -> int:
    """Verified emissions under allocation: the entity's figure less excluded units', or the
    sum of the covered units'."""
    if inp.verified_tco2 is not None:
        excluded = sum(u.verified_tco2 for u in units if not u.covered)
        return round_tonnes(max(0.0, inp.verified_tco2 - excluded))
    return round_tonnes(sum(u.verified_tco2 for u in units if u.covered))


def _small_entity(p: ParametersAt, inp: AllocationInput) -> bool:
    limit = float(p("power_small_entity_max_tco2"))
    verified = (
        inp.verified_tco2
        if inp.verified_tco2 is not None
        else sum(u.verified_tco2 for u in inp.units)
    )
    return limit > 0 and verified < limit


def _pre_allocation(inp: AllocationInput, units: list[UnitAllocation]) -> int | None:
    if inp.pre_allocated_tco2 is not None:
        return inp.pre_allocated_tco2
    amounts = [u.pre_allocation_tco2 for u in units if u.covered]
    return None if not amounts or None in amounts else sum(a or 0 for a in amounts)


def _versions(p: ParametersAt) -> dict[str, str]:
    return {
        f.name: f.version_at(p.when).label for f in (pf.electricity_correction, pf.pre_allocation)
    }


def allocate_unit(
    p: ParametersAt,
    year: int,
    unit: PowerUnitOutput,
    index: int,
    small_entity: bool,
    pre_share: float | None = None,
) -> UnitAllocation:
    treatment, reason, used = unit_treatment(p, unit, small_entity)
    category, category_reason, category_reason_zh, cat_used = (
        classify(p, unit) if treatment != "excluded" else (None, "", "", [])
    )
    basis = str(p("power_output_basis"))
    a = UnitAllocation(
        unit_id=unit.unit_id, treatment=treatment, treatment_reason=reason, category=category,
        category_reason=category_reason, category_reason_zh=category_reason_zh, output_basis=basis,
        output_mwh=_output(unit, basis, year, index), heat_gj=unit.heat_supplied_gj,
        load_factor=load_factor(unit), benchmark_e=None, benchmark_h=None, correction=None,
        electricity_tco2=0, heat_tco2=0, initial_tco2=0, verified_tco2=unit.verified_tco2,
        gas_topup_tco2=0, gas_relief_tco2=0, final_tco2=0, pre_allocation_tco2=None,
        pre_allocation_formula="", used=used + cat_used,
    )  # fmt: skip
    if treatment == "excluded":
        a.pre_allocation_tco2, a.pre_allocation_formula = 0, "not allocated"
        a.pre_allocation_formula_zh = "不予分配"
        return a
    if treatment == "verified":
        a.initial_tco2 = a.final_tco2 = round_tonnes(unit.verified_tco2)
    else:
        _benchmark(p, unit, a, index)
    a.pre_allocation_tco2, a.pre_allocation_formula = pf.pre_allocation.at(p.when)(
        p, unit, category, pre_share
    )
    a.pre_allocation_formula_zh = pf.pre_allocation_zh(a.pre_allocation_formula)
    return a


def _benchmark(p: ParametersAt, unit: PowerUnitOutput, a: UnitAllocation, index: int) -> None:
    category = a.category or "I"
    a.benchmark_e = p.used("power_benchmark_electricity", category)
    a.benchmark_h = p.used("power_benchmark_heat", category)
    needs_ratio = pf.electricity_correction.at(p.when) is pf.cooling_heat_load
    if unit.heat_supplied_gj > 0 and unit.heat_ratio is None and needs_ratio:
        raise _missing(
            index, "heat_ratio", "the heat-supply ratio (heat supplied / heat input)", "供热比"
        )
    a.correction = pf.electricity_correction.at(p.when)(p, unit, category, a.load_factor)
    if a.correction.missing_load and a.output_mwh > 0:
        raise _missing(
            index, "load_factor", "the load factor (or running_hours)", "负荷系数（或运行小时数）"
        )
    a.electricity_tco2 = floor_product(a.output_mwh, a.benchmark_e.value, a.correction.value)
    a.heat_tco2 = floor_product(a.heat_gj, a.benchmark_h.value)
    a.initial_tco2 = a.electricity_tco2 + a.heat_tco2
    a.used += [a.benchmark_e, a.benchmark_h, *(u for f in a.correction.factors for u in f.used)]
    if a.correction.decimals is not None:
        a.used.append(a.correction.decimals)
    a.final_tco2 = a.initial_tco2
    gap = round_tonnes(unit.verified_tco2) - a.initial_tco2
    if category == "IV" and gap > 0:
        form = p.used("power_exemption_form")
        if form.value == "top_up":
            a.gas_topup_tco2 = gap
            a.final_tco2 += gap
        else:
            a.gas_relief_tco2 = gap
        a.used.append(form)


def load_factor(unit: PowerUnitOutput) -> float | None:
    if unit.load_factor is not None:
        return unit.load_factor
    if unit.running_hours:
        return unit.generation_mwh / (unit.rated_mw * unit.running_hours)
    return None


def _output(unit: PowerUnitOutput, basis: str, year: int, index: int) -> float:
    if basis == "generated":
        return unit.generation_mwh
    if unit.supplied_mwh is None:
        raise _missing(
            index, "supplied_mwh", f"supplied electricity (the {year} output basis)", "供电量"
        )
    return unit.supplied_mwh


def _missing(index: int, field: str, en: str, zh: str) -> InputError:
    return InputError.one(
        Location(field=f"units[{index}].{field}"),
        f"{en} is needed for this year's allocation",
        f"本年度配额分配需要{zh}",
        f"give {field} for the unit",
        f"请填写该机组的 {field}",
    )


def classify(p: ParametersAt, unit: PowerUnitOutput) -> tuple[str, str, str, list[UsedValue]]:
    """Category I–IV (附1 表1) and why (in English and Chinese)."""
    if unit.category is not None:
        return unit.category, "given in the input", "输入中给定", []
    return category_of(p, unit.main_fuel, unit.rated_mw, unit.cfb, unit.unconventional_heat_share)


def category_of(
    p: ParametersAt, main_fuel: str, rated_mw: float, cfb: bool, share: float | None = None
) -> tuple[str, str, str, list[UsedValue]]:
    """Category of a unit by its main fuel, rated power, boiler and unconventional-fuel heat
    share (None: all or nothing by the main fuel); the one classification (the national fleet
    asks it too)."""
    fuel = fuels()[main_fuel]
    if fuel.category == "gas":
        return "IV", "natural gas main fuel", "主要燃料为天然气", []
    share_min = p.used("power_unconventional_heat_share_min")
    if share is None:
        share = 1.0 if fuel.category == "unconventional_coal" else 0.0
    if share > float(share_min.value):
        return (
            "III",
            f"unconventional-fuel heat share {share:.2%} > {share_min.value:.0%}",
            f"非常规燃料热量占比 {share:.2%} > {share_min.value:.0%}",
            [share_min],
        )
    cfb_rule = p.used("power_cfb_counts_as_unconventional")
    if cfb and cfb_rule.value:
        return "III", "coal-fired circulating fluidised bed unit", "燃煤循环流化床机组", [cfb_rule]
    limit = p.used("power_large_unit_threshold_mw")
    if rated_mw >= float(limit.value):
        return ("I", f"conventional coal, rated {rated_mw:g} MW ≥ {limit.value} MW",
                f"常规燃煤机组，额定功率 {rated_mw:g} MW ≥ {limit.value} MW", [limit])  # fmt: skip
    return ("II", f"conventional coal, rated {rated_mw:g} MW < {limit.value} MW",
            f"常规燃煤机组，额定功率 {rated_mw:g} MW < {limit.value} MW", [limit])  # fmt: skip


def unit_treatment(
    p: ParametersAt, unit: PowerUnitOutput, small_entity: bool
) -> tuple[str, str, list[UsedValue]]:
    """benchmark, or excluded / verified for the special conditions of 附1 表2 (and the draft's list)."""
    found = (
        list(unit.conditions)
        + _share_conditions(p, unit)
        + (["small_entity"] if small_entity else [])
    )
    fuel = fuels()[unit.main_fuel]
    if fuel.category == "biomass":
        found.insert(0, "pure_biomass")
    elif fuel.category == "oil":
        found.insert(0, "oil_igcc_internal_combustion")
    table = p.used("power_unit_treatment", "pure_biomass")
    rules: dict[str, str] = dict(table.dated.value)  # type: ignore[arg-type]
    listed = [(rules[c], c) for c in found if c in rules]
    if not listed:
        return "benchmark", "", []
    treatment, condition = min(listed)  # "excluded" sorts before "verified"
    return treatment, condition, [table, p.used("power_cofiring_limits", "biomass")]


def _share_conditions(p: ParametersAt, unit: PowerUnitOutput) -> list[str]:
    limits = {k: float(v) for k, v in dict(p.dated("power_cofiring_limits").value).items()}  # type: ignore[arg-type]
    shares = {
        "biomass": unit.biomass_heat_share,
        "secondary_energy": unit.secondary_energy_share,
        "biomass_plus_secondary": unit.biomass_heat_share + unit.secondary_energy_share,
        "hydrogen_ammonia": unit.hydrogen_ammonia_share,
    }
    names = {"biomass": "biomass_cofiring"}
    return [names.get(k, k) for k, share in shares.items() if share > limits[k]]
