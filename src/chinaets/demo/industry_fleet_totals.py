"""National totals of the three industrial sectors beside the published figures (the demo's
check figures; the read model holds the entities themselves, from their `Summary`).

Emissions are each entity's whole direct emissions (cement: lines; aluminium: the enterprise,
electrolysis plus anode baking and carbonates; steel: the enterprise mass balance); the
obligation is the compliance perimeter (aluminium: electrolysis processes only).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from chinaets.demo import industry_fleet as fleet
from chinaets.demo.steel_fleet import check_figures as steel_check_figures
from chinaets.mrv.aluminium.results import EntityResult as AluminiumResult
from chinaets.mrv.cement.results import EntityResult as CementResult
from chinaets.mrv.steel.results import EntityResult as SteelResult


@dataclass(frozen=True, slots=True)
class CheckFigure:
    """A computed total beside the published figure it should be near."""

    label: str
    computed: float
    published: float
    unit: str
    source: str
    approximate: bool = False
    label_zh: str = ""  # the label as a Chinese reader reads it (the source stays as cited)

    @property
    def ratio(self) -> float:
        return self.computed / self.published if self.published else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "label": self.label, "computed": self.computed, "published": self.published,
            "unit": self.unit, "ratio": self.ratio, "source": self.source,
            "approximate": self.approximate,
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class SectorTotals:
    sector: str
    year: int
    entities: int
    units: int
    product: str  # what output_t counts
    output_t: float
    emissions_t: float  # tCO2 (aluminium tCO2e)
    obligation_t: int
    parts_t: dict[str, float] = field(default_factory=dict)
    checks: tuple[CheckFigure, ...] = ()
    product_zh: str = ""

    @property
    def intensity(self) -> float:
        """t CO2(e) per t of product."""
        return self.emissions_t / self.output_t if self.output_t else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "sector": self.sector, "year": self.year, "entities": self.entities,
            "units": self.units, "product": self.product, "output_t": self.output_t,
            "emissions_mt": self.emissions_t / 1e6, "obligation_t": self.obligation_t,
            "intensity": self.intensity, "parts_mt": {k: v / 1e6 for k, v in self.parts_t.items()},
            "checks": [c.as_dict() for c in self.checks],
        }  # fmt: skip


def _entities_check(sector: str, count: int) -> CheckFigure:
    entry = fleet.figures()["published"][sector]["entities"]
    source = f"{entry['source']} — uncertain: {entry['uncertain']}"
    return CheckFigure(
        f"entities ({entry['year']} list)", count, entry["value"], "", source,
        label_zh=f"企业数（{entry['year']} 年名单）",
    )  # fmt: skip


def cement_totals(year: int, results: Sequence[CementResult]) -> SectorTotals:
    figure_year, process_mt = fleet.cement_process_co2(year)
    spec = fleet.figures()["published"]["cement"]["process_co2"]
    process = sum(r.process_tco2 for r in results)
    checks = (
        _entities_check("cement", len(results)),
        CheckFigure(
            f"process CO2 vs OWID cement_co2 {figure_year}", process / 1e6, process_mt, "Mt",
            spec["source"], label_zh=f"过程排放 CO2，对照 OWID 水泥排放 {figure_year}",
        ),
    )  # fmt: skip
    return SectorTotals(
        sector="cement", year=year, entities=len(results),
        units=sum(len(r.lines) for r in results), product="clinker", product_zh="熟料",
        output_t=sum(r.clinker_t for r in results),
        emissions_t=sum(r.total_tco2 for r in results),
        obligation_t=sum(r.obligation_tco2 for r in results),
        parts_t={"fuel": sum(r.fuel_tco2 for r in results), "process": process},
        checks=checks,
    )  # fmt: skip


def aluminium_totals(year: int, results: Sequence[AluminiumResult]) -> SectorTotals:
    spec = fleet.figures()["published"]["aluminium"]["primary_aluminium_t"]
    output = sum(r.output_t for r in results)
    checks = (
        _entities_check("aluminium", len(results)),
        CheckFigure(
            f"aluminium output vs NBS primary aluminium {spec['year']}", output / 1e6,
            spec["value"] / 1e6, "Mt", f"{spec['source']} (as reported)",
            label_zh=f"电解铝产量，对照国家统计局原铝产量 {spec['year']}",
        ),
    )  # fmt: skip
    processes = [p for r in results for p in r.processes]
    return SectorTotals(
        sector="aluminium", year=year, entities=len(results),
        units=sum(1 for p in processes if p.kind == "electrolysis"), product="aluminium liquid", product_zh="铝液",
        output_t=output, emissions_t=sum(r.total_tco2e for r in results),
        obligation_t=sum(r.obligation_tco2e for r in results),
        parts_t={
            "fuel": sum(p.fuel_tco2 for p in processes),
            "anode": sum(p.anode_tco2 for p in processes),
            "PFC": sum(p.pfc_tco2e for p in processes),
            "carbonates": sum(r.carbonate_tco2 for r in results),
        },
        checks=checks,
    )  # fmt: skip


def steel_totals(year: int, results: Sequence[SteelResult]) -> SectorTotals:
    entry = steel_check_figures()["steel_entities_2025"]
    checks = (
        CheckFigure(
            "entities (2025 list)", len(results), entry["entities"], "",
            f"{entry['source']} — uncertain: {entry['uncertain']}", label_zh="企业数（2025 年名单）",
        ),
    )  # fmt: skip
    by_route: dict[str, float] = {}
    for r in results:
        by_route[f"route {r.route}"] = by_route.get(f"route {r.route}", 0.0) + r.enterprise_tco2
    return SectorTotals(
        sector="steel", year=year, entities=len(results),
        units=sum(len(r.processes) for r in results), product="crude steel", product_zh="粗钢",
        output_t=sum(r.crude_steel_t for r in results),
        emissions_t=sum(r.enterprise_tco2 for r in results),
        obligation_t=sum(r.obligation_tco2 for r in results), parts_t=by_route, checks=checks,
    )  # fmt: skip


def three_sectors_check(totals: Sequence[SectorTotals]) -> CheckFigure:
    """The sectors' emissions together beside the Work Plan's about 3 Gt CO2e a year."""
    entry = steel_check_figures()["three_sectors"]
    return CheckFigure(
        "cement + aluminium + steel", sum(t.emissions_t for t in totals) / 1e9,
        float(entry["emissions_gt"]), "Gt", entry["source"], bool(entry["approximate"]),
        label_zh="水泥 + 电解铝 + 钢铁",
    )  # fmt: skip
