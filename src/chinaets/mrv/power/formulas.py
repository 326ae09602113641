"""Power-sector formulas, each version named by the data date it takes effect.

Versions (rules reference §1.1):

- 2019-01-01  2021 guideline (环办气候〔2021〕9号), 2019–2020 data
- 2021-01-01  June-2022 adjustment: new coal default (a parameter change only; same formulas)
- 2022-04-01  March-2022 revision: lab reports from own or CMA/CNAS labs within 40 days
- 2023-01-01  2022 revision (环办气候函〔2022〕485号): supplied electricity no longer an
              allocation input
- 2026-01-01  V04-2026 update: purchased electricity deleted; coal oxidation rate from the
              factor database by boiler type and altitude
"""

from __future__ import annotations

from collections.abc import Callable

from chinaets.mrv.power.schema import Fuel, LabResult, Unit
from chinaets.rules import DatedFormula, ParametersAt
from chinaets.rules.parameters import UsedValue

CO2_PER_C = 44 / 12
"""Molar mass ratio CO2/C, written 44/12 in every MEE guideline."""

REF_2021 = "企业温室气体排放核算方法与报告指南 发电设施（环办气候〔2021〕9号）"
REF_2022_03 = "环办气候函〔2022〕111号（2022年修订版，2022年4月起）"
REF_2022 = "企业温室气体排放核算与报告指南 发电设施（环办气候函〔2022〕485号）"
REF_2026 = "CETS-AG-01.01-V04-2026（2026-06-23 更新通知）"


# --- oxidation rate ---------------------------------------------------------------------------

OxidationRate = Callable[[ParametersAt, Fuel, Unit], UsedValue]
oxidation_rate: DatedFormula[OxidationRate] = DatedFormula(
    "oxidation_rate", "Carbon oxidation rate of a fuel burned in a unit", "机组燃料碳氧化率"
)


@oxidation_rate.since("2019-01-01", REF_2021)
def oxidation_by_category(p: ParametersAt, fuel: Fuel, unit: Unit) -> UsedValue:
    """One rate per fuel category (coal 99 %, oil and gas from Appendix A)."""
    return p.used("oxidation_rate", fuel.category)


@oxidation_rate.since("2026-01-01", REF_2026)
def oxidation_from_factor_db(p: ParametersAt, fuel: Fuel, unit: Unit) -> UsedValue:
    """Coal: the factor database's value for the unit's boiler type and altitude band; oil and
    gas: the database's value by fuel category (G26 §一); biomass is not accounted."""
    if fuel.category in ("oil", "gas"):
        return p.used("oxidation_rate_factor_db_fuel", fuel.category)
    if fuel.category not in ("coal", "unconventional_coal"):
        return p.used("oxidation_rate", fuel.category)
    band = "high" if unit.altitude_m >= p("altitude_band_limit_m") else "low"
    return p.used("oxidation_rate_factor_db", unit.boiler_type, band)


# --- which lab results count ---------------------------------------------------------------

LabCompliance = Callable[[ParametersAt, LabResult], str | None]
lab_compliance: DatedFormula[LabCompliance] = DatedFormula(
    "lab_compliance", "Whether a lab result may be used (None) or why not", "化验结果可否采用"
)


@lab_compliance.since("2019-01-01", REF_2021)
def any_lab(p: ParametersAt, lab: LabResult) -> str | None:
    """Before April 2022 any test report counted."""
    return None


@lab_compliance.since("2022-04-01", REF_2022_03)
def accredited_lab_in_time(p: ParametersAt, lab: LabResult) -> str | None:
    """From April 2022: own lab or a CMA/CNAS lab, report within the deadline after sampling."""
    if lab.lab == "other":
        return "lab is neither the entity's own nor CMA/CNAS accredited"
    limit = p("lab_report_max_days")
    if lab.days_to_report is not None and lab.days_to_report > limit:
        return f"report issued {lab.days_to_report} days after sampling (limit {limit})"
    return None


# --- purchased electricity -----------------------------------------------------------------

PurchasedElectricity = Callable[[ParametersAt, float], tuple[float, UsedValue] | None]
purchased_electricity_emissions: DatedFormula[PurchasedElectricity] = DatedFormula(
    "purchased_electricity_emissions", "Indirect CO2 from purchased electricity", "购入电力间接排放"
)


@purchased_electricity_emissions.since("2019-01-01", REF_2021)
def indirect_by_grid_factor(p: ParametersAt, mwh: float) -> tuple[float, UsedValue] | None:
    """E_elec = purchased MWh × national grid factor."""
    factor = p.used("grid_emission_factor")
    return mwh * factor.value, factor


@purchased_electricity_emissions.since("2026-01-01", REF_2026)
def indirect_not_accounted(p: ParametersAt, mwh: float) -> tuple[float, UsedValue] | None:
    """Deleted from the guideline: purchased MWh is an auxiliary item only."""
    return None


# --- supplied electricity (allocation basis until 2022) ------------------------------------

SuppliedElectricity = Callable[[float, float | None, float], float | None]
supplied_electricity: DatedFormula[SuppliedElectricity] = DatedFormula(
    "supplied_electricity", "Electricity supplied (供电量) from generation and own use", "供电量"
)


@supplied_electricity.since("2019-01-01", REF_2021)
def supply_net_of_power_own_use(
    generation_mwh: float, own_use_mwh: float | None, heat_ratio: float
) -> float | None:
    """供电量 = generation − own use × (1 − heat-supply ratio): own use attributable to heat
    is not deducted (industry convention; the guideline's exact formula was not read)."""
    if own_use_mwh is None:
        return None
    return generation_mwh - own_use_mwh * (1 - heat_ratio)


@supplied_electricity.since("2023-01-01", REF_2022)
def supply_not_needed(
    generation_mwh: float, own_use_mwh: float | None, heat_ratio: float
) -> float | None:
    """From 2023 allocation uses generation; 供电量 is no longer computed."""
    return None
