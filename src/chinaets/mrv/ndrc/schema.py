"""Input rows the reporting sectors share: the entity with its industry code and energy use,
the facilities (分厂/生产线/炼厂/机队), annual fuel use, electricity and heat, and products.

A sector's report model adds its own process tables. Everything is annual: the supplementary
data template asks for the data year's figures per facility (rules reference §9)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, Field, field_validator

from chinaets.inputs.schema_base import Entity, Row, bilingual_error, col

__all__ = [
    "CARBONATES",
    "COMMON_TABLES",
    "COMMON_TABLE_LABELS",
    "CO2Recovery",
    "CarbonateUse",
    "EnergyUse",
    "Facility",
    "FacilityId",
    "Fuel",
    "FuelUse",
    "NonNegative",
    "Percent",
    "Product",
    "ReportingEntity",
    "ReportingReport",
    "Row",
    "bilingual_error",
    "col",
    "fuels",
    "known_code",
]

NonNegative = Annotated[float, Field(ge=0, allow_inf_nan=False)]
Percent = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
FacilityId = Annotated[
    str, col("设施编号（分厂/生产线/炼厂）", "facility id", min_length=1, max_length=64)
]


class Fuel(BaseModel):
    code: str
    zh: str
    en: str
    unit: str
    state: Literal["solid", "liquid", "gas"]


@cache
def fuels() -> dict[str, Fuel]:
    """The fuels of the guidelines' default table, by code (the numbers are parameters)."""
    raw = yaml.safe_load((Path(__file__).parent / "fuels.yaml").read_text(encoding="utf-8"))
    return {code: Fuel(code=code, **spec) for code, spec in raw.items()}


def known_code(value: str, names: dict[str, tuple[str, str]], what: tuple[str, str]) -> str:
    """A code of a list (fuels, carbonates, …), accepting its Chinese name too."""
    code = value.strip()
    if code.lower() in names:
        return code.lower()
    by_zh = {zh: key for key, (zh, _) in names.items()}
    if code in by_zh:
        return by_zh[code]
    raise bilingual_error(
        f"'{code}' is not a {what[1]}",
        f"'{code}' 不是{what[0]}",
        f"use one of: {', '.join(names)}",
        f"请使用：{'、'.join(zh for zh, _ in names.values())}",
    )


def fuel_names() -> dict[str, tuple[str, str]]:
    return {code: (f.zh, f.en) for code, f in fuels().items()}


CARBONATES: dict[str, tuple[str, str]] = {
    "limestone": ("石灰石", "limestone (CaCO3)"),
    "magnesite": ("菱镁矿", "magnesite (MgCO3)"),
    "dolomite": ("白云石", "dolomite"),
    "soda_ash": ("纯碱", "soda ash (Na2CO3)"),
    "sodium_bicarbonate": ("碳酸氢钠", "sodium bicarbonate"),
    "siderite": ("菱铁矿", "siderite (FeCO3)"),
    "rhodochrosite": ("菱锰矿", "rhodochrosite (MnCO3)"),
    "barium_carbonate": ("碳酸钡", "barium carbonate"),
    "lithium_carbonate": ("碳酸锂", "lithium carbonate"),
    "potassium_carbonate": ("碳酸钾", "potassium carbonate"),
    "strontium_carbonate": ("碳酸锶", "strontium carbonate"),
    "impure_limestone": ("煅烧石灰石（含杂质）", "limestone, impure (default)"),
}
"""Carbonates of the rules reference §2.3, by code (the factors are parameters)."""


class ReportingEntity(Entity):
    """The reporting enterprise (legal person), keyed by its unified social credit code."""

    industry_code: str = col(
        "行业代码（GB/T 4754）", "industry code (GB/T 4754 class)", default="", max_length=8
    )
    energy_tce: NonNegative = col("综合能源消费量", "total energy consumption", "tce", default=0.0)


class Facility(Row):
    """A facility of the supplementary table (分厂/生产线/熔窑/炼厂/机队): the unit of the report."""

    unit_id: FacilityId
    name: str = col("设施名称", "facility name", default="")


class FuelUse(Row):
    """Fossil fuel burned by a facility in the year, net of fuel sold or passed on. Measured
    NCV and carbon content replace the defaults where the enterprise tests them."""

    unit_id: FacilityId
    fuel: str = col("燃料品种", "fuel (code or Chinese name)")
    quantity: NonNegative = col("消耗量", "consumption", "t or 10^4 Nm3 (gas)")
    ncv: float | None = col(
        "低位发热量（实测）",
        "net calorific value, measured",
        "GJ/t or GJ/10^4 Nm3",
        default=None,
        gt=0,
        le=1000,
        allow_inf_nan=False,
    )
    carbon_content: float | None = col(
        "单位热值含碳量（实测）",
        "carbon content per heat, measured",
        "tC/GJ",
        default=None,
        gt=0,
        le=0.1,
        allow_inf_nan=False,
    )

    @field_validator("fuel")
    @classmethod
    def _fuel(cls, v: str) -> str:
        return known_code(
            v, fuel_names(), ("行业指南缺省值表中的燃料品种", "fuel of the default table")
        )


class EnergyUse(Row):
    """Electricity and heat bought and sold by a facility in the year. Non-fossil electricity
    supplied directly (not through the grid) or made and used on site counts 0 (§1.1)."""

    unit_id: FacilityId
    electricity_purchased_mwh: NonNegative = col(
        "购入电量（含市场化绿电）",
        "electricity purchased (incl. green power bought)",
        "MWh",
        default=0.0,
    )
    electricity_exported_mwh: NonNegative = col(
        "输出电量", "electricity exported", "MWh", default=0.0
    )
    non_fossil_direct_mwh: NonNegative = col(
        "直供/自发自用非化石电量",
        "non-fossil electricity, direct or own (0 tCO2)",
        "MWh",
        default=0.0,
    )
    heat_purchased_gj: NonNegative = col("购入热力", "heat purchased", "GJ", default=0.0)
    heat_exported_gj: NonNegative = col("输出热力", "heat exported", "GJ", default=0.0)


class Product(Row):
    """A product of a facility in the year (the denominator of the sector's intensity)."""

    unit_id: FacilityId
    product: str = col("产品", "product (see the sector's list)")
    quantity: NonNegative = col("产量", "output", "see the product's unit")
    source: Literal["metered", "regulator", "statistics"] = col(
        "数据来源（企业计量/上报主管部门/统计局）", "data source", default="metered"
    )


class CarbonateUse(Row):
    """A carbonate consumed by a facility in the year (raw material, flux or desulphurisation)."""

    unit_id: FacilityId
    carbonate: str = col("碳酸盐品种", "carbonate (code or Chinese name)")
    quantity_t: NonNegative = col("消耗量", "consumption", "t")
    fraction_pct: Percent = col(
        "纯度/煅烧比例", "purity or calcination fraction", "%", default=100.0
    )

    @field_validator("carbonate")
    @classmethod
    def _carbonate(cls, v: str) -> str:
        return known_code(v, CARBONATES, ("碳酸盐品种", "carbonate of the factor table"))


class ReportingReport(Row):
    """Fields every reporting sector's report has (a base of the sector models)."""

    year: int = col("数据年度", "data year", ge=2013, le=2030)
    facilities: list[Facility] = Field(min_length=1)
    fuel_use: list[FuelUse] = Field(default_factory=list)
    energy: list[EnergyUse] = Field(default_factory=list)
    products: list[Product] = Field(default_factory=list)


COMMON_TABLES: dict[str, type[Row]] = {
    "facilities": Facility,
    "fuel_use": FuelUse,
    "energy": EnergyUse,
    "products": Product,
}
COMMON_TABLE_LABELS: dict[str, tuple[str, str]] = {
    "entity": ("企业信息", "entity"),
    "facilities": ("设施（分厂/生产线）", "facilities"),
    "fuel_use": ("化石燃料消耗（年度）", "annual fossil fuel use"),
    "energy": ("购入/输出电力与热力", "electricity and heat bought and sold"),
    "products": ("产品产量", "products"),
    "carbonates": ("碳酸盐消耗", "carbonates"),
    "co2_recovery": ("CO2回收利用", "CO2 recovered"),
}


class CO2Recovery(Row):
    """CO2 recovered by a facility in the year and supplied to others or used as feedstock
    (petrochemicals and chemicals): deducted from the enterprise's emissions."""

    unit_id: FacilityId
    supplied_10k_nm3: NonNegative = col(
        "外供CO2气体量", "CO2 gas supplied to others", "10^4 Nm3", default=0.0
    )
    supplied_purity_pct: Percent = col(
        "外供气体CO2纯度", "CO2 purity of the gas supplied", "%", default=100.0
    )
    feedstock_10k_nm3: NonNegative = col(
        "自用作原料CO2气体量", "CO2 gas used as own feedstock", "10^4 Nm3", default=0.0
    )
    feedstock_purity_pct: Percent = col(
        "原料气体CO2纯度", "CO2 purity of the feedstock gas", "%", default=100.0
    )
