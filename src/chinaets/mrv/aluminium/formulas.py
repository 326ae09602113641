"""Aluminium smelting formulas, each version named by the data date it takes effect
(CETS-AG-04.01-V01-2024 from 2024-01-01; rules reference §2.4 [C])::

    EF_anode = NC × (1 − S − Ash) × 44/12                       tCO2/t Al
    EF_CF4   = slope × AEM        (AEM measured)                kg CF4/t Al
             = default            (otherwise)
    EF_C2F6  = ratio × EF_CF4     (slope)  |  default           kg C2F6/t Al
    E_PFC    = P × (EF_CF4 × GWP_CF4 + EF_C2F6 × GWP_C2F6) / 1000     tCO2e

Emissions use unrounded factors; the report tables show EF_CF4 at 3 and EF_C2F6 at 4 decimals
(the [C] implementation's order of rounding is not known).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from chinaets.mrv.aluminium.schema import AnodeData
from chinaets.mrv.industry.rules import CO2_PER_C
from chinaets.rules import DatedFormula, ParametersAt
from chinaets.rules.parameters import UsedValue

REF_2024 = "企业温室气体排放核算与报告指南 铝冶炼 CETS-AG-04.01-V01-2024（环办气候函〔2024〕321号）"


@dataclass(frozen=True)
class AnodeFactor:
    """A month's anode factor and where each of its inputs came from."""

    net_anode: float
    sulphur: float
    ash: float
    sources: dict[str, str]  # parameter -> "measured" | "default"
    defaults: tuple[UsedValue, ...]

    @property
    def tco2_per_t(self) -> float:
        return self.net_anode * (1 - self.sulphur - self.ash) * CO2_PER_C


@dataclass(frozen=True)
class PfcFactors:
    """A month's PFC factors (kg/t Al) and how they were obtained."""

    method: str  # "slope" or "default"
    aem: float | None
    cf4_kg_per_t: float
    c2f6_kg_per_t: float
    used: tuple[UsedValue, ...]


AnodeMethod = Callable[[ParametersAt, AnodeData | None], AnodeFactor]
anode_factor: DatedFormula[AnodeMethod] = DatedFormula(
    "aluminium_anode_factor",
    "CO2 per tonne of aluminium from carbon anode consumption",
    "阳极消耗的吨铝二氧化碳排放",
)


@anode_factor.since("2024-01-01", REF_2024)
def anode_from_net_consumption(p: ParametersAt, data: AnodeData | None) -> AnodeFactor:
    """NC × (1 − S − Ash) × 44/12, each input measured if the month gives it, else default."""
    given = {
        "net_anode_consumption": data.net_anode_t_per_t if data else None,
        "anode_sulphur": data.sulphur_pct / 100 if data and data.sulphur_pct is not None else None,
        "anode_ash": data.ash_pct / 100 if data and data.ash_pct is not None else None,
    }
    values, sources, defaults = {}, {}, []
    for name, value in given.items():
        if value is None:
            used = p.used(f"{name}_default")
            values[name], sources[name] = float(used.value), "default"
            defaults.append(used)
        else:
            values[name], sources[name] = value, "measured"
    return AnodeFactor(
        values["net_anode_consumption"], values["anode_sulphur"], values["anode_ash"],
        sources, tuple(defaults),
    )  # fmt: skip


PfcMethod = Callable[[ParametersAt, float | None], PfcFactors]
pfc_factors: DatedFormula[PfcMethod] = DatedFormula(
    "aluminium_pfc_factors",
    "CF4 and C2F6 per tonne of aluminium from anode effects",
    "阳极效应的吨铝 CF4 与 C2F6 排放",
)


@pfc_factors.since("2024-01-01", REF_2024)
def slope_or_default(p: ParametersAt, aem: float | None) -> PfcFactors:
    """Slope method when anode-effect minutes are measured, else the default factors."""
    if aem is None:
        cf4, c2f6 = p.used("pfc_default_factor", "CF4"), p.used("pfc_default_factor", "C2F6")
        return PfcFactors("default", None, float(cf4.value), float(c2f6.value), (cf4, c2f6))
    slope, ratio = p.used("pfc_slope_cf4"), p.used("pfc_c2f6_to_cf4")
    cf4_kg = float(slope.value) * aem
    return PfcFactors("slope", aem, cf4_kg, float(ratio.value) * cf4_kg, (slope, ratio))


def pfc_tco2e(output_t: float, factors: PfcFactors, gwp_cf4: float, gwp_c2f6: float) -> float:
    """E_PFC = P × (EF_CF4 × GWP_CF4 + EF_C2F6 × GWP_C2F6) / 1000 (kg → t)."""
    return output_t * (factors.cf4_kg_per_t * gwp_cf4 + factors.c2f6_kg_per_t * gwp_c2f6) / 1000
