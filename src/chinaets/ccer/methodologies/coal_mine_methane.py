"""CCER-10-001-V01 low-concentration coal-mine gas and ventilation air methane (core formula).

Only the eligibility conditions and the core reduction formula are implemented (the rules
reference has them from a secondary source, S10; the methodology text was not read):

    MD_y  = V_gas,y × φ_CH4,y × ρ_CH4 × η_ox,y                          [tCH4 destroyed]
    BE_y  = MD_y × GWP_CH4                                            (methane otherwise vented)
    PE_y  = MD_y × 44/16 + EC_y × EF_grid                             (CO2 of oxidation, power used)
    ER_y  = BE_y − PE_y
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from chinaets.ccer.methodologies.base import Compute, Methodology, ReductionResult, Strict, problem
from chinaets.ccer.rules import CO2_PER_CH4
from chinaets.core.errors import Problem
from chinaets.rules import DatedFormula, ParametersAt, TraceNode
from chinaets.rules.trace import input_node, parameter_node

CMM_REF = "CCER-10-001-V01 煤矿低浓度瓦斯和风排瓦斯利用"


class CoalMineSite(Strict):
    mine: Literal["underground_working", "surface", "closed"]
    technology: Literal["flameless_oxidation", "flare", "combustion_engine"]
    heat_use: Literal["power", "heat", "chp", "none"]
    dilutes_high_concentration_gas: bool = False
    networked_monitoring_since: dt.date | None = None  # online link to the registry's platform


class MethaneMonitoring(Strict):
    gas_volume_nm3: float = Field(ge=0)
    ch4_fraction: float = Field(ge=0, lt=1)
    oxidation_efficiency: float = Field(gt=0, le=1)
    electricity_mwh: float = Field(default=0, ge=0)


methane_reductions: DatedFormula[Compute] = DatedFormula(
    "ccer.coal_mine_methane", "Reductions of low-concentration CMM use"
)


@methane_reductions.since("2020-09-23", CMM_REF)
def coal_mine_methane_v01(
    p: ParametersAt, site: CoalMineSite, mon: MethaneMonitoring
) -> ReductionResult:
    limit = float(p("ch4_concentration_max"))
    if mon.ch4_fraction >= limit:
        from chinaets.core.errors import InputError, Location

        raise InputError.one(
            Location(field="monitoring.ch4_fraction"),
            f"methane fraction {mon.ch4_fraction:.2%} is not below {limit:.0%}: not low-concentration gas",
            f"甲烷体积浓度 {mon.ch4_fraction:.2%} 不低于 {limit:.0%}，不属于低浓度瓦斯",
            "gas at or above the limit is outside CCER-10-001-V01",
            "浓度达到或超过上限的瓦斯不适用 CCER-10-001-V01",
        )
    rho, gwp, grid = p.used("ch4_density"), p.used("gwp_ch4"), p.used("grid_average_factor")
    md = mon.gas_volume_nm3 * mon.ch4_fraction * float(rho.value) * mon.oxidation_efficiency
    be = md * float(gwp.value)
    pe_ox, pe_el = md * CO2_PER_CH4, mon.electricity_mwh * float(grid.value)
    md_node = TraceNode("MD_y", md, "tCH4", "V × φ × ρ × η", label_zh="MD_y 甲烷销毁量").add(
        input_node("V_gas", mon.gas_volume_nm3, "Nm3", label_zh="V_gas 瓦斯利用量"),
        input_node("φ_CH4", mon.ch4_fraction, label_zh="φ_CH4 甲烷体积浓度"),
        parameter_node(rho, "ρ_CH4"),
        input_node("η_ox", mon.oxidation_efficiency, label_zh="η_ox 氧化（销毁）效率"),
    )
    trace = TraceNode("ER_y", be - pe_ox - pe_el, "tCO2e", "BE_y − PE_y", reference=CMM_REF,
                      label_zh="ER_y 减排量").add(
        TraceNode("BE_y", be, "tCO2e", "MD × GWP_CH4", label_zh="BE_y 基准线排放量").add(
            md_node, parameter_node(gwp, "GWP_CH4")),
        TraceNode("PE_y", pe_ox + pe_el, "tCO2", "MD × 44/16 + EC × EF_grid",
                  label_zh="PE_y 项目排放量").add(
            input_node("EC", mon.electricity_mwh, "MWh", label_zh="EC 项目耗电量"),
            parameter_node(grid, "EF_grid"),
        ),
    )  # fmt: skip
    details = {"methane_destroyed_t": round(md, 4)}
    return ReductionResult("CCER-10-001-V01", "V01", be, pe_ox + pe_el, 0.0, trace, details)


def methane_applicability(p: ParametersAt, site: CoalMineSite) -> list[Problem]:
    rules = (
        (
            site.mine != "underground_working",
            "mine",
            "only underground working coal mines qualify",
            "仅适用于井工开采的生产煤矿",
        ),
        (
            site.technology != "flameless_oxidation",
            "technology",
            "only flameless (regenerative) oxidation qualifies",
            "仅适用于无焰氧化技术",
        ),
        (
            site.heat_use == "none",
            "heat_use",
            "the oxidation heat must be used (power, heat or CHP)",
            "氧化产生的热量必须利用（发电、供热或热电联产）",
        ),
        (
            site.dilutes_high_concentration_gas,
            "dilutes_high_concentration_gas",
            "gas of 8 % methane or more must not be diluted into the project",
            "不得将浓度 8% 及以上的瓦斯掺混稀释后利用",
        ),
        (
            site.networked_monitoring_since is None,
            "networked_monitoring_since",
            "monitoring must be networked to the national platform (1-second upload)",
            "监测数据须与全国平台联网（秒级上传）",
        ),
    )
    return [
        problem(
            f"project.site.{field}",
            en,
            zh,
            "see CCER-10-001-V01 applicability",
            "请对照 CCER-10-001-V01 适用条件",
        )
        for failed, field, en, zh in rules
        if failed
    ]


def after_networking(site: CoalMineSite, start: dt.date) -> list[Problem]:
    since = site.networked_monitoring_since
    if since is None or start >= since:
        return []
    return [
        problem(
            "period_start",
            f"reductions count only after networked monitoring began ({since}); the period starts {start}",
            f"减排量仅自监测联网（{since}）之后起算；监测期开始于 {start}",
            "start the monitoring period on or after the networking date",
            "请将监测期起始日调整为联网之日或之后",
        )
    ]


COAL_MINE_METHANE = Methodology(
    id="CCER-10-001-V01",
    name="Low-concentration coal-mine gas and ventilation air methane use",
    name_zh="煤矿低浓度瓦斯和风排瓦斯利用",
    project_type="J1001",
    family="other",
    site_model=CoalMineSite,
    monitoring_model=MethaneMonitoring,
    applicability=methane_applicability,
    reductions=methane_reductions,
    period_check=after_networking,
    notes="core formula only (secondary source); project type code J1001 assumed (UNCERTAIN)",
    notes_zh="仅核心公式（二手来源）；项目类型代码 J1001 为推定（存疑）",
)
