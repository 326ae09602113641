"""The process sources of a refinery or cracker, one function per formula of the guideline
(see `formulas` for the list). Each returns a `Source` keeping its inputs and parameters."""

from __future__ import annotations

from chinaets.mrv.ndrc.results import Source, Term
from chinaets.mrv.ndrc.rules import CO2_PER_C, Decimals
from chinaets.mrv.petrochemicals.schema import (
    FLARE_CARBON,
    Asphalt,
    CokeCalcining,
    Decoking,
    EthyleneOxide,
    Flare,
    HydrogenPlant,
    Regeneration,
)
from chinaets.rules import ParametersAt

MOLAR_VOLUME = 22.4
"""Nm3 per kmol at standard conditions."""


def _source(
    d: Decimals, unit_id: str, item: str, label: str, tco2: float, formula: str, *terms: Term
) -> Source:
    value = d.round(tco2, "emissions")
    return Source(unit_id, "process", item, label, "CO2", value, value, formula, terms)


def flare_carbon(r: Flare) -> float:
    """tC per 10^4 Nm3 of the non-CO2 components: Σ 12 × V_n × CN_n × 10 / 22.4."""
    atoms = sum(float(getattr(r, k)) / 100 * n for k, n in FLARE_CARBON.items())
    return 12 * atoms * 10 / MOLAR_VOLUME


def flare(p: ParametersAt, d: Decimals, r: Flare) -> Source:
    of = Term.of("OF", p.used("flare_oxidation"))
    if r.kind == "accident":
        cn = (
            Term("CN", r.carbon_atoms, "atoms", "flares")
            if r.carbon_atoms is not None
            else Term.of("CN", p.used("accident_flare_carbon_atoms", r.system))
        )
        tco2 = r.rate_10k_nm3_h * r.hours * cn.value * of.value * 44 / MOLAR_VOLUME * 10
        return _source(
            d,
            r.unit_id,
            "flare:accident",
            "事故火炬 / accident flare",
            tco2,
            "GF × T × CN × OF × 44/22.4 × 10",
            Term("GF", r.rate_10k_nm3_h, "10^4 Nm3/h", "flares"),
            Term("T", r.hours, "h", "flares"),
            cn,
            of,
        )
    c = r.carbon_t_per_10k_nm3 if r.carbon_t_per_10k_nm3 is not None else flare_carbon(r)
    density = Term.of("19.7", p.used("ndrc_co2_density"))
    tco2 = r.gas_10k_nm3 * (c * of.value * CO2_PER_C + r.co2_pct / 100 * density.value)
    return _source(
        d,
        r.unit_id,
        "flare:normal",
        "正常火炬 / normal flare",
        tco2,
        "Q × (C × OF × 44/12 + V_CO2 × 19.7)",
        Term("Q", r.gas_10k_nm3, "10^4 Nm3", "flares"),
        Term("C", c, "tC/10^4 Nm3", "flares"),
        of,
        Term("V_CO2", r.co2_pct, "%", "flares"),
        density,
    )


def regeneration(p: ParametersAt, d: Decimals, r: Regeneration) -> Source:
    label = f"催化剂烧焦（{r.unit_kind}） / catalyst regeneration ({r.unit_kind})"
    if r.unit_kind == "periodic":
        before, after = r.carbon_before_pct / 100, r.carbon_after_pct / 100
        tco2 = r.catalyst_t * (1 - before) * (before / (1 - before) - after / (1 - after))
        return _source(
            d,
            r.unit_id,
            f"regeneration:{r.unit_kind}",
            label,
            tco2 * CO2_PER_C,
            "MC × (1 − CF_b) × (CF_b/(1 − CF_b) − CF_a/(1 − CF_a)) × 44/12",
            Term("MC", r.catalyst_t, "t", "regeneration"),
            Term("CF_b", before, "fraction", "regeneration"),
            Term("CF_a", after, "fraction", "regeneration"),
        )
    cf = (
        Term("CF", r.coke_carbon_pct / 100, "fraction", "regeneration")
        if r.coke_carbon_pct is not None
        else Term.of("CF", p.used("coke_carbon_default"))
    )
    of = Term.of("OF", p.used("coke_burn_oxidation"))
    return _source(
        d,
        r.unit_id,
        f"regeneration:{r.unit_kind}",
        label,
        r.coke_burnt_t * cf.value * of.value * CO2_PER_C,
        "MC × CF × OF × 44/12",
        Term("MC", r.coke_burnt_t, "t", "regeneration"),
        cf,
        of,
    )


def hydrogen(d: Decimals, r: HydrogenPlant) -> Source:
    carbon = (
        r.feed_t * r.feed_carbon_t_per_t
        - r.syngas_10k_nm3 * r.syngas_carbon_t_per_10k_nm3
        - r.residue_t * r.residue_carbon_t_per_t
    )
    return _source(
        d,
        r.unit_id,
        "hydrogen",
        "制氢装置 / hydrogen plant",
        carbon * CO2_PER_C,
        "(AD_feed × C_feed − Q_syngas × C_syngas − Q_residue × C_residue) × 44/12",
        Term("AD_feed", r.feed_t, "t", "hydrogen_plants"),
        Term("C_feed", r.feed_carbon_t_per_t, "tC/t", "hydrogen_plants"),
        Term("Q_syngas", r.syngas_10k_nm3, "10^4 Nm3", "hydrogen_plants"),
        Term("Q_residue", r.residue_t, "t", "hydrogen_plants"),
    )


def calcining(d: Decimals, r: CokeCalcining) -> Source:
    carbon = r.green_coke_t * r.green_carbon_pct / 100 - (r.product_t + r.dust_t) * (
        r.product_carbon_pct / 100
    )
    return _source(
        d,
        r.unit_id,
        "coke_calcining",
        "石油焦煅烧 / coke calcining",
        carbon * CO2_PER_C,
        "(M_green × C_green − (M_product + M_dust) × C_product) × 44/12",
        Term("M_green", r.green_coke_t, "t", "coke_calcining"),
        Term("M_product", r.product_t, "t", "coke_calcining"),
        Term("M_dust", r.dust_t, "t", "coke_calcining"),
    )


def asphalt(p: ParametersAt, d: Decimals, r: Asphalt) -> Source:
    ef = Term.of("EF", p.used("asphalt_emission_factor"))
    return _source(
        d,
        r.unit_id,
        "asphalt",
        "氧化沥青 / asphalt blowing",
        r.quantity_t * ef.value,
        "M × EF",
        Term("M", r.quantity_t, "t", "asphalt"),
        ef,
    )


def decoking(p: ParametersAt, d: Decimals, r: Decoking) -> Source:
    density = Term.of("19.7", p.used("ndrc_co2_density"))
    tco2 = r.offgas_nm3_h * r.hours * (r.co2_pct + r.co_pct) / 100 * density.value * 1e-4
    return _source(
        d,
        r.unit_id,
        "decoking",
        "乙烯裂解炉烧焦 / furnace decoking",
        tco2,
        "Q × T × (V_CO2 + V_CO) × 19.7 × 10^-4",
        Term("Q", r.offgas_nm3_h, "Nm3/h", "decoking"),
        Term("T", r.hours, "h", "decoking"),
        Term("V_CO2", r.co2_pct, "%", "decoking"),
        Term("V_CO", r.co_pct, "%", "decoking"),
        density,
    )


def ethylene_oxide(p: ParametersAt, d: Decimals, r: EthyleneOxide) -> Source:
    c_eth = Term.of("C_ethylene", p.used("ethylene_carbon_content", "ethylene"))
    c_eo = Term.of("C_EO", p.used("ethylene_carbon_content", "ethylene_oxide"))
    tco2 = (r.ethylene_t * c_eth.value - r.eo_t * c_eo.value) * CO2_PER_C
    return _source(
        d,
        r.unit_id,
        "ethylene_oxide",
        "乙二醇/环氧乙烷 / EO and glycol",
        tco2,
        "(M_ethylene × C_ethylene − M_EO × C_EO) × 44/12",
        Term("M_ethylene", r.ethylene_t, "t", "ethylene_oxide"),
        c_eth,
        Term("M_EO", r.eo_t, "t", "ethylene_oxide"),
        c_eo,
    )
