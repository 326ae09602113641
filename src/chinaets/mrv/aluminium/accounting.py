"""Aluminium smelting accounting: a validated report in, explained emissions out.

Per electrolysis process and month (rules reference §2.4)::

    E_anode = P × NC × (1 − S − Ash) × 44/12
    E_PFC   = P × (EF_CF4 × GWP_CF4 + EF_C2F6 × GWP_C2F6) / 1000
    E_proc  = Σ fuels FC × NCV × CC × OF × 44/12 + Σ months (E_anode + E_PFC)

Enterprise = Σ processes (electrolysis and other) + Σ carbonates Q × EF. The compliance
perimeter is the electrolysis processes (allocation plan, rules reference §1.1).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path
from typing import Any

from chinaets.mrv.aluminium import formulas as f
from chinaets.mrv.aluminium.results import CarbonatePart, EntityResult, ProcessMonth, ProcessResult
from chinaets.mrv.aluminium.schema import CARBONATES, AluminiumReport, Process
from chinaets.mrv.industry import rules as industry_rules
from chinaets.mrv.industry.combustion import account_fuels
from chinaets.mrv.industry.rules import Decimals
from chinaets.mrv.industry.units import kg_to_t
from chinaets.rules import ParametersAt
from chinaets.rules.lawbook import LawBook
from chinaets.rules.parameters import UsedValue

LAW = LawBook("aluminium", "铝冶炼", Path(__file__).resolve().parent, base=industry_rules.LAW)
"""The aluminium law book: the industrial sectors' shared parameters and the aluminium ones."""
parameters = LAW.parameters
PARAMETER_DIR = LAW.parameter_dir


def account(report: AluminiumReport) -> EntityResult:
    """Emissions of one aluminium smelting entity for its data year."""
    p = parameters().at(dt.date(report.year, 1, 1))
    d = Decimals.at(p)
    gwp_set = report.gwp_set or str(p("gwp_default_set"))
    gwp = (p.used("gwp", gwp_set, "CF4"), p.used("gwp", gwp_set, "C2F6"))
    grouped = _group(report)
    processes = [account_process(p, d, proc, grouped, gwp) for proc in report.processes]
    carbonates = _carbonates(p, d, report)
    electrolysis = d.round(
        sum(x.total_tco2e for x in processes if x.kind == "electrolysis"), "emissions"
    )
    carbonate = d.round(sum(c.tco2 for c in carbonates), "emissions")
    total = d.round(sum(x.total_tco2e for x in processes) + carbonate, "emissions")
    return EntityResult(
        year=report.year, credit_code=report.entity.credit_code, name=report.entity.name,
        province=report.entity.province, gwp_set=gwp_set, gwp=gwp, processes=processes,
        carbonates=carbonates, output_t=d.round(sum(x.output_t for x in processes), "output"),
        electrolysis_tco2e=electrolysis, carbonate_tco2=carbonate, total_tco2e=total,
        obligation_tco2e=int(d.round(electrolysis, "entity_total")),
        formula_versions={
            g.name: g.version_at(p.when).label for g in (f.anode_factor, f.pfc_factors)
        },
    )  # fmt: skip


def _group(report: AluminiumReport) -> dict[str, dict[str, list[Any]]]:
    grouped: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for table in ("fuel_use", "ncv_samples", "aluminium_output", "anode_data", "anode_effects"):
        for row in getattr(report, table):
            grouped[row.unit_id][table].append(row)
    return grouped


def account_process(
    p: ParametersAt,
    d: Decimals,
    process: Process,
    grouped: dict[str, dict[str, list[Any]]],
    gwp: tuple[UsedValue, UsedValue],
) -> ProcessResult:
    rows = grouped[process.unit_id]
    fuels = account_fuels(p, d, process.unit_id, rows["fuel_use"], rows["ncv_samples"])
    anode = {a.month: a for a in rows["anode_data"]}
    aem = {a.month: a.aem_min_per_cell_day for a in rows["anode_effects"]}
    output: dict[int, float] = defaultdict(float)
    for o in rows["aluminium_output"]:
        output[o.month] += o.quantity_t
    months = [process_month(p, m, output[m], anode.get(m), aem.get(m), gwp) for m in sorted(output)]
    fuel_tco2 = d.round(sum(x.tco2 for x in fuels), "emissions")
    anode_tco2 = d.round(sum(m.anode_tco2 for m in months), "emissions")
    pfc = d.round(sum(m.pfc_tco2e for m in months), "emissions")
    return ProcessResult(
        unit_id=process.unit_id, kind=process.kind,
        output_t=d.round(sum(output.values()), "output"), fuels=fuels, fuel_tco2=fuel_tco2,
        anode_tco2=anode_tco2, cf4_t=sum(m.cf4_t for m in months),
        c2f6_t=sum(m.c2f6_t for m in months), pfc_tco2e=pfc,
        total_tco2e=d.round(fuel_tco2 + anode_tco2 + pfc, "emissions"), months=months,
    )  # fmt: skip


def process_month(
    p: ParametersAt,
    month: int,
    output_t: float,
    anode_data: Any,
    aem: float | None,
    gwp: tuple[UsedValue, UsedValue],
) -> ProcessMonth:
    anode = f.anode_factor.at(p.when)(p, anode_data)
    pfc = f.pfc_factors.at(p.when)(p, aem)
    return ProcessMonth(
        month=month,
        output_t=output_t,
        anode=anode,
        anode_tco2=output_t * anode.tco2_per_t,
        pfc=pfc,
        cf4_t=kg_to_t(output_t * pfc.cf4_kg_per_t),
        c2f6_t=kg_to_t(output_t * pfc.c2f6_kg_per_t),
        pfc_tco2e=f.pfc_tco2e(output_t, pfc, float(gwp[0].value), float(gwp[1].value)),
    )


def _carbonates(p: ParametersAt, d: Decimals, report: AluminiumReport) -> list[CarbonatePart]:
    totals: dict[str, float] = defaultdict(float)
    for c in report.carbonates:
        totals[c.material] += c.quantity_t
    parts = []
    for material in CARBONATES:
        if material in totals:
            ef = p.used("carbonate_emission_factor", material)
            q = d.round(totals[material], "material")
            parts.append(CarbonatePart(material, q, ef, d.round(q * float(ef.value), "emissions")))
    return parts
