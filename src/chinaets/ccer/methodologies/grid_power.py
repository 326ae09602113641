"""Grid-connected renewable power: CCER-01-002-V01 offshore wind and CCER-01-001-V01 solar
thermal (CSP). Both credit the net electricity exported times the regional grid's combined
margin; CSP subtracts the CO2 of its auxiliary fossil fuel.

    EG_PJ,y = EG_export,y − EG_import,y                      (2)
    EF_CM,y = EF_OM,y × w_OM + EF_BM,y × w_BM                (3)
    BE_y    = EG_PJ,y × EF_CM,y                              (1)
    PE_y    = 0 (wind);  Σ_i FC_i,y × NCV_i × CC_i × OF_i × 44/12   (CSP, (4)-(5))
    ER_y    = BE_y − PE_y                                    (4)/(6)

Meter readings are adjusted conservatively (§7.3.4): exports × (1 − e), imports and fuel ×
(1 + e), where e is 0 for a meter calibrated on time and within tolerance, |actual error| if
calibrated on time but out of tolerance, and the accuracy class's maximum permissible error if
uncalibrated or calibrated late (for the late period).
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

Grid = Literal["north", "northeast", "east", "central", "northwest", "south"]
Calibration = Literal["calibrated", "out_of_tolerance", "uncalibrated", "late"]
OFFSHORE_REF = "CCER-01-002-V01 并网海上风力发电"
CSP_REF = "CCER-01-001-V01 并网光热发电"


class GridSite(Strict):
    grid: Grid
    capacity_mw: float = Field(gt=0)
    grid_connection_date: dt.date
    ef_om: float | None = Field(default=None, gt=0, le=2)  # a value fixed by the PDD, if any
    ef_bm: float | None = Field(default=None, gt=0, le=2)


class OffshoreWindSite(GridSite):
    distance_to_shore_km: float = Field(ge=0)
    water_depth_m: float = Field(ge=0)


class SolarThermalSite(GridSite):
    csp_plus: bool = False  # part of a "CSP+" hybrid
    csp_metered_separately: bool = True


class Metered(Strict):
    """One meter's total for a period with one calibration status."""

    calibration: Calibration = "calibrated"
    accuracy_class: str | None = None
    actual_error: float | None = Field(default=None, ge=-1, le=1)  # fraction, e.g. -0.006


class MeterReading(Metered):
    direction: Literal["export", "import"]
    mwh: float = Field(ge=0)


class FuelUse(Metered):
    fuel: str = Field(min_length=1)
    quantity: float = Field(ge=0)  # t or 10^4 Nm3
    ncv: float = Field(gt=0)  # GJ/t or GJ/10^4 Nm3
    carbon_content: float = Field(gt=0, lt=0.1)  # tC/GJ
    oxidation: float = Field(gt=0, le=1)


class PowerMonitoring(Strict):
    meters: list[MeterReading] = Field(min_length=1)
    fuels: list[FuelUse] = Field(default_factory=list)


def meter_error(p: ParametersAt, m: Metered, where: str) -> tuple[float, TraceNode]:
    """The conservative error fraction e of §7.3.4 and where it came from."""
    if m.calibration == "calibrated":
        return 0.0, TraceNode("e", 0.0, formula="calibrated on time, within tolerance",
                              label_zh="e 计量误差", formula_zh="按时校准且在允许误差范围内")  # fmt: skip
    if m.calibration == "out_of_tolerance":
        if m.actual_error is None:
            raise _missing(
                where, "actual_error", "an out-of-tolerance meter needs its actual error"
            )
        return abs(m.actual_error), input_node(
            "e = |actual error|", abs(m.actual_error), "1", where, "e = |实际误差|（超差）"
        )
    if m.accuracy_class is None:
        raise _missing(where, "accuracy_class", "an uncalibrated or late meter needs its class")
    used = table_value(
        p, "meter_max_permissible_error", (m.accuracy_class,), f"{where}.accuracy_class"
    )
    node = parameter_node(used, f"e = MPE[{m.accuracy_class}] ({m.calibration})")
    late = "未校准" if m.calibration == "uncalibrated" else "延迟校准"
    node.label_zh = f"e {node.label_zh}（{late}）"
    return float(used.value), node


def _missing(where: str, field: str, en: str) -> Exception:
    from chinaets.core.errors import InputError, Location

    return InputError.one(
        Location(field=f"{where}.{field}"),
        en,
        "超差或未校准/延迟校准的计量数据须填写"
        + ("实际误差" if field == "actual_error" else "准确度等级"),
        f"add {field}",
        f"请补充 {field}",
    )


def net_export(p: ParametersAt, monitoring: PowerMonitoring) -> tuple[float, TraceNode]:
    node = TraceNode("EG_PJ,y", unit="MWh", formula="Σ export × (1 − e) − Σ import × (1 + e)",
                     label_zh="EG_PJ,y 项目净上网电量",
                     formula_zh="Σ 上网电量 × (1 − e) − Σ 下网电量 × (1 + e)")  # fmt: skip
    total = 0.0
    for i, m in enumerate(monitoring.meters):
        e, e_node = meter_error(p, m, f"monitoring.meters.{i}")
        sign = 1 if m.direction == "export" else -1
        adjusted = m.mwh * (1 - sign * e)
        total += sign * adjusted
        node.add(
            TraceNode(
                f"{m.direction} meter {i + 1}",
                adjusted,
                "MWh",
                f"{m.mwh} × (1 {'−' if sign > 0 else '+'} e)",
                label_zh=f"{'上网' if sign > 0 else '下网'}电能表 {i + 1}",
            ).add(e_node)
        )
    node.value = total
    return total, node


def combined_margin(p: ParametersAt, site: GridSite) -> tuple[float, TraceNode]:
    om_used, bm_used = p.used("grid_om_factor", site.grid), p.used("grid_bm_factor", site.grid)
    w_om, w_bm = p.used("grid_weight_om"), p.used("grid_weight_bm")
    om = site.ef_om if site.ef_om is not None else float(om_used.value)
    bm = site.ef_bm if site.ef_bm is not None else float(bm_used.value)
    om_node = (
        input_node(
            "EF_OM (PDD)", om, "tCO2/MWh", "project.ef_om", "EF_OM 电量边际排放因子（项目设计文件）"
        )
        if site.ef_om
        else parameter_node(om_used, "EF_OM")
    )
    bm_node = (
        input_node(
            "EF_BM (PDD)", bm, "tCO2/MWh", "project.ef_bm", "EF_BM 容量边际排放因子（项目设计文件）"
        )
        if site.ef_bm
        else parameter_node(bm_used, "EF_BM")
    )
    value = om * float(w_om.value) + bm * float(w_bm.value)
    node = TraceNode("EF_CM,y", value, "tCO2/MWh", "EF_OM × w_OM + EF_BM × w_BM",
                     label_zh="EF_CM,y 组合边际排放因子")  # fmt: skip
    return value, node.add(
        om_node, parameter_node(w_om, "w_OM"), bm_node, parameter_node(w_bm, "w_BM")
    )


def fuel_emissions(p: ParametersAt, monitoring: PowerMonitoring) -> tuple[float, TraceNode]:
    node = TraceNode("PE_y", unit="tCO2", formula="Σ FC × (1 + e) × NCV × CC × OF × 44/12",
                     label_zh="PE_y 项目排放量（化石燃料燃烧）")  # fmt: skip
    total = 0.0
    for i, f in enumerate(monitoring.fuels):
        e, e_node = meter_error(p, f, f"monitoring.fuels.{i}")
        tco2 = f.quantity * (1 + e) * f.ncv * f.carbon_content * f.oxidation * CO2_PER_C
        total += tco2
        node.add(
            TraceNode(
                f"{f.fuel}",
                tco2,
                "tCO2",
                f"{f.quantity} × (1 + e) × {f.ncv} × {f.carbon_content} × {f.oxidation} × 44/12",
                label_zh=zh_term(f.fuel),
            ).add(e_node)
        )
    node.value = total
    return total, node


def _grid_result(
    p: ParametersAt, site: GridSite, mon: PowerMonitoring, method: str, with_fuel: bool
) -> ReductionResult:
    eg, eg_node = net_export(p, mon)
    ef, ef_node = combined_margin(p, site)
    be = eg * ef
    pe, pe_node = (
        fuel_emissions(p, mon)
        if with_fuel
        else (
            0.0,
            TraceNode(
                "PE_y",
                0.0,
                "tCO2",
                "0: backup generators and vessels ignored (§6.4)",
                label_zh="PE_y 项目排放量",
                formula_zh="0：不计备用发电机和船舶排放（§6.4）",
            ),
        )
    )
    trace = TraceNode(
        "ER_y", be - pe, "tCO2", "BE_y − PE_y", reference=method, label_zh="ER_y 减排量"
    ).add(
        TraceNode("BE_y", be, "tCO2", "EG_PJ,y × EF_CM,y", label_zh="BE_y 基准线排放量").add(
            eg_node, ef_node
        ),
        pe_node,
    )
    details = {"net_export_mwh": round(eg, 4), "ef_cm": round(ef, 6)}
    return ReductionResult(method, "V01", be, pe, 0.0, trace, details)


offshore_wind_reductions: DatedFormula[Compute] = DatedFormula(
    "ccer.offshore_wind", "Reductions of grid-connected offshore wind"
)
solar_thermal_reductions: DatedFormula[Compute] = DatedFormula(
    "ccer.solar_thermal", "Reductions of grid-connected CSP"
)


@offshore_wind_reductions.since("2020-09-23", OFFSHORE_REF)
def offshore_wind_v01(p: ParametersAt, site: GridSite, mon: PowerMonitoring) -> ReductionResult:
    return _grid_result(p, site, mon, "CCER-01-002-V01", with_fuel=False)


@solar_thermal_reductions.since("2020-09-23", CSP_REF)
def solar_thermal_v01(p: ParametersAt, site: GridSite, mon: PowerMonitoring) -> ReductionResult:
    return _grid_result(p, site, mon, "CCER-01-001-V01", with_fuel=True)


def offshore_applicability(p: ParametersAt, site: OffshoreWindSite) -> list[Problem]:
    km, depth = p("offshore_min_distance_km"), p("offshore_min_depth_m")
    if site.distance_to_shore_km > km or site.water_depth_m > depth:
        return []
    return [
        problem(
            "project.site",
            f"the site is {site.distance_to_shore_km} km offshore in {site.water_depth_m} m of "
            f"water; CCER-01-002-V01 needs more than {km} km offshore or more than {depth} m deep",
            f"场址离岸 {site.distance_to_shore_km} 公里、水深 {site.water_depth_m} 米；"
            f"CCER-01-002-V01 要求离岸 {km} 公里以外或水深大于 {depth} 米",
            "check the sea-use approval; near-shore shallow sites are not eligible",
            "请核对用海批复；近岸浅水项目不适用本方法学",
        )
    ]


def solar_thermal_applicability(p: ParametersAt, site: SolarThermalSite) -> list[Problem]:
    if site.csp_plus and not site.csp_metered_separately:
        return [
            problem(
                "project.site.csp_metered_separately",
                "the CSP part of a 'CSP+' hybrid must be metered separately",
                "“光热+”一体化项目的光热发电部分必须单独计量",
                "install a separate export meter for the CSP part",
                "请为光热发电部分单独安装上网电能表",
            )
        ]
    return []


def _period_in_lifetime(site: GridSite, start: dt.date) -> list[Problem]:
    if start >= site.grid_connection_date:
        return []
    return [
        problem(
            "period_start",
            f"the period starts {start}, before grid connection on {site.grid_connection_date}",
            f"监测期开始于 {start}，早于并网日期 {site.grid_connection_date}",
            "the project lifetime starts at grid connection (§5.2.1); start the period then",
            "项目寿命期限自并网发电之日开始（第5.2.1条），请调整监测期",
        )
    ]


OFFSHORE_WIND = Methodology(
    id="CCER-01-002-V01",
    name="Grid-connected offshore wind power",
    name_zh="并网海上风力发电",
    project_type="A0102",
    family="energy",
    site_model=OffshoreWindSite,
    monitoring_model=PowerMonitoring,
    applicability=offshore_applicability,
    reductions=offshore_wind_reductions,
    period_check=_period_in_lifetime,
    notes="additionality-exempt",
    notes_zh="免予论证额外性",
)

SOLAR_THERMAL = Methodology(
    id="CCER-01-001-V01",
    name="Grid-connected solar thermal power",
    name_zh="并网光热发电",
    project_type="A0101",
    family="energy",
    site_model=SolarThermalSite,
    monitoring_model=PowerMonitoring,
    applicability=solar_thermal_applicability,
    reductions=solar_thermal_reductions,
    period_check=_period_in_lifetime,
    notes="additionality-exempt; project type code A0101 assumed (UNCERTAIN)",
    notes_zh="免予论证额外性；项目类型代码 A0101 为推定（存疑）",
)
