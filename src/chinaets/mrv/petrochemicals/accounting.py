"""Petrochemical accounting (rules reference §3)::

    E = E_combustion + E_flare + Σ E_process,unit − R_CO2 + E_elec + E_heat

Supplementary table (T20XX, 原油加工, first rows read): per refinery, 1 = 1.1 combustion + 1.2 +
1.3 (taken here as process − recovered, and net electricity + heat: UNCERTAIN), over crude
processed, or ethylene for a cracker (UNCERTAIN; CWT is the alternative)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from chinaets.mrv.ndrc import accounting as frame
from chinaets.mrv.ndrc.results import ReportingResult
from chinaets.mrv.ndrc.rules import sector_parameters
from chinaets.mrv.petrochemicals.annex import annex
from chinaets.mrv.petrochemicals.formulas import process_emissions
from chinaets.mrv.petrochemicals.schema import PRODUCTS, PetroReport
from chinaets.rules import ParametersAt, ParameterSet

PARAMETER_DIR = Path(__file__).parent / "parameters"


@cache
def parameters() -> ParameterSet:
    return sector_parameters(PARAMETER_DIR)


def denominator(p: ParametersAt, report: PetroReport) -> Mapping[str, float]:
    """Crude processed where a facility reports it, else its ethylene."""
    by: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for r in report.products:
        by[r.unit_id][r.product] += r.quantity
    return {u: q["crude_throughput"] or q["ethylene"] for u, q in by.items()}


RULES = frame.SectorRules(
    sector="petrochemicals",
    parameters=parameters,
    process=process_emissions,
    outputs=denominator,
    output_unit=("t crude or ethylene", "t 原油加工量/乙烯"),
    products=PRODUCTS,
    template=frozenset({"combustion", "process", "recovery", "electricity", "heat"}),
    template_note="combustion + process − recovered + electricity + heat (T20XX items 1.1–1.3, 1.2/1.3 UNCERTAIN)",
    annex=annex,
)


def account(report: PetroReport) -> ReportingResult:
    return frame.account(RULES, report)
