"""Chemical process emissions, by the data date they take effect (rules reference §4)::

2013-01-01  E_feedstock = [Σ_in AD × CC − (Σ_product AD × CC + Σ_waste AD × CC)] × 44/12
            E_carbonate = Σ AD × EF × PUR
            N2O (t)     = Σ AD × EF × (1 − η × μ) × 10^-3   nitric and adipic acid
            E_N2O       = N2O × GWP_N2O
            R_CO2       = (Q_supplied × PUR + Q_feedstock × PUR) × 19.7     (deducted)
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from chinaets.mrv.chemicals.schema import NITRIC_PROCESSES
from chinaets.mrv.ndrc import sources
from chinaets.mrv.ndrc.accounting import ProcessSources
from chinaets.mrv.ndrc.results import Source, Term
from chinaets.mrv.ndrc.rules import CO2_PER_C, Decimals
from chinaets.rules import DatedFormula, ParametersAt

REF_2013 = "中国化工生产企业温室气体排放核算方法与报告指南（试行）（发改办气候〔2013〕2526号）"

process_emissions: DatedFormula[ProcessSources] = DatedFormula(
    "chemicals_process_emissions",
    "Feedstock carbon, carbonates, N2O and CO2 recovery of a plant",
    "化工原料含碳、碳酸盐、N2O 与 CO2 回收",
)


@process_emissions.since("2013-01-01", REF_2013)
def guideline_2013(p: ParametersAt, d: Decimals, report: Any) -> list[Source]:
    return [
        *carbon_balance(d, report.carbon_flows),
        *sources.carbonates(p, d, report.carbonates),
        *n2o(p, d, report.nitric_acid, "nitric"),
        *n2o(p, d, report.adipic_acid, "adipic"),
        *sources.recovered(p, d, report.co2_recovery),
        *(s for r in report.hcfc22 for s in hfc23(p, d, r)),
    ]


def carbon_balance(d: Decimals, rows: Any) -> list[Source]:
    """One source per plant: carbon in minus carbon out, as CO2."""
    carbon: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for r in rows:
        carbon[r.unit_id][r.direction] += r.quantity_t * r.carbon_t_per_t
    out = []
    for unit_id, c in carbon.items():
        tco2 = d.round((c["input"] - c["product"] - c["waste"]) * CO2_PER_C, "emissions")
        terms = tuple(
            Term(f"C_{k}", c[k], "tC", "carbon_flows") for k in ("input", "product", "waste")
        )
        out.append(
            Source(
                unit_id,
                "process",
                "carbon_balance",
                "原料碳平衡 / feedstock carbon balance",
                "CO2",
                tco2,
                tco2,
                "(C_input − C_product − C_waste) × 44/12",
                terms,
            )
        )
    return out


def n2o(p: ParametersAt, d: Decimals, rows: Any, acid: str) -> list[Source]:
    """N2O of nitric-acid (by process) or adipic-acid (by route) plants, net of abatement."""
    gwp = Term.of("GWP", p.used("ndrc_gwp", "N2O"))
    out = []
    for r in rows:
        kind = r.process if acid == "nitric" else r.route
        ef = Term.of("EF", p.used(f"{acid}_acid_n2o_factor", kind))
        eta = Term.of("η", p.used(f"{acid}_acid_abatement_removal", r.abatement))
        mu = Term("μ", r.utilisation_pct / 100, "fraction", f"{acid}_acid")
        t = r.quantity_t * ef.value * (1 - eta.value * mu.value) * 1e-3
        name = NITRIC_PROCESSES[kind][0] if acid == "nitric" else "己二酸"
        out.append(
            Source(
                r.unit_id,
                "n2o",
                f"{acid}_acid:{kind}:{r.abatement}",
                f"{'硝酸' if acid == 'nitric' else ''}{name} N2O / {acid} acid N2O ({kind})",
                "N2O",
                d.round(t, "quantity"),
                d.round(t * gwp.value, "emissions"),
                "AD × EF × (1 − η × μ) × 10^-3 × GWP",
                (Term("AD", r.quantity_t, "t", f"{acid}_acid"), ef, eta, mu, gwp),
            )
        )
    return out


def hfc23(p: ParametersAt, d: Decimals, r: Any) -> list[Source]:
    """HFC-23 of an HCFC-22 plant: what is neither recovered nor destroyed is emitted; the
    destroyed part becomes CO2 (44/70 t CO2 per t HFC-23)."""
    gf = (
        Term("GF", r.generation_factor, "t/t", "hcfc22")
        if r.generation_factor is not None
        else Term.of("GF", p.used("hfc23_generation_factor"))
    )
    gwp = Term.of("GWP", p.used("ndrc_gwp", "HFC23"))
    generated = r.hcfc22_t * gf.value - r.recovered_t
    emitted = max(0.0, generated - r.destroyed_t)
    quantities = (
        Term("P", r.hcfc22_t, "t", "hcfc22"), gf, Term("R", r.recovered_t, "t", "hcfc22"),
        Term("D", r.destroyed_t, "t", "hcfc22"),
    )  # fmt: skip
    destroyed_co2 = d.round(r.destroyed_t * 44 / 70, "emissions")
    return [
        Source(
            r.unit_id, "hfc", "hfc23", "HFC-23 / HFC-23 by-product", "HFC23",
            d.round(emitted, "quantity"), d.round(emitted * gwp.value, "emissions"),
            "max(0, P × GF − R − D) × GWP", (*quantities, gwp),
        ),
        Source(
            r.unit_id, "process", "hfc23_destruction", "HFC-23销毁 / HFC-23 destruction", "CO2",
            destroyed_co2, destroyed_co2, "D × 44/70", quantities[3:],
        ),
    ]  # fmt: skip
