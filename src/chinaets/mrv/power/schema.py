"""Input schema of a power entity's data year: one model drives the JSON, CSV and Excel
loaders, the blank template, the JSON Schema and the format docs.

Each field carries its unit and its Chinese and English labels (``json_schema_extra``), so the
template and docs cannot drift from what the loader accepts. Tables (``units``, ``fuel_use`` …)
are the sheets of the Excel workbook and the files of a CSV folder.
"""

from __future__ import annotations

import calendar
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, Field, field_validator, model_validator

from chinaets.inputs.schema_base import (
    Entity,
    Month,
    NonNegative,
    Percent,
    Row,
    bilingual_error,
    col,
)

SCHEMA_VERSION = "power/1"

UnitId = Annotated[str, col("机组编号", "unit id", min_length=1, max_length=64)]

FuelCategory = Literal["coal", "unconventional_coal", "gas", "oil", "biomass"]


class Fuel(BaseModel):
    code: str
    zh: str
    en: str
    category: FuelCategory
    unit: str
    cc_reference_tc_per_tj: float | None = None
    daf_carbon_pct: tuple[float, float] | None = None

    @property
    def by_mass(self) -> bool:
        return self.category != "gas"


@cache
def fuels() -> dict[str, Fuel]:
    raw = yaml.safe_load((Path(__file__).parent / "fuels.yaml").read_text(encoding="utf-8"))
    return {code: Fuel(code=code, **spec) for code, spec in raw.items()}


class Unit(Row):
    """A generating unit (机组): its class decides defaults, checks and, later, allocation."""

    unit_id: UnitId
    rated_mw: float = col("额定功率", "rated power", "MW", gt=0, le=2000)
    main_fuel: str = col("主要燃料", "main fuel")
    unit_type: Literal["condensing", "chp"] = col("机组类型（纯凝/热电联产）", "condensing or CHP")
    cfb: bool = col("是否循环流化床", "circulating fluidised bed", default=False)
    cooling: Literal["water", "air"] = col("冷却方式（水冷/空冷）", "cooling", default="water")
    boiler_type: Literal["pulverized", "cfb", "stoker", "gas_turbine", "oil_boiler"] = col(
        "锅炉类型", "boiler type", default="pulverized"
    )
    altitude_m: float = col("厂址海拔", "site altitude", "m", default=0.0, ge=-200, le=6000)
    biomass_heat_share: float = col(
        "生物质掺烧热量占比", "biomass co-firing heat share", "0-1", default=0.0, ge=0, le=1
    )

    @field_validator("main_fuel")
    @classmethod
    def _main_fuel(cls, v: str) -> str:
        return _known_fuel(v)


class FuelUse(Row):
    """Fuel burned by a unit in a month: one row per unit, month and fuel (report table C.3, column A)."""

    unit_id: UnitId
    month: Month
    fuel: str = col("燃料品种", "fuel")
    quantity: NonNegative = col("消耗量", "consumption", "t or 10^4 Nm3 (gas)")
    measured_as: Literal["as_fired", "as_received"] = col(
        "计量方式（入炉/入厂）", "metered as fired or as received", default="as_fired"
    )

    @field_validator("fuel")
    @classmethod
    def _fuel(cls, v: str) -> str:
        return _known_fuel(v)


class LabResult(Row):
    """A test report of a fuel sample: daily, per delivery batch or monthly composite. Coal results
    are weighted by the consumption they represent; gas and oil tests are averaged."""

    unit_id: UnitId
    month: Month
    fuel: str = col("燃料品种", "fuel")
    sample_id: str = col("样品编号", "sample id", default="monthly")
    weight: NonNegative | None = col(
        "代表的消耗量", "consumption the sample represents", "t or 10^4 Nm3", default=None
    )
    basis: Literal["ar", "ad", "d"] = col(
        "元素碳含量基准（收到基/空干基/干基）", "carbon basis", default="ar"
    )
    carbon_pct: Percent | None = col(
        "元素碳含量", "element carbon (solid/liquid)", "%", default=None
    )
    carbon_t_per_10k_nm3: NonNegative | None = col(
        "气体含碳量", "carbon content of gas", "tC/10^4 Nm3", default=None
    )
    moisture_ar_pct: Percent | None = col(
        "收到基全水分", "total moisture, as received", "%", default=None
    )
    moisture_ad_pct: Percent | None = col("空干基水分", "moisture, air-dried", "%", default=None)
    ash_ad_pct: Percent | None = col("空干基灰分", "ash, air-dried", "%", default=None)
    ncv: NonNegative | None = col(
        "收到基低位发热量", "net calorific value, as received", "GJ/t or GJ/10^4 Nm3", default=None
    )
    lab: Literal["own", "cma", "cnas", "other"] = col(
        "检测机构资质（自有/CMA/CNAS/其他）", "laboratory", default="own"
    )
    days_to_report: int | None = col(
        "采样至出具报告天数", "days from sampling to report", "d", default=None, ge=0
    )

    @field_validator("fuel")
    @classmethod
    def _fuel(cls, v: str) -> str:
        return _known_fuel(v)

    @model_validator(mode="after")
    def _moistures_for_basis(self) -> LabResult:
        needs = {"ad": ("moisture_ar_pct", "moisture_ad_pct"), "d": ("moisture_ar_pct",)}
        if self.carbon_pct is None:
            return self
        for name in needs.get(self.basis, ()):
            if getattr(self, name) is None:
                raise bilingual_error(
                    f"carbon is on the '{self.basis}' basis but {name} is missing, so it cannot "
                    "be converted to the as-received basis",
                    f"元素碳为{'空干基' if self.basis == 'ad' else '干基'}，缺少 {name}，无法换算为收到基",
                    f"add {name} from the lab report (air-dried) or the plant's own measurement "
                    "(as received)",
                    f"请补充 {name}（空干基水分取自化验报告，收到基水分取自企业自测）",
                    field=name,
                )
        return self


class Production(Row):
    """A unit's monthly output and operation (generation, heat, hours, own use, purchased power)."""

    unit_id: UnitId
    month: Month
    generation_mwh: NonNegative = col("发电量", "generation", "MWh")
    heat_supplied_gj: NonNegative | None = col("供热量", "heat supplied", "GJ", default=None)
    running_hours: NonNegative = col("运行小时数", "running hours", "h")
    own_use_mwh: NonNegative | None = col("厂用电量", "plant own use", "MWh", default=None)
    purchased_mwh: NonNegative = col("购入使用电量", "purchased electricity", "MWh", default=0.0)

    @model_validator(mode="after")
    def _fits_in_month(self) -> Production:
        if self.running_hours > 24 * 31:
            raise bilingual_error(
                f"running hours {self.running_hours:g} exceed the hours of a month (744)",
                f"运行小时数 {self.running_hours:g} 超过一个月的小时数（744）",
                "give the unit's running hours in this month, not the year",
                "请填写本月运行小时数，而非全年",
                field="running_hours",
            )
        return self


HeatMethod = Literal["steam", "steam_no_return", "heater_steam", "heater_water", "hot_water"]


class HeatMeasurement(Row):
    """Source data for heat supplied when it is computed rather than metered in GJ
    (verification guide table 15; guideline Appendix E)."""

    unit_id: UnitId
    month: Month
    method: HeatMethod = col("供热量计算方法", "method")
    mass_t: NonNegative = col("蒸汽/热水/疏水质量", "steam, hot water or drain mass", "t")
    enthalpy_kj_per_kg: NonNegative | None = col(
        "供汽/供水焓值", "supply enthalpy", "kJ/kg", default=None
    )
    return_mass_t: NonNegative = col("回水质量", "return mass", "t", default=0.0)
    return_enthalpy_kj_per_kg: NonNegative | None = col(
        "回水/疏水焓值", "return or drain enthalpy", "kJ/kg", default=None
    )
    makeup_mass_t: NonNegative = col("补水质量", "make-up water mass", "t", default=0.0)
    makeup_enthalpy_kj_per_kg: NonNegative | None = col(
        "补水焓值", "make-up enthalpy", "kJ/kg", default=None
    )
    supply_temp_c: float | None = col(
        "供水温度", "supply temperature", "°C", default=None, ge=0, le=400
    )

    @model_validator(mode="after")
    def _fields_for_method(self) -> HeatMeasurement:
        missing = [f for f in _HEAT_FIELDS[self.method] if getattr(self, f) is None]
        if missing:
            raise bilingual_error(
                f"method '{self.method}' needs {', '.join(missing)}",
                f"计算方法 '{self.method}' 需要填写 {', '.join(missing)}",
                "fill in the missing values from the DCS or steam tables",
                "请根据DCS数据或蒸汽表补充",
                field=missing[0],
            )
        return self


_HEAT_FIELDS: dict[str, tuple[str, ...]] = {
    "steam": ("enthalpy_kj_per_kg",),
    "steam_no_return": ("enthalpy_kj_per_kg",),
    "heater_steam": ("enthalpy_kj_per_kg", "return_enthalpy_kj_per_kg"),
    "heater_water": ("enthalpy_kj_per_kg",),
    "hot_water": ("supply_temp_c",),
}


class PowerReport(Row):
    """One entity's data for one data year (the annual emission report's inputs)."""

    schema_version: Literal["power/1"] = "power/1"
    sector: Literal["power"] = "power"
    year: int = col("数据年度", "data year", ge=2019, le=2030)
    entity: Entity
    units: list[Unit] = Field(min_length=1)
    fuel_use: list[FuelUse] = Field(min_length=1)
    lab_results: list[LabResult] = Field(default_factory=list)
    production: list[Production] = Field(default_factory=list)
    heat_measurements: list[HeatMeasurement] = Field(default_factory=list)


def _known_fuel(code: str) -> str:
    code = code.strip().lower()
    if code in fuels():
        return code
    by_zh = {f.zh: f.code for f in fuels().values()}
    if code in by_zh:
        return by_zh[code]
    raise bilingual_error(
        f"'{code}' is not a fuel of the power guideline",
        f"'{code}' 不是发电设施指南中的燃料品种",
        f"use one of: {', '.join(fuels())}",
        f"请使用：{'、'.join(f.zh for f in fuels().values())}",
    )


def hours_in_month(year: int, month: int) -> int:
    return 24 * calendar.monthrange(year, month)[1]


TABLES: dict[str, type[Row]] = {
    "entity": Entity,
    "units": Unit,
    "fuel_use": FuelUse,
    "lab_results": LabResult,
    "production": Production,
    "heat_measurements": HeatMeasurement,
}
"""The tables of the input, in the order of the workbook's sheets."""

TABLE_LABELS: dict[str, tuple[str, str]] = {
    "entity": ("企业信息", "entity"),
    "units": ("机组信息", "units"),
    "fuel_use": ("燃料消耗（月度）", "monthly fuel consumption"),
    "lab_results": ("化验结果", "lab results"),
    "production": ("生产数据（月度）", "monthly production"),
    "heat_measurements": ("供热量计算数据", "heat calculation data"),
}
