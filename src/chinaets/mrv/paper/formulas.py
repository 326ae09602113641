"""Pulp and paper process and CH4 emissions, by the data date they take effect (§7)::

2013-01-01  E_process = L × PUR × EF_lime                        purchased limestone
            CH4 (t)   = (TOW − S) × B0 × MCF × 10^-3              TOW = W × (COD_in − COD_out) kg
            E_CH4     = CH4 × GWP_CH4
"""

from __future__ import annotations

from typing import Any

from chinaets.mrv.ndrc.accounting import ProcessSources
from chinaets.mrv.ndrc.results import Source, Term
from chinaets.mrv.ndrc.rules import Decimals
from chinaets.rules import DatedFormula, ParametersAt

REF_2015 = (
    "中国造纸和纸制品生产企业温室气体排放核算方法与报告指南（试行）（发改办气候〔2015〕1722号）"
)

process_emissions: DatedFormula[ProcessSources] = DatedFormula(
    "paper_process_emissions",
    "Lime-kiln limestone and anaerobic wastewater of a paper mill",
    "造纸石灰窑石灰石与废水厌氧处理排放",
)


@process_emissions.since("2013-01-01", REF_2015)
def guideline_2015(p: ParametersAt, d: Decimals, report: Any) -> list[Source]:
    return [*limestone(p, d, report.limestone), *wastewater(p, d, report.wastewater)]


def limestone(p: ParametersAt, d: Decimals, rows: Any) -> list[Source]:
    ef = Term.of("EF", p.used("limestone_emission_factor"))
    out = []
    for r in rows:
        tco2 = d.round(r.quantity_t * r.purity_pct / 100 * ef.value, "emissions")
        terms = (
            Term("L", r.quantity_t, "t", "limestone"),
            Term("PUR", r.purity_pct, "%", "limestone"),
            ef,
        )
        out.append(
            Source(r.unit_id, "process", "limestone", "外购石灰石 / purchased limestone", "CO2",
                   tco2, tco2, "L × PUR × EF", terms)
        )  # fmt: skip
    return out


def wastewater(p: ParametersAt, d: Decimals, rows: Any) -> list[Source]:
    b0 = Term.of("B0", p.used("wastewater_b0"))
    gwp = Term.of("GWP", p.used("ndrc_gwp", "CH4"))
    default_mcf = Term.of("MCF", p.used("wastewater_mcf"))
    out = []
    for r in rows:
        mcf = Term("MCF", r.mcf, "fraction", "wastewater") if r.mcf is not None else default_mcf
        ch4 = max(0.0, r.tow_kg - r.sludge_cod_kg) * b0.value * mcf.value * 1e-3
        terms = (
            Term("TOW", r.tow_kg, "kg COD", "wastewater"),
            Term("S", r.sludge_cod_kg, "kg COD", "wastewater"), b0, mcf, gwp,
        )  # fmt: skip
        out.append(
            Source(r.unit_id, "ch4", "wastewater", "废水厌氧处理 / anaerobic wastewater", "CH4",
                   d.round(ch4, "quantity"), d.round(ch4 * gwp.value, "emissions"),
                   "(TOW − S) × B0 × MCF × 10^-3 × GWP", terms)
        )  # fmt: skip
    return out
