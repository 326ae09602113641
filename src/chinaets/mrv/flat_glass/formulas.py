"""Flat glass process emissions, by the data date they take effect (rules reference §5)::

2013-01-01  E_process = Q_cp × C_cp × 44/12  +  Σ_i M_i × EF_i × F_i
            (carbon powder in the batch; batch carbonates, F calcination fraction)
"""

from __future__ import annotations

from typing import Any

from chinaets.mrv.ndrc import sources
from chinaets.mrv.ndrc.accounting import ProcessSources
from chinaets.mrv.ndrc.results import Source, Term
from chinaets.mrv.ndrc.rules import CO2_PER_C, Decimals
from chinaets.rules import DatedFormula, ParametersAt

REF_2013 = "中国平板玻璃生产企业温室气体排放核算方法与报告指南（试行）（发改办气候〔2013〕2526号）"

process_emissions: DatedFormula[ProcessSources] = DatedFormula(
    "flat_glass_process_emissions",
    "Carbon powder and batch carbonates of a glass furnace",
    "玻璃熔窑碳粉与配合料碳酸盐排放",
)


@process_emissions.since("2013-01-01", REF_2013)
def guideline_2013(p: ParametersAt, d: Decimals, report: Any) -> list[Source]:
    found = sources.carbonates(p, d, report.carbonates)
    default = p.used("carbon_powder_carbon_default")
    for r in report.carbon_powder:
        carbon = (
            Term("C_cp", r.carbon_pct / 100, "fraction", "carbon_powder")
            if r.carbon_pct is not None
            else Term.of("C_cp", default)
        )
        tco2 = d.round(r.quantity_t * carbon.value * CO2_PER_C, "emissions")
        found.append(
            Source(
                r.unit_id,
                "process",
                "carbon_powder",
                "碳粉氧化 / carbon powder",
                "CO2",
                tco2,
                tco2,
                "Q_cp × C_cp × 44/12",
                (Term("Q_cp", r.quantity_t, "t", "carbon_powder"), carbon),
            )
        )
    return found
