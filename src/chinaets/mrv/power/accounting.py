"""Power-sector emissions accounting: a validated report in, explained emissions out.

Per unit, fuel and month (rules reference §1.3)::

    C_ar  = consumption-weighted element carbon of the month's lab samples, as received
            (samples failing the lab rules, and months without samples, use NCV × CC_default)
    E     = FC × C_ar × OF × 44/12                 tCO2, rounded as report table C.3
    E_unit   = Σ months Σ fuels E
    E_entity = Σ units E_unit  (+ purchased MWh × EF_grid while the guideline has it)
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from chinaets.core.rounding import round_half_up
from chinaets.mrv.power import formulas as f
from chinaets.mrv.power.results import EntityResult, FuelMonth, UnitMonth, UnitResult
from chinaets.mrv.power.schema import (
    Fuel,
    FuelUse,
    HeatMeasurement,
    LabResult,
    PowerReport,
    Production,
    Unit,
    fuels,
)
from chinaets.rules import ParametersAt
from chinaets.rules.lawbook import LawBook
from chinaets.rules.parameters import UsedValue

LAW = LawBook("power", "发电", Path(__file__).resolve().parent)
"""The power law book: its dated, cited parameters and worked cases."""
parameters = LAW.parameters
PARAMETER_DIR = LAW.parameter_dir


@dataclass(frozen=True)
class YearRules:
    """Everything in force for one data year, looked up once per report."""

    year: int
    p: ParametersAt
    oxidation: f.OxidationRate
    lab_rules: tuple[tuple[f.LabCompliance, ParametersAt], ...]  # by month 1..12
    emissions_decimals: int

    @classmethod
    def for_year(cls, year: int) -> YearRules:
        params = parameters()
        p = params.at(dt.date(year, 1, 1))
        months = [dt.date(year, m, 1) for m in range(1, 13)]
        return cls(
            year=year,
            p=p,
            oxidation=f.oxidation_rate.at(p.when),
            lab_rules=tuple((f.lab_compliance.at(d), params.at(d)) for d in months),
            emissions_decimals=int(p("report_decimals", "emissions")),
        )

    def default_cc(self, fuel: Fuel) -> UsedValue:
        if fuel.category in ("coal", "unconventional_coal"):
            return self.p.used("coal_carbon_content_default")
        return self.p.used("fuel_default_carbon_content", fuel.code)

    def fuel_constants(self, fuel: Fuel, unit: Unit) -> tuple[UsedValue, UsedValue]:
        """Default carbon content and oxidation rate of `fuel` burned in `unit` (the parameter
        lookups are cached by `ParametersAt`, so asking every month costs little)."""
        return self.default_cc(fuel), self.oxidation(self.p, fuel, unit)

    def formula_versions(self) -> dict[str, str]:
        when = self.p.when
        out = {
            f.oxidation_rate.name: f.oxidation_rate.version_at(when).label,
            f.purchased_electricity_emissions.name: f.purchased_electricity_emissions.version_at(
                when
            ).label,
            f.supplied_electricity.name: f.supplied_electricity.version_at(when).label,
        }
        out["lab_compliance"] = ", ".join(
            sorted(
                {f.lab_compliance.version_at(dt.date(self.year, m, 1)).label for m in range(1, 13)}
            )
        )
        return out


def account(report: PowerReport) -> EntityResult:
    """Emissions of one entity for its data year."""
    rules = YearRules.for_year(report.year)
    grouped = _group(report)
    units = [account_unit(rules, unit, grouped) for unit in report.units]
    direct = sum(u.direct_tco2 for u in units)
    purchased = sum(u.purchased_mwh for u in units)
    indirect_result = f.purchased_electricity_emissions.at(rules.p.when)(rules.p, purchased)
    indirect, grid_factor = (None, None) if indirect_result is None else indirect_result
    if indirect is not None:
        indirect = round_half_up(indirect, rules.emissions_decimals)
    counts = rules.p.used("purchased_electricity_in_obligation")
    obligation = direct + (indirect if counts.value and indirect else 0.0)
    return EntityResult(
        year=report.year,
        credit_code=report.entity.credit_code,
        name=report.entity.name,
        province=report.entity.province,
        units=units,
        direct_tco2=round_half_up(direct, rules.emissions_decimals),
        purchased_mwh=purchased,
        indirect_tco2=indirect,
        grid_factor=grid_factor,
        indirect_in_obligation=counts,
        obligation_tco2=int(
            round_half_up(obligation, int(rules.p("report_decimals", "entity_total")))
        ),
        formula_versions=rules.formula_versions(),
    )


@dataclass
class _Grouped:
    fuel_use: dict[str, list[FuelUse]]
    labs: dict[tuple[str, int, str], list[LabResult]]
    production: dict[str, list[Production]]
    heat: dict[tuple[str, int], list[HeatMeasurement]]


def _group(report: PowerReport) -> _Grouped:
    g = _Grouped(defaultdict(list), defaultdict(list), defaultdict(list), defaultdict(list))
    for row in report.fuel_use:
        g.fuel_use[row.unit_id].append(row)
    for lab in report.lab_results:
        g.labs[(lab.unit_id, lab.month, lab.fuel)].append(lab)
    for prod in report.production:
        g.production[prod.unit_id].append(prod)
    for h in report.heat_measurements:
        g.heat[(h.unit_id, h.month)].append(h)
    return g


def account_unit(rules: YearRules, unit: Unit, g: _Grouped) -> UnitResult:
    fuel_months = _fuel_months(rules, unit, g)
    heat_input = sum(fm.quantity * fm.ncv for fm in fuel_months)
    months = [
        _unit_month(rules, unit, prod, g.heat.get((unit.unit_id, prod.month), []))
        for prod in sorted(g.production.get(unit.unit_id, []), key=lambda r: r.month)
    ]
    generation = sum(m.generation_mwh for m in months)
    heat = sum(m.heat_supplied_gj for m in months)
    hours = sum(m.running_hours for m in months)
    # 供热比 as heat supplied over fuel heat: the guideline's exact formula was not read.
    heat_ratio = min(1.0, heat / heat_input) if heat_input > 0 else 0.0
    own_use = _own_use(g.production.get(unit.unit_id, []))
    supplied = f.supplied_electricity.at(rules.p.when)(generation, own_use, heat_ratio)
    return UnitResult(
        unit_id=unit.unit_id,
        rated_mw=unit.rated_mw,
        fuel_months=fuel_months,
        months=months,
        direct_tco2=round_half_up(sum(fm.tco2 for fm in fuel_months), rules.emissions_decimals),
        generation_mwh=generation,
        heat_supplied_gj=heat,
        running_hours=hours,
        load_factor=load_factor(generation, unit.rated_mw, hours),
        supplied_mwh=supplied,
        heat_ratio=heat_ratio,
        purchased_mwh=sum(m.purchased_mwh for m in months),
        biomass_heat_share=unit.biomass_heat_share,
        main_fuel=unit.main_fuel,
        cfb=unit.cfb,
    )


def _fuel_months(rules: YearRules, unit: Unit, g: _Grouped) -> list[FuelMonth]:
    rows = sorted(g.fuel_use.get(unit.unit_id, []), key=lambda r: (r.fuel, r.month))
    return [
        fuel_month(rules, unit, row, g.labs.get((unit.unit_id, row.month, row.fuel), []))
        for row in rows
    ]


def _own_use(production: Sequence[Production]) -> float | None:
    """The year's own use; unknown (None) when any month lacks it."""
    values = [p.own_use_mwh for p in production]
    if not values or None in values:
        return None
    return sum(v for v in values if v is not None)


def load_factor(generation_mwh: float, rated_mw: float, running_hours: float) -> float | None:
    """F = generation / (rated capacity × running hours), verification guide tables 16–17."""
    if running_hours <= 0:
        return None
    return generation_mwh / (rated_mw * running_hours)


def fuel_month(
    rules: YearRules,
    unit: Unit,
    row: FuelUse,
    samples: Sequence[LabResult],
) -> FuelMonth:
    """Emissions of one fuel in one month (report table C.3, one row)."""
    fuel = fuels()[row.fuel]
    if fuel.category == "biomass":
        return FuelMonth(
            row.month, row.fuel, row.quantity, 0.0, "not counted", 0.0, "not counted", None, 0.0
        )
    ncv, ncv_source = _month_ncv(rules, fuel, samples)
    default_cc, oxidation = rules.fuel_constants(fuel, unit)
    carbon = _month_carbon(rules, fuel, row.month, samples, ncv, float(default_cc.value))
    carbon_month, source, used, rejected = carbon
    tco2 = row.quantity * carbon_month * oxidation.value * f.CO2_PER_C
    return FuelMonth(
        month=row.month,
        fuel=row.fuel,
        quantity=row.quantity,
        ncv=ncv,
        ncv_source=ncv_source,
        carbon=carbon_month,
        carbon_source=source,
        oxidation=oxidation,
        tco2=round_half_up(tco2, rules.emissions_decimals),
        default_cc=default_cc if source != "measured" else None,
        samples=used,
        rejected_samples=rejected,
    )


def _month_carbon(
    rules: YearRules,
    fuel: Fuel,
    month: int,
    samples: Sequence[LabResult],
    ncv: float,
    default_cc: float,
) -> tuple[float, str, list[str], list[str]]:
    """(C_ar of the month, its source, samples used, samples replaced by the default).

    Each sample counts with its weight; one that fails the lab rules of its month, or has no
    element carbon, counts as NCV × CC_default instead (a failed batch takes the default)."""
    check, p_month = rules.lab_rules[month - 1]
    values: list[tuple[float, float]] = []  # (weight, carbon as received)
    used, rejected = [], []
    for s in samples:
        carbon = sample_carbon(s, fuel)
        reason = check(p_month, s) if carbon is not None else "no element carbon"
        if reason is None and carbon is not None:
            used.append(s.sample_id)
        else:
            rejected.append(f"{s.sample_id} ({reason})")
            carbon = default_cc * (s.ncv if s.ncv is not None else ncv)
        values.append((_weight(s, fuel), carbon))
    if not values:
        return default_cc * ncv, "default", used, rejected
    source = "measured" if not rejected else ("default" if not used else "mixed")
    return _weighted(values), source, used, rejected


def sample_carbon(sample: LabResult, fuel: Fuel) -> float | None:
    """Element carbon of one sample on the as-received basis, tC per t (or per 10^4 Nm3)."""
    if not fuel.by_mass:
        return sample.carbon_t_per_10k_nm3
    if sample.carbon_pct is None:
        return None
    return as_received_pct(sample) / 100


def as_received_pct(sample: LabResult) -> float:
    """GB/T 483 basis conversion to as received (moistures are validated by the schema)."""
    c = sample.carbon_pct or 0.0
    if sample.basis == "ad":
        return c * (100 - (sample.moisture_ar_pct or 0.0)) / (100 - (sample.moisture_ad_pct or 0.0))
    if sample.basis == "d":
        return c * (100 - (sample.moisture_ar_pct or 0.0)) / 100
    return c


def _month_ncv(rules: YearRules, fuel: Fuel, samples: Sequence[LabResult]) -> tuple[float, str]:
    measured = [(_weight(s, fuel), s.ncv) for s in samples if s.ncv is not None and s.ncv > 0]
    if measured:
        return _weighted(measured), "measured"
    return float(rules.p("fuel_default_ncv", fuel.code)), "default"


def _weight(sample: LabResult, fuel: Fuel) -> float:
    """Solid fuels: weighted by the consumption a sample stands for; gas and oil: mean."""
    if fuel.category in ("coal", "unconventional_coal") and sample.weight is not None:
        return sample.weight
    return 1.0


def _weighted(values: Sequence[tuple[float, float]]) -> float:
    total = sum(w for w, _ in values)
    if total <= 0:
        return sum(v for _, v in values) / len(values)
    return sum(w * v for w, v in values) / total


def _unit_month(
    rules: YearRules, unit: Unit, prod: Production, heat_rows: Sequence[HeatMeasurement]
) -> UnitMonth:
    if heat_rows:
        heat, source = sum(heat_from_measurement(rules.p, h) for h in heat_rows), "computed"
    else:
        heat, source = prod.heat_supplied_gj or 0.0, "metered"
    return UnitMonth(
        month=prod.month,
        generation_mwh=prod.generation_mwh,
        heat_supplied_gj=heat,
        heat_source=source,
        running_hours=prod.running_hours,
        load_factor=load_factor(prod.generation_mwh, unit.rated_mw, prod.running_hours),
        supplied_mwh=None,
        purchased_mwh=prod.purchased_mwh,
    )


def heat_from_measurement(p: ParametersAt, h: HeatMeasurement) -> float:
    """Heat supplied in GJ (verification guide table 15; guideline Appendix E). Mass in t and
    enthalpy in kJ/kg give MJ, hence the 1e-3."""
    supply = h.enthalpy_kj_per_kg or 0.0
    out = h.mass_t * supply
    back = h.return_mass_t * (h.return_enthalpy_kj_per_kg or 0.0)
    makeup = h.makeup_mass_t * (h.makeup_enthalpy_kj_per_kg or 0.0)
    if h.method == "steam":
        return (out - back - makeup) * 1e-3
    if h.method == "steam_no_return":
        return h.mass_t * (supply - float(p("heat_reference_water_enthalpy"))) * 1e-3
    if h.method == "heater_steam":
        return h.mass_t * (supply - (h.return_enthalpy_kj_per_kg or 0.0)) * 1e-3
    if h.method == "heater_water":
        return (out - back - makeup) * 1e-3 / float(p("heat_network_heater_efficiency"))
    t_ref, cp = float(p("hot_water_reference_temperature")), float(p("water_specific_heat"))
    return h.mass_t * ((h.supply_temp_c or 0.0) - t_ref) * cp
