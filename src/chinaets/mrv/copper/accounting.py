"""Copper smelting accounting (rules reference §6)::

    E = E_combustion + E_reductant + E_process + E_elec + E_heat

The supplementary table (T18F, Fujian's adaptation of the national 2018 table) counts
combustion + net electricity + net heat only, over blister copper (粗铜) tonnes; whether the
2025 template adds process CO2 or uses cathode copper is UNCERTAIN."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from chinaets.mrv.copper.formulas import process_emissions
from chinaets.mrv.copper.schema import PRODUCTS, CopperReport
from chinaets.mrv.ndrc import accounting as frame
from chinaets.mrv.ndrc.results import ReportingResult
from chinaets.mrv.ndrc.rules import sector_parameters
from chinaets.rules import ParametersAt, ParameterSet

PARAMETER_DIR = Path(__file__).parent / "parameters"
DENOMINATOR = "blister_copper"


@cache
def parameters() -> ParameterSet:
    return sector_parameters(PARAMETER_DIR)


def blister_tonnes(p: ParametersAt, report: CopperReport) -> Mapping[str, float]:
    out: dict[str, float] = defaultdict(float)
    for r in report.products:
        if r.product == DENOMINATOR:
            out[r.unit_id] += r.quantity
    return out


RULES = frame.SectorRules(
    sector="copper",
    parameters=parameters,
    process=process_emissions,
    outputs=blister_tonnes,
    output_unit=("t blister copper", "t 粗铜"),
    products=PRODUCTS,
    template=frozenset({"combustion", "electricity", "heat"}),
    template_note="combustion + electricity + heat (T18F: items 1.1–1.3; reductants and process excluded)",
)


def account(report: CopperReport) -> ReportingResult:
    return frame.account(RULES, report)
