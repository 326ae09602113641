"""Petrochemical process emissions, by the data date they take effect (rules reference §3)::

2013-01-01 (the 2014 guideline, applied to every data year it is asked for)
  flare, normal     Q × (C × OF × 44/12 + V_CO2 × 19.7)       C measured or Σ 12 × V_n × CN_n × 10/22.4
  flare, accident   GF × T × CN × OF × 44/22.4 × 10
  FCC, coker, continuous regeneration   MC × CF × OF × 44/12
  periodic regeneration   MC_cat × (1 − CF_b) × (CF_b/(1 − CF_b) − CF_a/(1 − CF_a)) × 44/12
  hydrogen plant    (AD_feed × C_feed − Q_syngas × C_syngas − Q_residue × C_residue) × 44/12
  coke calcining    (M_green × C_green − (M_product + M_dust) × C_product) × 44/12
  asphalt blowing   M × EF
  furnace decoking  Q × T × (V_CO2 + V_CO) × 19.7 × 10^-4
  EO/EG             (M_ethylene × C_ethylene − M_EO × C_EO) × 44/12
  CO2 recovered     −(Q_supplied × PUR + Q_feedstock × PUR) × 19.7
"""

from __future__ import annotations

from typing import Any

from chinaets.mrv.ndrc import sources
from chinaets.mrv.ndrc.accounting import ProcessSources
from chinaets.mrv.ndrc.results import Source
from chinaets.mrv.ndrc.rules import Decimals
from chinaets.mrv.petrochemicals import units
from chinaets.rules import DatedFormula, ParametersAt

REF_2014 = "中国石油化工企业温室气体排放核算方法与报告指南（试行）（发改办气候〔2014〕2920号）"

process_emissions: DatedFormula[ProcessSources] = DatedFormula(
    "petrochemicals_process_emissions",
    "Flares and process units of a refinery or cracker",
    "炼油与乙烯火炬及工艺装置排放",
)


@process_emissions.since("2013-01-01", REF_2014)
def guideline_2014(p: ParametersAt, d: Decimals, report: Any) -> list[Source]:
    return [
        *(units.flare(p, d, r) for r in report.flares),
        *(units.regeneration(p, d, r) for r in report.regeneration),
        *(units.hydrogen(d, r) for r in report.hydrogen_plants),
        *(units.calcining(d, r) for r in report.coke_calcining),
        *(units.asphalt(p, d, r) for r in report.asphalt),
        *(units.decoking(p, d, r) for r in report.decoking),
        *(units.ethylene_oxide(p, d, r) for r in report.ethylene_oxide),
        *sources.recovered(p, d, report.co2_recovery),
    ]
