"""Civil aviation accounting (rules reference §8)::

    E = Σ flights FC × NCV × CC × OF × 44/12 × (1 − bio) + ground combustion + E_elec + E_heat

All flights of the legal person (domestic and international) count in the guideline total.
Supplementary table: airlines — the CO2 of domestic commercial flights (APU included; state,
military, humanitarian, test, positioning and return flights excluded) over their transport
turnover (10^4 t·km); airports — ground combustion + electricity + heat over throughput (t)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from chinaets.mrv.aviation.annex import annex
from chinaets.mrv.aviation.formulas import flight_emissions, is_template_flight
from chinaets.mrv.aviation.schema import PRODUCTS, AviationReport
from chinaets.mrv.ndrc import accounting as frame
from chinaets.mrv.ndrc.results import ReportingResult
from chinaets.mrv.ndrc.rules import sector_parameters
from chinaets.rules import ParametersAt, ParameterSet

PARAMETER_DIR = Path(__file__).parent / "parameters"


@cache
def parameters() -> ParameterSet:
    return sector_parameters(PARAMETER_DIR)


def domestic_turnover(p: ParametersAt, report: AviationReport) -> Mapping[str, float]:
    out: dict[str, float] = defaultdict(float)
    for r in report.flights:
        if r.scope == "domestic" and not r.excluded:
            out[r.unit_id] += r.turnover_10k_tkm
    return out


def throughput(p: ParametersAt, report: AviationReport) -> Mapping[str, float]:
    out: dict[str, float] = defaultdict(float)
    for r in report.products:
        out[r.unit_id] += r.quantity
    return out


AIRLINE = frame.SectorRules(
    sector="aviation",
    parameters=parameters,
    process=flight_emissions,
    outputs=domestic_turnover,
    output_unit=("10^4 t·km", "万吨公里"),
    products=PRODUCTS,
    template=frozenset({"combustion"}),
    template_note="domestic commercial flights incl. APU (T18 airline table)",
    template_sources=is_template_flight,
    annex=annex,
)
AIRPORT = frame.SectorRules(
    sector="aviation",
    parameters=parameters,
    process=flight_emissions,
    outputs=throughput,
    output_unit=("t throughput", "t 吞吐量"),
    products=PRODUCTS,
    template=frozenset({"combustion", "electricity", "heat"}),
    template_note="ground combustion + electricity + heat (T18F airport table)",
    annex=annex,
)


def account(report: AviationReport) -> ReportingResult:
    rules = AIRPORT if report.entity.operator_kind == "airport" else AIRLINE
    return frame.account(rules, report)
