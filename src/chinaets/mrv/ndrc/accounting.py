"""The accounting frame of a reporting sector: common sources plus the sector's process
sources, summed per facility and for the enterprise (rules reference reporting-sectors.md §2.1)::

    E_total = E_combustion + E_process + E_N2O × GWP + E_CH4 × GWP − R_CO2 + E_elec + E_heat

and the supplementary table's CO2 total over the categories the sector's template counts."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from chinaets.mrv.ndrc import sources
from chinaets.mrv.ndrc.results import CATEGORIES, FacilityResult, ReportingResult, Source
from chinaets.mrv.ndrc.rules import Decimals
from chinaets.rules import DatedFormula, ParametersAt, ParameterSet

ProcessSources = Callable[[ParametersAt, Decimals, Any], list[Source]]
Outputs = Callable[[ParametersAt, Any], Mapping[str, float]]
Annex = Callable[[ParametersAt, Any, ReportingResult], list[dict[str, Any]]]


@dataclass(frozen=True)
class SectorRules:
    """What a reporting sector adds to the frame."""

    sector: str
    parameters: Callable[[], ParameterSet]
    process: DatedFormula[ProcessSources]
    """The sector's own sources (process, non-CO2, recovery, flights …), by data date."""
    outputs: Outputs
    """Denominator quantity of each facility (t glass, t blister copper, 10^4 t·km …)."""
    output_unit: tuple[str, str]
    products: Mapping[str, tuple[str, str, str]]
    """The sector's products: code -> (zh, en, unit)."""
    template: frozenset[str]
    """Categories the supplementary table's CO2 total counts."""
    template_note: str
    template_sources: Callable[[Source], bool] | None = None
    """Within those categories, the sources the table counts (aviation: domestic flights);
    None counts them all."""
    annex: Annex | None = None
    """Further rows of the supplementary table, built from the input and the result."""

    def counts(self, source: Source) -> bool:
        """Whether the supplementary table's CO2 total counts `source`."""
        wanted = self.template_sources
        return source.category in self.template and (wanted is None or wanted(source))


def account(rules: SectorRules, report: Any) -> ReportingResult:
    p = rules.parameters().at(dt.date(report.year, 1, 1))
    d = Decimals.at(p)
    found = [
        *sources.combustion(p, d, report.fuel_use),
        *rules.process.at(p.when)(p, d, report),
        *sources.purchased_energy(p, d, report.energy),
    ]
    by_unit: dict[str, list[Source]] = defaultdict(list)
    for s in found:
        by_unit[s.unit_id].append(s)
    outputs = rules.outputs(p, report)
    facilities = [
        facility(d, rules, f.unit_id, f.name, by_unit[f.unit_id], outputs.get(f.unit_id, 0.0))
        for f in report.facilities
    ]
    result = _entity(d, rules, report, facilities, p.when)
    result.products = _products(rules, report)
    if rules.annex is not None:
        result.annex = rules.annex(p, report, result)
    return result


def facility(
    d: Decimals, rules: SectorRules, unit_id: str, name: str, found: list[Source], output: float
) -> FacilityResult:
    categories = _categories(d, found)
    total = d.round(sum(categories.values()), "emissions")
    parts = dict.fromkeys((k for k in CATEGORIES if k in rules.template), 0.0)
    for s in found:
        if rules.counts(s):
            parts[s.category] += s.tco2e
    parts = {k: d.round(v, "emissions") for k, v in parts.items()}
    template = d.round(sum(parts.values()), "emissions")
    output = d.round(output, "output")
    return FacilityResult(
        unit_id,
        name,
        found,
        categories,
        total,
        template,
        output,
        d.round(template / output, "intensity") if output > 0 else None,
        parts,
    )


def _categories(d: Decimals, found: list[Source]) -> dict[str, float]:
    sums = dict.fromkeys(CATEGORIES, 0.0)
    for s in found:
        sums[s.category] += s.tco2e
    return {k: d.round(v, "emissions") for k, v in sums.items()}


def _entity(
    d: Decimals,
    rules: SectorRules,
    report: Any,
    facilities: list[FacilityResult],
    when: dt.date,
) -> ReportingResult:
    categories = {
        k: d.round(sum(f.categories[k] for f in facilities), "emissions") for k in CATEGORIES
    }
    template = d.round(sum(f.template_tco2 for f in facilities), "emissions")
    output = d.round(sum(f.output for f in facilities), "output")
    e = report.entity
    return ReportingResult(
        sector=rules.sector,
        year=report.year,
        credit_code=e.credit_code,
        name=e.name,
        province=e.province,
        industry_code=e.industry_code,
        energy_tce=e.energy_tce,
        facilities=facilities,
        categories=categories,
        total_tco2e=d.round(sum(categories.values()), "emissions"),
        template_tco2=template,
        output=output,
        output_unit=rules.output_unit,
        intensity=d.round(template / output, "intensity") if output > 0 else None,
        template_note=rules.template_note,
        template_categories=tuple(k for k in CATEGORIES if k in rules.template),
        formula_versions={rules.process.name: rules.process.version_at(when).label},
    )


def _products(rules: SectorRules, report: Any) -> list[tuple[str, str, float]]:
    totals: dict[str, float] = defaultdict(float)
    for r in report.products:
        totals[r.product] += r.quantity
    listed = sorted(totals.items(), key=lambda kv: -kv[1])
    return [(rules.products[k][0], rules.products[k][2], q) for k, q in listed]
