"""Copper smelting process emissions, by the data date they take effect (rules reference §6)::

    2013-01-01  E_reductant = Σ AD_i × EF_i            fossil reducing agents (t or 10^4 Nm3)
                E_process   = Σ AD_carb × EF × PUR      carbonate fluxes

(The guideline's oxalic-acid term, AD × 0.349 × PUR, belongs to rare-earth precipitation and is
not part of copper smelting.)"""

from __future__ import annotations

from typing import Any

from chinaets.mrv.copper.schema import REDUCTANTS
from chinaets.mrv.ndrc import sources
from chinaets.mrv.ndrc.accounting import ProcessSources
from chinaets.mrv.ndrc.results import Source, Term
from chinaets.mrv.ndrc.rules import Decimals
from chinaets.rules import DatedFormula, ParametersAt

REF_2015 = "其他有色金属冶炼和压延加工业企业温室气体排放核算方法与报告指南（试行）（发改办气候〔2015〕1722号）"

process_emissions: DatedFormula[ProcessSources] = DatedFormula(
    "copper_process_emissions",
    "Reducing agents and carbonate fluxes of a copper smelter",
    "铜冶炼还原剂与碳酸盐熔剂排放",
)


@process_emissions.since("2013-01-01", REF_2015)
def guideline_2015(p: ParametersAt, d: Decimals, report: Any) -> list[Source]:
    found: list[Source] = []
    for r in report.reductants:
        ef = Term.of("EF", p.used("reductant_emission_factor", r.reductant))
        tco2 = d.round(r.quantity * ef.value, "emissions")
        zh, en = REDUCTANTS[r.reductant]
        found.append(
            Source(
                r.unit_id,
                "process",
                f"reductant_{r.reductant}",
                f"{zh}（还原剂） / {en} (reductant)",
                "CO2",
                tco2,
                tco2,
                "AD × EF",
                (Term("AD", r.quantity, "t", "reductants"), ef),
            )
        )
    return found + sources.carbonates(p, d, report.carbonates)
