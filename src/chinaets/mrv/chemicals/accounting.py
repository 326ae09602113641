"""Chemical accounting (rules reference §4)::

    E = E_combustion + E_feedstock + E_carbonate + N2O × 310 − R_CO2 + E_elec + E_heat

Supplementary table: plant-level CO2 (combustion + process − recovered + electricity + heat;
N2O is not CO2) over the plant's product tonnes. The 2025 template's fields, the ammonia plant's
boundary (air separation and coal boilers excluded) is left to the enterprise's facility
definition; the ammonia–methanol co-production split (1 : 1.06 raw material and heat, 1 : 0.8
electricity, 2016 table [S]) gives the supplementary annex's ammonia rows (`annex`)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

from chinaets.mrv.chemicals.annex import annex
from chinaets.mrv.chemicals.formulas import process_emissions
from chinaets.mrv.chemicals.schema import PRODUCTS, ChemicalReport
from chinaets.mrv.ndrc import accounting as frame
from chinaets.mrv.ndrc.results import ReportingResult
from chinaets.mrv.ndrc.rules import sector_parameters
from chinaets.rules import ParametersAt, ParameterSet

PARAMETER_DIR = Path(__file__).parent / "parameters"


@cache
def parameters() -> ParameterSet:
    return sector_parameters(PARAMETER_DIR)


def product_tonnes(p: ParametersAt, report: ChemicalReport) -> Mapping[str, float]:
    """Each plant's principal product: its first products row (the 2016/2018 tables are per
    sub-product plant; an ammonia plant's urea is made from its ammonia and is not added)."""
    out: dict[str, float] = {}
    for r in report.products:
        out.setdefault(r.unit_id, r.quantity)
    return out


RULES = frame.SectorRules(
    sector="chemicals",
    parameters=parameters,
    process=process_emissions,
    outputs=product_tonnes,
    output_unit=("t product", "t 产品"),
    products=PRODUCTS,
    template=frozenset({"combustion", "process", "recovery", "electricity", "heat"}),
    template_note="combustion + process − recovered + electricity + heat (CO2 only; N2O excluded)",
    annex=annex,
)


def account(report: ChemicalReport) -> ReportingResult:
    return frame.account(RULES, report)
