"""Iron & steel formulas (CETS-AG-03.01-V01-2024), each version named by the data date it takes
effect. The guideline applies from the 2024 data year (rules reference industry §2.2); a later
revision adds a version here and its worked cases, not a new module.

- (1) enterprise:  E_ent = Σ FC_i × NCV_i × CC_i × 44/12 + Σ P_carb × EF + P_electrode × EF
                           + Σ M_q × EF_q − Σ AD_k × EF_k
- (2) process:     E_proc = Σ FC_in × NCV × CC × 44/12 − Σ FC_out × NCV × CC × 44/12
- (3) power unit:  E_x = Σ FC × NCV × CC × OF × 44/12
- (4) other:       E_other = E_ent − Σ E_proc − Σ E_x
"""

from __future__ import annotations

from collections.abc import Callable

from chinaets.mrv.industry.rules import CO2_PER_C
from chinaets.rules import DatedFormula, ParametersAt

REF_2024 = (
    "企业温室气体排放核算与报告指南 钢铁行业 CETS-AG-03.01-V01-2024（环办气候函〔2025〕27号）"
)

# --- net consumption of a purchased fuel ---------------------------------------------------

NetConsumption = Callable[[float, float, float, float], float]
net_consumption: DatedFormula[NetConsumption] = DatedFormula(
    "steel_net_fuel_consumption",
    "Net consumption of a fossil fuel at enterprise level",
    "企业化石燃料净消耗量",
)


@net_consumption.since("2024-01-01", REF_2024 + " 公式（1）FC 净消耗量")
def net_consumption_2024(
    purchased: float, sold: float, stock_increase: float, to_power_sector: float
) -> float:
    """FC = purchased − sold − stock increase − fuel burned by units covered as power sector.

    Stock changes are taken out so that a fuel bought to stock is counted when it is used (the
    reference names purchases and sales; the stock term is chinaets' reading of 净消耗量)."""
    return purchased - sold - stock_increase - to_power_sector


# --- carbon of a fuel quantity (formulas 1 and 2) -------------------------------------------

FuelCarbon = Callable[[float, float, float], float]
fuel_co2: DatedFormula[FuelCarbon] = DatedFormula(
    "steel_fuel_co2",
    "CO2 of the carbon in a fuel quantity, without oxidation factor",
    "燃料含碳折算的二氧化碳（不计氧化率）",
)


@fuel_co2.since("2024-01-01", REF_2024 + " 公式（1）（2）")
def fuel_co2_2024(quantity: float, ncv: float, cc: float) -> float:
    """FC × NCV × CC × 44/12 (no oxidation factor in the mass balance)."""
    return quantity * ncv * cc * CO2_PER_C


# --- combustion in a co-firing power unit (formula 3) ----------------------------------------

UnitCombustion = Callable[[float, float, float, float], float]
unit_combustion: DatedFormula[UnitCombustion] = DatedFormula(
    "steel_power_unit_co2",
    "CO2 of a fuel burned in a co-firing power unit",
    "掺烧发电机组燃料燃烧排放",
)


@unit_combustion.since("2024-01-01", REF_2024 + " 公式（3）")
def unit_combustion_2024(quantity: float, ncv: float, cc: float, oxidation: float) -> float:
    """FC × NCV × CC × OF × 44/12."""
    return quantity * ncv * cc * oxidation * CO2_PER_C


def versions_at(p: ParametersAt) -> dict[str, str]:
    """The label of every formula version in force on the parameters' date."""
    formulas: tuple[DatedFormula[Callable[..., float]], ...] = (
        net_consumption,
        fuel_co2,
        unit_combustion,
    )
    return {f.name: f.version_at(p.when).label for f in formulas}
