"""CCER-14-001-V01 afforestation (造林碳汇): the outline of the rules reference (§3.7).

    C_tree      = V × A × WD × BEF × (1 + R) × CF                      [tC]  per stratum
    ΔC_project  = Σ_strata (C_tree,end − C_tree,start) × 44/12 + ΔC_other_pools
    ER          = ΔC_project − ΔC_baseline − LK                        [tCO2e]

V is stand volume (m3/ha), A area (ha), WD basic wood density, BEF the biomass expansion
factor, R the root-to-shoot ratio, CF the carbon fraction. The full method has more pools
(shrubs, dead wood, litter, soil) and project emissions: they enter through
`other_pools_tco2` and `project_emissions_tco2` so the structure stays open for them.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from chinaets.ccer.methodologies.base import (
    Compute,
    Methodology,
    ReductionResult,
    Strict,
    problem,
    table_value,
)
from chinaets.ccer.rules import CO2_PER_C
from chinaets.core.errors import Problem
from chinaets.core.terms import zh_term
from chinaets.rules import DatedFormula, ParametersAt, TraceNode
from chinaets.rules.trace import input_node, parameter_node

FACTORS = ("wood_density", "expansion_factor", "root_shoot", "carbon_fraction")
AFFORESTATION_REF = "CCER-14-001-V01 造林碳汇"


class AfforestationSite(Strict):
    area_ha: float = Field(gt=0)
    project_start: dt.date
    forest_use: Literal["protection", "special_use", "timber", "economic", "urban_greening"]
    non_forest_years: float = Field(ge=0)  # years the land was non-forest before the start
    smallest_parcel_m2: float = Field(gt=0)
    wetland: bool = False
    vegetation_removal_share: float = Field(default=0, ge=0, le=1)
    tenure_clear: bool = True


class Stratum(Strict):
    species: str = Field(min_length=1)
    area_ha: float = Field(gt=0)
    volume_start_m3_ha: float = Field(ge=0)
    volume_end_m3_ha: float = Field(ge=0)
    wood_density: float | None = Field(default=None, gt=0, lt=1.5)
    expansion_factor: float | None = Field(default=None, gt=1, lt=5)
    root_shoot: float | None = Field(default=None, ge=0, lt=2)
    carbon_fraction: float | None = Field(default=None, gt=0, lt=1)


class AfforestationMonitoring(Strict):
    strata: list[Stratum] = Field(min_length=1)
    other_pools_tco2: float = 0.0
    project_emissions_tco2: float = Field(default=0.0, ge=0)
    baseline_removals_tco2: float = 0.0
    leakage_tco2: float = Field(default=0.0, ge=0)


# each factor's symbol and unit, as a Chinese reader reads them (the table has one unit per factor)
_FACTORS_ZH = {
    "wood_density": ("WD 基本木材密度", "t 干物质/m3"), "expansion_factor": ("BEF 生物量扩展因子", ""),
    "root_shoot": ("R 根茎比", ""), "carbon_fraction": ("CF 含碳率", "tC/t 干物质"),
}  # fmt: skip


def _factor(p: ParametersAt, s: Stratum, name: str, where: str) -> tuple[float, TraceNode]:
    label_zh, unit_zh = _FACTORS_ZH[name]
    given = getattr(s, name)
    if given is not None:
        node = input_node(name, given, "", f"{where}.{name}", f"{label_zh}（项目给定）")
        node.unit_zh = unit_zh
        return float(given), node
    used = table_value(p, "tree_species_factors", (s.species, name), f"{where}.species")
    node = parameter_node(used, name)
    node.label_zh = f"{label_zh}（缺省值）[{zh_term(s.species)}]"
    node.unit_zh = unit_zh or " "  # a ratio: no unit (the table's list of units is not its own)
    return float(used.value), node


def tree_carbon(p: ParametersAt, s: Stratum, volume: float, where: str) -> tuple[float, TraceNode]:
    """Tree biomass carbon of a stratum at one stand volume, tC."""
    factors = [_factor(p, s, name, where) for name in FACTORS]
    wd, bef, r, cf = (v for v, _ in factors)
    carbon = volume * s.area_ha * wd * bef * (1 + r) * cf
    node = TraceNode(
        "C_tree",
        carbon,
        "tC",
        f"{volume} m3/ha × {s.area_ha} ha × WD × BEF × (1 + R) × CF",
        label_zh="C_tree 林木生物质碳储量",
    )
    return carbon, node.add(*(n for _, n in factors))


def stratum_change(p: ParametersAt, s: Stratum, i: int) -> tuple[float, TraceNode]:
    where = f"monitoring.strata.{i}"
    start, start_node = tree_carbon(p, s, s.volume_start_m3_ha, where)
    end, end_node = tree_carbon(p, s, s.volume_end_m3_ha, where)
    change = (end - start) * CO2_PER_C
    start_node.label, end_node.label = "C_tree,start", "C_tree,end"
    start_node.label_zh, end_node.label_zh = "C_tree 期初林木碳储量", "C_tree 期末林木碳储量"
    node = TraceNode(
        f"ΔC {s.species} ({s.area_ha} ha)",
        change,
        "tCO2",
        "(C_end − C_start) × 44/12",
        label_zh=f"ΔC {zh_term(s.species)}（{s.area_ha} ha）",
        formula_zh="(C_期末 − C_期初) × 44/12",
    )
    return change, node.add(start_node, end_node)


afforestation_reductions: DatedFormula[Compute] = DatedFormula(
    "ccer.afforestation", "Net removals of afforestation"
)


@afforestation_reductions.since("2020-09-23", AFFORESTATION_REF)
def afforestation_v01(
    p: ParametersAt, site: AfforestationSite, mon: AfforestationMonitoring
) -> ReductionResult:
    changes = [stratum_change(p, s, i) for i, s in enumerate(mon.strata)]
    trees = sum(c for c, _ in changes)
    project = trees + mon.other_pools_tco2
    tree_node = TraceNode(
        "ΔC_tree",
        trees,
        "tCO2",
        "Σ strata",
        label_zh="ΔC_tree 林木碳储量变化",
        formula_zh="Σ 各碳层",
    ).add(*(n for _, n in changes))
    removals = TraceNode("ΔC_project", project, "tCO2", "ΔC_tree + ΔC_other_pools",
                         label_zh="ΔC_project 项目碳汇量").add(
        tree_node, input_node("ΔC_other_pools", mon.other_pools_tco2, "tCO2", "monitoring",
                              "ΔC_other_pools 其他碳库碳储量变化"),
    )  # fmt: skip
    # baseline removals and leakage reduce the credit; the project's removals are the 'baseline
    # side' of the generic ER = BE − PE − LE shape, so BE = ΔC_project − ΔC_baseline here.
    baseline_side = project - mon.baseline_removals_tco2
    er = baseline_side - mon.project_emissions_tco2 - mon.leakage_tco2
    trace = TraceNode(
        "ER",
        er,
        "tCO2e",
        "ΔC_project − ΔC_baseline − PE − LK",
        reference=AFFORESTATION_REF,
        label_zh="ER 项目减排量（净碳汇量）",
    )
    trace.add(
        removals,
        input_node("ΔC_baseline", mon.baseline_removals_tco2, "tCO2", "monitoring",
                   "ΔC_baseline 基线碳汇量"),
        input_node("PE", mon.project_emissions_tco2, "tCO2e", "monitoring", "PE 项目排放量"),
        input_node("LK", mon.leakage_tco2, "tCO2e", "monitoring", "LK 泄漏量"),
    )  # fmt: skip
    details = {"tree_removals_tco2": round(trees, 4), "net_removals_tco2": round(project, 4)}
    return ReductionResult(
        "CCER-14-001-V01",
        "V01",
        baseline_side,
        mon.project_emissions_tco2,
        mon.leakage_tco2,
        trace,
        details,
    )


def afforestation_applicability(p: ParametersAt, site: AfforestationSite) -> list[Problem]:
    found: list[Problem] = []
    min_parcel = _parcel_min(site)
    checks = (
        (
            site.forest_use in ("economic", "urban_greening"),
            "project.site.forest_use",
            f"'{site.forest_use}' forests are excluded (only protection, special-use and timber forests)",
            f"“{site.forest_use}”不适用（仅限防护林、特种用途林和用材林；经济林和城市、道路绿化除外）",
        ),
        (
            site.non_forest_years < p("afforestation_non_forest_years_min"),
            "project.site.non_forest_years",
            f"the land was non-forest for {site.non_forest_years} years; at least {p('afforestation_non_forest_years_min')} are needed",
            f"项目开始前无林地年限为 {site.non_forest_years} 年，至少需要 {p('afforestation_non_forest_years_min')} 年",
        ),
        (
            site.smallest_parcel_m2 < min_parcel,
            "project.site.smallest_parcel_m2",
            f"the smallest parcel is {site.smallest_parcel_m2:g} m2; at least {min_parcel:g} m2 for a project started {site.project_start}",
            f"最小地块面积 {site.smallest_parcel_m2:g} 平方米，{site.project_start} 开始的项目至少需 {min_parcel:g} 平方米",
        ),
        (
            site.wetland,
            "project.site.wetland",
            "wetland may not be afforested",
            "湿地不得开展造林项目",
        ),
        (
            site.vegetation_removal_share > p("afforestation_vegetation_removal_max"),
            "project.site.vegetation_removal_share",
            f"existing vegetation removed on {site.vegetation_removal_share:.0%} of the area; at most {p('afforestation_vegetation_removal_max'):.0%}",
            f"清除原有植被面积比例 {site.vegetation_removal_share:.0%}，上限为 {p('afforestation_vegetation_removal_max'):.0%}",
        ),
        (
            not site.tenure_clear,
            "project.site.tenure_clear",
            "land tenure must be clear and undisputed",
            "土地权属须清晰无争议",
        ),
    )
    for failed, field, en, zh in checks:
        if failed:
            found.append(
                problem(
                    field,
                    en,
                    zh,
                    "see CCER-14-001-V01 applicability",
                    "请对照 CCER-14-001-V01 适用条件",
                )
            )
    return found


def _parcel_min(site: AfforestationSite) -> float:
    from chinaets.ccer.rules import parameters

    parcel = parameters()["afforestation_min_parcel_area_m2"]
    # keyed by the project's start, not the monitoring date; earlier starts fail eligibility
    return float(str(parcel.at(max(site.project_start, parcel.values[0].start)).value))


AFFORESTATION = Methodology(
    id="CCER-14-001-V01",
    name="Afforestation",
    name_zh="造林碳汇",
    project_type="N0101",
    family="forestry",
    site_model=AfforestationSite,
    monitoring_model=AfforestationMonitoring,
    applicability=afforestation_applicability,
    reductions=afforestation_reductions,
    notes="additionality-exempt; outline formula (rules reference §3.7), other pools open",
    notes_zh="免予论证额外性；公式为概要（规则参见 §3.7），其他碳库待补",
)
