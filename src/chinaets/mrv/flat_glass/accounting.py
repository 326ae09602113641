"""Flat glass accounting: a validated report in, explained emissions out (rules reference §5)::

    E = E_combustion + E_carbon_powder + E_carbonates + E_elec + E_heat

Intensity: the supplementary table's CO2 over flat glass output in tonnes (weight boxes
converted). The supplementary total is modelled like copper's (per furnace, combustion +
process + electricity + heat): the 2025 template's fields were not read (UNCERTAIN)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from chinaets.mrv.flat_glass.formulas import process_emissions
from chinaets.mrv.flat_glass.schema import PRODUCTS, GlassReport
from chinaets.mrv.ndrc import accounting as frame
from chinaets.mrv.ndrc.results import ReportingResult
from chinaets.mrv.ndrc.rules import sector_parameters
from chinaets.rules import ParametersAt, ParameterSet

PARAMETER_DIR = Path(__file__).parent / "parameters"


@cache
def parameters() -> ParameterSet:
    return sector_parameters(PARAMETER_DIR)


def glass_tonnes(p: ParametersAt, report: GlassReport) -> Mapping[str, float]:
    box = float(p("weight_box_mass"))
    out: dict[str, float] = defaultdict(float)
    for r in report.products:
        out[r.unit_id] += r.quantity * (box if r.product == "flat_glass_weight_boxes" else 1.0)
    return out


RULES = frame.SectorRules(
    sector="flat_glass",
    parameters=parameters,
    process=process_emissions,
    outputs=glass_tonnes,
    output_unit=("t glass", "t 平板玻璃"),
    products=PRODUCTS,
    template=frozenset({"combustion", "process", "electricity", "heat"}),
    template_note="combustion + process + electricity + heat (CO2; modelled on the copper table)",
)


def account(report: GlassReport) -> ReportingResult:
    return frame.account(RULES, report)
