"""Pulp and paper accounting (rules reference §7)::

    E = E_combustion + E_process + CH4_wastewater × 21 + E_elec + E_heat

The supplementary table is CO2 only (§9): combustion + process + electricity + heat, over the
facility's paper and board, or its pulp where it makes no paper (UNCERTAIN: the template's
product fields were not found)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from chinaets.mrv.ndrc import accounting as frame
from chinaets.mrv.ndrc.results import ReportingResult
from chinaets.mrv.ndrc.rules import sector_parameters
from chinaets.mrv.paper.formulas import process_emissions
from chinaets.mrv.paper.schema import PRODUCTS, PaperReport
from chinaets.rules import ParametersAt, ParameterSet

PARAMETER_DIR = Path(__file__).parent / "parameters"


@cache
def parameters() -> ParameterSet:
    return sector_parameters(PARAMETER_DIR)


def product_tonnes(p: ParametersAt, report: PaperReport) -> Mapping[str, float]:
    """Paper and board of each facility; pulp where the facility makes no paper (an integrated
    mill's pulp is inside its paper: counting both would count the fibre twice)."""
    by: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for r in report.products:
        by[r.unit_id][r.product] += r.quantity
    return {u: q["paper_board"] or q["pulp"] for u, q in by.items()}


RULES = frame.SectorRules(
    sector="paper",
    parameters=parameters,
    process=process_emissions,
    outputs=product_tonnes,
    output_unit=("t paper/pulp", "t 纸及纸板/纸浆"),
    products=PRODUCTS,
    template=frozenset({"combustion", "process", "electricity", "heat"}),
    template_note="combustion + process + electricity + heat (CO2 only; wastewater CH4 excluded)",
)


def account(report: PaperReport) -> ReportingResult:
    return frame.account(RULES, report)
