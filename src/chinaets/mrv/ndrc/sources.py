"""The sources every reporting sector has (rules reference reporting-sectors.md §2)::

E_combustion = Σ FC × NCV × CC × OF × 44/12          measured NCV/CC replace the defaults
E_carbonate  = Σ M × EF × F                          F purity or calcination fraction
E_elec       = (purchased − exported) × EF_grid       non-fossil direct/own supply: 0
E_heat       = (purchased − exported) × EF_heat
R_CO2        = (Q_supplied × PUR + Q_feedstock × PUR) × 19.7   (petrochemicals, chemicals)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from chinaets.mrv.ndrc.results import Category, Source, Term
from chinaets.mrv.ndrc.rules import CO2_PER_C, Decimals
from chinaets.mrv.ndrc.schema import (
    CARBONATES,
    CarbonateUse,
    CO2Recovery,
    EnergyUse,
    FuelUse,
    fuels,
)
from chinaets.rules import ParametersAt


def combustion(p: ParametersAt, d: Decimals, rows: Iterable[FuelUse]) -> list[Source]:
    return [fuel_source(p, d, r.unit_id, r.fuel, r.quantity, r.ncv, r.carbon_content) for r in rows]


def fuel_source(
    p: ParametersAt,
    d: Decimals,
    unit_id: str,
    fuel: str,
    quantity: float,
    ncv: float | None = None,
    carbon_content: float | None = None,
    fossil_share: float = 1.0,
    category: Category = "combustion",
) -> Source:
    """One fuel burned: FC × NCV × CC × OF × 44/12 (× the fossil share of a blended fuel)."""
    spec = fuels()[fuel]
    ncv_term = measured_or_default(p, "NCV", ncv, "GJ/unit", "ndrc_fuel_ncv", fuel)
    cc_term = measured_or_default(
        p, "CC", carbon_content, "tC/GJ", "ndrc_fuel_carbon_content", fuel
    )
    of_term = Term.of("OF", p.used("ndrc_fuel_oxidation", fuel))
    tco2 = quantity * ncv_term.value * cc_term.value * of_term.value * CO2_PER_C * fossil_share
    terms = [Term("FC", quantity, spec.unit, "fuel_use"), ncv_term, cc_term, of_term]
    formula = "FC × NCV × CC × OF × 44/12"
    if fossil_share != 1.0:
        terms.append(Term("fossil_share", fossil_share, "fraction"))
        formula += " × fossil share"
    value = d.round(tco2, "emissions")
    label = f"{spec.zh} / {spec.en}"
    return Source(unit_id, category, fuel, label, "CO2", value, value, formula, tuple(terms))


def measured_or_default(
    p: ParametersAt, symbol: str, measured: float | None, unit: str, parameter: str, fuel: str
) -> Term:
    """The enterprise's measured value where it gives one, else the guideline's default."""
    if measured is not None:
        return Term(symbol, measured, unit, "fuel_use")
    return Term.of(symbol, p.used(parameter, fuel))


def carbonates(
    p: ParametersAt, d: Decimals, rows: Iterable[CarbonateUse], table: str = "carbonates"
) -> list[Source]:
    out = []
    for r in rows:
        ef = Term.of("EF", p.used("ndrc_carbonate_emission_factor", r.carbonate))
        tco2 = d.round(r.quantity_t * r.fraction_pct / 100 * ef.value, "emissions")
        zh, en = CARBONATES[r.carbonate]
        terms = (Term("M", r.quantity_t, "t", table), ef, Term("F", r.fraction_pct, "%", table))
        out.append(
            Source(
                r.unit_id,
                "process",
                r.carbonate,
                f"{zh} / {en}",
                "CO2",
                tco2,
                tco2,
                "M × EF × F",
                terms,
            )
        )
    return out


def purchased_energy(p: ParametersAt, d: Decimals, rows: Sequence[EnergyUse]) -> list[Source]:
    """Net purchased electricity and heat of each facility that reports any."""
    by_unit: dict[str, list[EnergyUse]] = defaultdict(list)
    for r in rows:
        by_unit[r.unit_id].append(r)
    out: list[Source] = []
    grid = Term.of("EF", p.used("ndrc_grid_emission_factor"))
    heat = Term.of("EF", p.used("ndrc_heat_emission_factor"))
    for unit_id, group in by_unit.items():
        bought = sum(r.electricity_purchased_mwh for r in group)
        sold = sum(r.electricity_exported_mwh for r in group)
        if bought or sold:
            out.append(_net(d, unit_id, "electricity", (bought, sold, "MWh"), grid))
        bought = sum(r.heat_purchased_gj for r in group)
        sold = sum(r.heat_exported_gj for r in group)
        if bought or sold:
            out.append(_net(d, unit_id, "heat", (bought, sold, "GJ"), heat))
    return out


def _net(
    d: Decimals, unit_id: str, category: Category, amounts: tuple[float, float, str], ef: Term
) -> Source:
    bought, sold, unit = amounts
    tco2 = d.round((bought - sold) * ef.value, "emissions")
    label = (
        "净购入电力 / net purchased electricity"
        if category == "electricity"
        else ("净购入热力 / net purchased heat")
    )
    terms = (Term("AD_in", bought, unit, "energy"), Term("AD_out", sold, unit, "energy"), ef)
    return Source(
        unit_id,
        category,
        "grid" if category == "electricity" else "heat",
        label,
        "CO2",
        tco2,
        tco2,
        "(AD_in − AD_out) × EF",
        terms,
    )


def recovered(p: ParametersAt, d: Decimals, rows: Iterable[CO2Recovery]) -> list[Source]:
    """CO2 recovered and supplied or used as feedstock: a negative source."""
    density = Term.of("19.7", p.used("ndrc_co2_density"))
    out = []
    for r in rows:
        gas = r.supplied_10k_nm3 * r.supplied_purity_pct / 100
        gas += r.feedstock_10k_nm3 * r.feedstock_purity_pct / 100
        tco2 = -d.round(gas * density.value, "emissions")
        terms = (
            Term("Q_supplied", r.supplied_10k_nm3, "10^4 Nm3", "co2_recovery"),
            Term("PUR_supplied", r.supplied_purity_pct, "%", "co2_recovery"),
            Term("Q_feedstock", r.feedstock_10k_nm3, "10^4 Nm3", "co2_recovery"),
            Term("PUR_feedstock", r.feedstock_purity_pct, "%", "co2_recovery"),
            density,
        )
        out.append(
            Source(
                r.unit_id,
                "recovery",
                "co2_recovered",
                "CO2回收利用 / CO2 recovered",
                "CO2",
                tco2,
                tco2,
                "−(Q_supplied × PUR + Q_feedstock × PUR) × 19.7",
                terms,
            )
        )
    return out
