"""Waste-gas correction of attributed emissions (IR 2025/2547 Annex III A.3, Eq. 55).

The Chinese process balance deducts all carbon leaving a process in a gas; under the CBAM the
exporting process keeps that carbon less a credit worth the natural gas the waste gas replaces
(``WG_corr,exp = V × NCV × EF_NG × Corr_η``), and a consuming process carries the natural-gas
equivalent (``WG_corr,imp = V × NCV × EF_NG``) instead of the gas's carbon.
"""

from __future__ import annotations

from chinaets.cbam.law import CbamLaw
from chinaets.cbam.model import ATTRIBUTION_REF, term
from chinaets.core.terms import zh_term
from chinaets.mrv.industry.combustion import FuelResult
from chinaets.rules.trace import TraceNode, parameter_node

GJ_PER_TJ = 1000.0


def natural_gas_equivalent(law: CbamLaw, heat_gj: float) -> float:
    return heat_gj / GJ_PER_TJ * float(law.waste_gas("ef_natural_gas_tco2_per_tj").value)


def exported(law: CbamLaw, gas: FuelResult) -> list[TraceNode]:
    """Terms for a waste gas leaving a process: its carbon back in, less the export credit."""
    corr = law.waste_gas("corr_eta_export")
    credit = natural_gas_equivalent(law, gas.heat_gj) * float(corr.value)
    fuel_zh = zh_term(gas.fuel)
    kept = term(
        f"carbon in exported {gas.fuel} (deducted in the Chinese balance)", gas.tco2,
        formula="+ FC_out × NCV × CC × 44/12", reference=ATTRIBUTION_REF,
        label_zh=f"输出{fuel_zh}中的碳（中国核算中已扣减）",
    )  # fmt: skip
    wg = term(
        f"WG_corr,exp {gas.fuel}", -credit,
        formula=f"− V × NCV × EF_NG × Corr_η = − {gas.heat_gj:,.1f} GJ / 1000 × EF_NG × Corr_η",
        reference=ATTRIBUTION_REF, label_zh=f"WG_corr（输出废气修正） {fuel_zh}",
    )  # fmt: skip
    wg.add(parameter_node(law.waste_gas("ef_natural_gas_tco2_per_tj"), "EF_NG"))
    wg.add(parameter_node(corr, "Corr_η"))
    return [kept, wg]


def imported(law: CbamLaw, fuel: str, heat_gj: float, carbon_tco2: float) -> list[TraceNode]:
    """Terms for a waste gas burnt in a process: its carbon out, the natural-gas equivalent in."""
    out = term(
        f"carbon in imported {fuel} (kept by its exporter)", -carbon_tco2,
        formula="− FC_in × NCV × CC × 44/12", reference=ATTRIBUTION_REF,
        label_zh=f"输入{zh_term(fuel)}中的碳（归属其输出工序）",
    )  # fmt: skip
    wg = term(
        f"WG_corr,imp {fuel}", natural_gas_equivalent(law, heat_gj),
        formula=f"+ V × NCV × EF_NG = {heat_gj:,.1f} GJ / 1000 × EF_NG", reference=ATTRIBUTION_REF,
        label_zh=f"WG_corr（输入废气修正） {zh_term(fuel)}",
    )  # fmt: skip
    wg.add(parameter_node(law.waste_gas("ef_natural_gas_tco2_per_tj"), "EF_NG"))
    return [out, wg]
