"""Cement clinker accounting: a validated report in, explained emissions out.

Per clinker production line (rules reference §2.3)::

    E_line   = Σ fuels FC × NCV × CC × OF × 44/12  +  E_process (method in force, `formulas`)
    E_entity = Σ lines E_line                      (rounded to whole tonnes for the obligation)
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path
from typing import Any

from chinaets.mrv.cement import formulas as f
from chinaets.mrv.cement.results import EntityResult, LineResult
from chinaets.mrv.cement.schema import CementReport, Line
from chinaets.mrv.industry import rules as industry_rules
from chinaets.mrv.industry.combustion import account_fuels
from chinaets.mrv.industry.rules import Decimals
from chinaets.rules import ParametersAt
from chinaets.rules.lawbook import LawBook

LAW = LawBook("cement", "水泥熟料", Path(__file__).resolve().parent, base=industry_rules.LAW)
"""The cement law book: the industrial sectors' shared parameters and the cement ones."""
parameters = LAW.parameters
PARAMETER_DIR = LAW.parameter_dir


def account(report: CementReport) -> EntityResult:
    """Emissions of one cement entity for its data year."""
    p = parameters().at(dt.date(report.year, 1, 1))
    d = Decimals.at(p)
    grouped = _group(report)
    lines = [account_line(p, d, line, grouped) for line in report.lines]
    total = d.round(sum(line.total_tco2 for line in lines), "emissions")
    return EntityResult(
        year=report.year,
        credit_code=report.entity.credit_code,
        name=report.entity.name,
        province=report.entity.province,
        lines=lines,
        clinker_t=d.round(sum(line.clinker_t for line in lines), "output"),
        fuel_tco2=d.round(sum(line.fuel_tco2 for line in lines), "emissions"),
        process_tco2=d.round(sum(line.process.tco2 for line in lines), "emissions"),
        total_tco2=total,
        obligation_tco2=int(d.round(total, "entity_total")),
        formula_versions={f.process_emissions.name: f.process_emissions.version_at(p.when).label},
    )


def _group(report: CementReport) -> dict[str, dict[str, list[Any]]]:
    """Every table's rows by line."""
    grouped: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for table in ("fuel_use", "ncv_samples", "clinker_output", "alt_raw_materials"):
        for row in getattr(report, table):
            grouped[row.unit_id][table].append(row)
    for comp in report.clinker_composition:
        grouped[comp.unit_id]["clinker_composition"].append(comp)
    return grouped


def account_line(
    p: ParametersAt, d: Decimals, line: Line, grouped: dict[str, dict[str, list[Any]]]
) -> LineResult:
    rows = grouped[line.unit_id]
    fuels = account_fuels(p, d, line.unit_id, rows["fuel_use"], rows["ncv_samples"])
    inputs = f.LineInputs(
        rows["clinker_output"], rows["alt_raw_materials"], rows["clinker_composition"]
    )
    process = f.process_emissions.at(p.when)(p, d, inputs)
    clinker = d.round(sum(r.quantity_t for r in rows["clinker_output"]), "output")
    fuel_tco2 = d.round(sum(x.tco2 for x in fuels), "emissions")
    total = d.round(fuel_tco2 + process.tco2, "emissions")
    return LineResult(
        unit_id=line.unit_id,
        clinker_t=clinker,
        fuels=fuels,
        fuel_tco2=fuel_tco2,
        process=process,
        total_tco2=total,
        intensity=d.round(total / clinker, "intensity") if clinker > 0 else None,
    )
