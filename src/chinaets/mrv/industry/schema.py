"""Input rows the three industrial sectors share: the entity, monthly fuel use, measured NCVs,
the data-quality control plan (parameters, meters, calibrations) and the monthly deposits.

A sector's report model composes these rows with its own (clinker output, anode data …). The
row key of a line, process or other accounting unit is always ``unit_id``, so that findings and
consistency issues name it the same way in every sector.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, Field, field_validator

from chinaets.inputs.schema_base import Entity, Row, bilingual_error, col
from chinaets.mrv.industry.units import NCV_UNITS

__all__ = [
    "Calibration",
    "ControlPlanEntry",
    "Deposit",
    "Fuel",
    "FuelUse",
    "IndustryEntity",
    "Meter",
    "Method",
    "Month",
    "NcvSample",
    "NonNegative",
    "Percent",
    "Row",
    "UnitId",
    "bilingual_error",
    "col",
    "fuels",
    "known_fuel",
]

Month = Annotated[int, col("月份", "month", "1-12", ge=1, le=12)]
UnitId = Annotated[
    str, col("核算单元编号（生产线/工序）", "line or process id", min_length=1, max_length=64)
]
NonNegative = Annotated[float, Field(ge=0, allow_inf_nan=False)]
Percent = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]

Method = Literal["measured", "calculated", "design", "default"]
"""How a parameter is obtained (数据获取方式): 实测 / 计算 / 设计值 / 缺省值."""

MeterType = Literal[
    "belt_scale",
    "coal_feeder",
    "track_scale",
    "truck_scale",
    "liquid_flowmeter",
    "gas_flowmeter",
    "other",
]


class Fuel(BaseModel):
    code: str
    zh: str
    en: str
    unit: str
    state: Literal["solid", "liquid", "gas"]


@cache
def fuels() -> dict[str, Fuel]:
    """The fuels of Table A.1, by code (names and units; the numbers are parameters)."""
    raw = yaml.safe_load((Path(__file__).parent / "fuels.yaml").read_text(encoding="utf-8"))
    return {code: Fuel(code=code, **spec) for code, spec in raw.items()}


def known_fuel(code: str) -> str:
    """A fuel code of Table A.1, accepting the Chinese name too."""
    code = code.strip()
    if code.lower() in fuels():
        return code.lower()
    by_zh = {f.zh: f.code for f in fuels().values()}
    if code in by_zh:
        return by_zh[code]
    raise bilingual_error(
        f"'{code}' is not a fuel of Table A.1",
        f"'{code}' 不是表A.1中的燃料品种",
        f"use one of: {', '.join(fuels())}",
        f"请使用：{'、'.join(f.zh for f in fuels().values())}",
    )


class IndustryEntity(Entity):
    """The covered entity (重点排放单位), keyed by its unified social credit code."""


class FuelUse(Row):
    """Fossil fuel burned by a line or process in a month, net of fuel sold or passed on."""

    unit_id: UnitId
    month: Month
    fuel: str = col("燃料品种", "fuel (code or Chinese name of Table A.1)")
    quantity: NonNegative = col("消耗量", "consumption", "t or 10^4 Nm3 (gas)")

    @field_validator("fuel")
    @classmethod
    def _fuel(cls, v: str) -> str:
        return known_fuel(v)


class NcvSample(Row):
    """A measured net calorific value: one purchase batch of a solid fuel (weighted by the mass
    received), or one measurement of a liquid or gaseous fuel (averaged within the month)."""

    unit_id: UnitId
    month: Month
    fuel: str = col("燃料品种", "fuel")
    batch_id: str = col("批次/样品编号", "batch or sample id", default="monthly")
    received_t: NonNegative | None = col(
        "批次入厂量", "mass received in the batch (solid fuels)", "t", default=None
    )
    ncv: float = col("低位发热量", "net calorific value", "see ncv_unit", gt=0, allow_inf_nan=False)
    ncv_unit: str = col("发热量单位", "unit of the NCV", ", ".join(NCV_UNITS), default="GJ/t")
    lab: Literal["own", "cma", "cnas", "other"] = col(
        "检测机构资质（自有/CMA/CNAS/其他）", "laboratory", default="cma"
    )

    @field_validator("fuel")
    @classmethod
    def _fuel(cls, v: str) -> str:
        return known_fuel(v)

    @field_validator("ncv_unit")
    @classmethod
    def _ncv_unit(cls, v: str) -> str:
        if v not in NCV_UNITS:
            raise bilingual_error(
                f"'{v}' is not a unit of calorific value",
                f"'{v}' 不是发热量单位",
                f"use one of: {', '.join(NCV_UNITS)}",
                f"请使用：{'、'.join(NCV_UNITS)}",
            )
        return v


class ControlPlanEntry(Row):
    """One line of the data-quality control plan (数据质量控制方案, Appendix B): how a parameter
    of a line or process is obtained, and with which meter."""

    parameter: str = col("参数", "parameter (see the sector's list)")
    unit_id: str = col("核算单元编号（空=全部）", "line or process id (blank = all)", default="")
    item: str = col("燃料/物料（空=全部）", "fuel or material (blank = all)", default="")
    method: Method = col("获取方式（实测/计算/设计值/缺省值）", "how it is obtained")
    meter_id: str = col("计量器具编号", "meter id", default="")
    frequency: str = col("记录频次", "recording frequency", default="monthly")
    department: str = col("负责部门", "responsible department", default="")


class Meter(Row):
    """A meter named in the control plan: model, place, type and accuracy class."""

    meter_id: str = col("计量器具编号", "meter id", min_length=1)
    model: str = col("型号", "model", min_length=1)
    location: str = col("安装位置", "location", default="")
    meter_type: MeterType = col("器具类型", "meter type")
    accuracy_class: float = col("准确度等级", "accuracy class", "%", gt=0, le=10)
    calibration_interval_months: int = col(
        "检定/校准周期", "calibration interval", "months", default=12, ge=1, le=60
    )


class Calibration(Row):
    """A calibration or legal verification of a meter (检定/校准记录)."""

    meter_id: str = col("计量器具编号", "meter id", min_length=1)
    calibrated_on: dt.date = col("检定/校准日期", "calibration date", "YYYY-MM-DD")
    certificate: str = col("证书编号", "certificate number", default="")


class Deposit(Row):
    """When a month's accounting data were deposited on the national platform (月度信息化存证)."""

    month: Month
    deposited_on: dt.date = col("存证日期", "deposit date", "YYYY-MM-DD")


class QualityRecords(Row):
    """The data-quality tables every industrial report carries (a base of the sector reports)."""

    control_plan: list[ControlPlanEntry] = Field(default_factory=list)
    meters: list[Meter] = Field(default_factory=list)
    calibrations: list[Calibration] = Field(default_factory=list)
    deposits: list[Deposit] = Field(default_factory=list)


QUALITY_TABLES: dict[str, type[Row]] = {
    "control_plan": ControlPlanEntry,
    "meters": Meter,
    "calibrations": Calibration,
    "deposits": Deposit,
}
"""The data-quality tables every industrial sector's input ends with."""

QUALITY_TABLE_LABELS: dict[str, tuple[str, str]] = {
    "control_plan": ("数据质量控制方案", "data-quality control plan"),
    "meters": ("计量器具", "meters"),
    "calibrations": ("检定/校准记录", "calibrations"),
    "deposits": ("月度存证", "monthly deposits"),
}
