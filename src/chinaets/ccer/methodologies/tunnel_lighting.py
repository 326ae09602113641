"""CCER-07-001-V01 highway tunnel lighting energy saving (core formula only).

The methodology text was not read (rules reference §3.6, S10): the core is the electricity
saved against the baseline lighting, times the grid factor:

    EC_BL,y = P_BL × T_y / 1000                         [MWh]  baseline fixtures' power × hours
    ER_y    = (EC_BL,y − EC_PJ,y) × EF_grid,y           [tCO2]
"""

from __future__ import annotations

from pydantic import Field

from chinaets.ccer.methodologies.base import Compute, Methodology, ReductionResult, Strict, problem
from chinaets.core.errors import Problem
from chinaets.rules import DatedFormula, ParametersAt, TraceNode
from chinaets.rules.trace import input_node, parameter_node

TUNNEL_REF = "CCER-07-001-V01 公路隧道照明系统节能"


class TunnelSite(Strict):
    highway_tunnel: bool
    retrofit_of_existing_lighting: bool
    intelligent_dimming: bool = True


class TunnelMonitoring(Strict):
    baseline_power_kw: float = Field(gt=0)
    operating_hours: float = Field(gt=0, le=8784)
    project_electricity_mwh: float = Field(ge=0)


tunnel_reductions: DatedFormula[Compute] = DatedFormula(
    "ccer.tunnel_lighting", "Reductions of tunnel lighting retrofits"
)


@tunnel_reductions.since("2020-09-23", TUNNEL_REF)
def tunnel_lighting_v01(
    p: ParametersAt, site: TunnelSite, mon: TunnelMonitoring
) -> ReductionResult:
    grid = p.used("grid_average_factor")
    baseline_mwh = mon.baseline_power_kw * mon.operating_hours / 1000
    ef = float(grid.value)
    be, pe = baseline_mwh * ef, mon.project_electricity_mwh * ef
    trace = TraceNode(
        "ER_y", be - pe, "tCO2", "(EC_BL − EC_PJ) × EF_grid", reference=TUNNEL_REF,
        label_zh="ER_y 减排量",
    ).add(
        TraceNode("EC_BL", baseline_mwh, "MWh", "P_BL × T / 1000",
                  label_zh="EC_BL 基准线照明耗电量").add(
            input_node("P_BL", mon.baseline_power_kw, "kW", label_zh="P_BL 基准线照明功率"),
            input_node("T", mon.operating_hours, "h", label_zh="T 年运行小时数"),
        ),
        input_node("EC_PJ", mon.project_electricity_mwh, "MWh", label_zh="EC_PJ 项目照明耗电量"),
        parameter_node(grid, "EF_grid"),
    )  # fmt: skip
    details = {"electricity_saved_mwh": round(baseline_mwh - mon.project_electricity_mwh, 4)}
    return ReductionResult("CCER-07-001-V01", "V01", be, pe, 0.0, trace, details)


def tunnel_applicability(p: ParametersAt, site: TunnelSite) -> list[Problem]:
    out = []
    if not site.highway_tunnel:
        out.append(
            problem(
                "project.site.highway_tunnel",
                "only highway tunnels qualify",
                "仅适用于公路隧道",
                "see CCER-07-001-V01 applicability",
                "请对照 CCER-07-001-V01 适用条件",
            )
        )
    if not site.retrofit_of_existing_lighting:
        out.append(
            problem(
                "project.site.retrofit_of_existing_lighting",
                "the project must retrofit existing tunnel lighting (the baseline)",
                "项目须为既有隧道照明系统的节能改造（基准线）",
                "see CCER-07-001-V01 applicability",
                "请对照 CCER-07-001-V01 适用条件",
            )
        )
    return out


TUNNEL_LIGHTING = Methodology(
    id="CCER-07-001-V01",
    name="Highway tunnel lighting energy saving",
    name_zh="公路隧道照明系统节能",
    project_type="G0701",
    family="other",
    site_model=TunnelSite,
    monitoring_model=TunnelMonitoring,
    applicability=tunnel_applicability,
    reductions=tunnel_reductions,
    notes="core formula only (secondary source); project type code G0701 assumed (UNCERTAIN)",
    notes_zh="仅核心公式（二手来源）；项目类型代码 G0701 为推定（存疑）",
)
