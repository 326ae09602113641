"""Cement clinker process emissions, each version named by the data date it takes effect.

- 2013-01-01  composition method (中国水泥生产企业温室气体排放核算方法与报告指南（试行）,
              发改办气候〔2013〕2526号; GB/T 32151.8-2015)::

                  E = (Q_clinker + Q_kiln_head_dust + Q_bypass_dust)
                      × [(CaO − CaO_nc) × 44/56 + (MgO − MgO_nc) × 44/40]      per month

- 2024-01-01  clinker-factor method (CETS-AG-02.01-V01-2024)::

                  E = max(0, Σ_types Q_type × EF_type − Σ_r Q_r × D_r)          per year

Both are [C]/[S] in the rules reference (§2.3); the parameters carry the UNCERTAIN notes.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from chinaets.mrv.cement.results import (
    ClinkerPart,
    CompositionMonth,
    DeductionPart,
    ProcessResult,
)
from chinaets.mrv.cement.schema import (
    CLINKER_TYPES,
    AltRawMaterial,
    ClinkerComposition,
    ClinkerOutput,
    materials,
)
from chinaets.mrv.industry.rules import Decimals
from chinaets.rules import DatedFormula, ParametersAt

CO2_PER_CAO = 44 / 56
CO2_PER_MGO = 44 / 40
"""Molar mass ratios CO2/CaO and CO2/MgO."""

REF_2013 = "中国水泥生产企业温室气体排放核算方法与报告指南（试行）（发改办气候〔2013〕2526号）；GB/T 32151.8-2015"
REF_2024 = (
    "企业温室气体排放核算与报告指南 水泥熟料生产 CETS-AG-02.01-V01-2024（环办气候函〔2024〕321号）"
)


@dataclass(frozen=True)
class LineInputs:
    """What one line's process emissions are computed from."""

    clinker: Sequence[ClinkerOutput]
    alt_raw_materials: Sequence[AltRawMaterial]
    composition: Sequence[ClinkerComposition]


ProcessMethod = Callable[[ParametersAt, Decimals, LineInputs], ProcessResult]
process_emissions: DatedFormula[ProcessMethod] = DatedFormula(
    "cement_process_emissions",
    "Clinker process (calcination) CO2 of a production line",
    "生产线熟料煅烧过程排放",
)


@process_emissions.since("2013-01-01", REF_2013)
def composition_method(p: ParametersAt, d: Decimals, line: LineInputs) -> ProcessResult:
    """Monthly CaO/MgO of the clinker, net of non-carbonate sources, on clinker plus dust."""
    clinker: dict[int, float] = defaultdict(float)
    for row in line.clinker:
        clinker[row.month] += row.quantity_t
    months = [composition_month(c, clinker.get(c.month, 0.0)) for c in line.composition]
    months.sort(key=lambda m: m.month)
    total = d.round(sum(m.tco2 for m in months), "emissions")
    version = process_emissions.version_at(p.when).label
    return ProcessResult("composition", version, total, 0.0, total, False, composition=months)


def composition_month(c: ClinkerComposition, clinker_t: float) -> CompositionMonth:
    factor = (c.cao_pct - c.noncarbonate_cao_pct) / 100 * CO2_PER_CAO + (
        c.mgo_pct - c.noncarbonate_mgo_pct
    ) / 100 * CO2_PER_MGO
    mass = clinker_t + c.kiln_head_dust_t + c.bypass_dust_t
    return CompositionMonth(
        c.month, clinker_t, c.kiln_head_dust_t, c.bypass_dust_t, c.cao_pct, c.mgo_pct,
        c.noncarbonate_cao_pct, c.noncarbonate_mgo_pct, factor, mass * factor,
    )  # fmt: skip


@process_emissions.since("2024-01-01", REF_2024)
def clinker_factor_method(p: ParametersAt, d: Decimals, line: LineInputs) -> ProcessResult:
    """Default factor per clinker type, minus the deductions for alternative raw materials;
    never below zero (a finding says when the floor applies)."""
    by_type: dict[str, float] = defaultdict(float)
    for row in line.clinker:
        by_type[row.clinker_type] += row.quantity_t
    by_material: dict[str, float] = defaultdict(float)
    for alt in line.alt_raw_materials:
        by_material[alt.material] += alt.quantity_t
    clinker = [_part(p, d, t, by_type[t]) for t in CLINKER_TYPES if t in by_type]
    deductions = [_deduction(p, d, m, by_material[m]) for m in materials() if m in by_material]
    gross = d.round(sum(c.tco2 for c in clinker), "emissions")
    deducted = d.round(sum(x.tco2 for x in deductions), "emissions")
    net = d.round(max(0.0, gross - deducted), "emissions")
    version = process_emissions.version_at(p.when).label
    return ProcessResult(
        "default_factor", version, gross, deducted, net, deducted > gross, clinker, deductions
    )


def _part(p: ParametersAt, d: Decimals, clinker_type: str, quantity: float) -> ClinkerPart:
    factor = p.used("clinker_emission_factor", clinker_type)
    q = d.round(quantity, "output")
    return ClinkerPart(clinker_type, q, factor, d.round(q * float(factor.value), "emissions"))


def _deduction(p: ParametersAt, d: Decimals, material: str, quantity: float) -> DeductionPart:
    factor = p.used("alt_raw_material_deduction", material)
    q = d.round(quantity, "material")
    return DeductionPart(material, q, factor, d.round(q * float(factor.value), "emissions"))


def uses_composition(when: dt.date) -> bool:
    """Whether the composition method is in force on a date (its inputs are then required)."""
    return process_emissions.at(when) is composition_method
