"""Input schema of a chemical enterprise's data year (中国化工生产企业温室气体排放核算方法与报告
指南（试行）; GB/T 32151.10-2023; rules reference reporting-sectors.md §4).

Facilities are the plants of the supplementary tables (电石分厂, 合成氨分厂, …). Besides the
common tables: the carbon balance of fossil raw materials, carbonates, nitric-acid and
adipic-acid N2O, CO2 recovered, and HCFC-22 plants' HFC-23 (the fluorochemical guideline's
formula; whether annex 4 includes HCFC-22 makers is UNCERTAIN)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from chinaets.mrv.ndrc.schema import (
    COMMON_TABLE_LABELS,
    COMMON_TABLES,
    CarbonateUse,
    CO2Recovery,
    FacilityId,
    NonNegative,
    Percent,
    ReportingEntity,
    ReportingReport,
    Row,
    col,
)

PRODUCTS: dict[str, tuple[str, str, str]] = {
    "calcium_carbide": ("电石", "calcium carbide", "t"),
    "ammonia": ("合成氨", "ammonia", "t"),
    "urea": ("尿素", "urea", "t"),
    "methanol": ("甲醇", "methanol", "t"),
    "nitric_acid": ("硝酸", "nitric acid", "t"),
    "adipic_acid": ("己二酸", "adipic acid", "t"),
    "other_chemical": ("其他化工产品", "other chemical products", "t"),
}
"""Products: code -> (zh, en, unit); a facility's intensity is over its products' tonnes
(T16/T18 tables per sub-product plant; methanol UNCERTAIN)."""

NitricProcess = Literal[
    "high_pressure", "medium_pressure", "atmospheric", "dual_pressure", "combined", "low_pressure"
]
NITRIC_PROCESSES: dict[str, tuple[str, str]] = {
    "high_pressure": ("高压法", "high pressure"),
    "medium_pressure": ("中压法", "medium pressure"),
    "atmospheric": ("常压法", "atmospheric"),
    "dual_pressure": ("双加压法", "dual pressure"),
    "combined": ("综合法", "combined"),
    "low_pressure": ("低压法", "low pressure"),
}
NitricAbatement = Literal["none", "nscr", "scr", "extended_absorption"]
AdipicRoute = Literal["nitric_oxidation", "other"]
AdipicAbatement = Literal["none", "catalytic", "thermal", "recycle_to_nitric", "recycle_to_adipic"]


class ChemicalEntity(ReportingEntity):
    sector: Literal["chemicals"] = col("行业（chemicals）", "sector", default="chemicals")


class CarbonFlow(Row):
    """A fossil raw material in, or a product or waste out, of a plant's carbon balance."""

    unit_id: FacilityId
    material: str = col("物料名称", "material", min_length=1)
    direction: Literal["input", "product", "waste"] = col(
        "方向（输入/产品/废物）", "input, product or waste"
    )
    quantity_t: NonNegative = col("数量", "quantity", "t")
    carbon_t_per_t: float = col("含碳量", "carbon content", "tC/t", ge=0, le=1, allow_inf_nan=False)


class NitricAcid(Row):
    """Nitric acid made by a plant in the year, by process, with its N2O abatement."""

    unit_id: FacilityId
    process: NitricProcess = col("生产工艺", "process")
    quantity_t: NonNegative = col("硝酸产量（100%）", "nitric acid made (100 %)", "t")
    abatement: NitricAbatement = col("N2O处理技术", "N2O abatement", default="none")
    utilisation_pct: Percent = col("处理装置使用率", "abatement utilisation", "%", default=100.0)


class AdipicAcid(Row):
    """Adipic acid made by a plant in the year, by route, with its N2O abatement."""

    unit_id: FacilityId
    route: AdipicRoute = col("生产工艺（硝酸氧化/其他）", "route", default="nitric_oxidation")
    quantity_t: NonNegative = col("己二酸产量", "adipic acid made", "t")
    abatement: AdipicAbatement = col("N2O处理技术", "N2O abatement", default="none")
    utilisation_pct: Percent = col("处理装置使用率", "abatement utilisation", "%", default=100.0)


class Hcfc22(Row):
    """HCFC-22 made by a plant in the year, with the HFC-23 by-product recovered (sold or used)
    and destroyed (中国氟化工企业温室气体排放核算方法与报告指南; inclusion UNCERTAIN)."""

    unit_id: FacilityId
    hcfc22_t: NonNegative = col("HCFC-22产量", "HCFC-22 made", "t")
    generation_factor: float | None = col(
        "HFC-23生成因子（实测，空=缺省）", "HFC-23 generation factor, measured (blank = default)",
        "t/t", default=None, ge=0, le=0.1, allow_inf_nan=False,
    )  # fmt: skip
    recovered_t: NonNegative = col("HFC-23回收量", "HFC-23 recovered", "t", default=0.0)
    destroyed_t: NonNegative = col("HFC-23销毁量", "HFC-23 destroyed", "t", default=0.0)


class ChemicalReport(ReportingReport):
    """One chemical enterprise's data for one data year."""

    schema_version: Literal["chemicals/1"] = "chemicals/1"
    sector: Literal["chemicals"] = "chemicals"
    entity: ChemicalEntity
    carbon_flows: list[CarbonFlow] = Field(default_factory=list)
    carbonates: list[CarbonateUse] = Field(default_factory=list)
    nitric_acid: list[NitricAcid] = Field(default_factory=list)
    adipic_acid: list[AdipicAcid] = Field(default_factory=list)
    co2_recovery: list[CO2Recovery] = Field(default_factory=list)
    hcfc22: list[Hcfc22] = Field(default_factory=list)


TABLES: dict[str, type[Row]] = {
    "entity": ChemicalEntity,
    **COMMON_TABLES,
    "carbon_flows": CarbonFlow,
    "carbonates": CarbonateUse,
    "nitric_acid": NitricAcid,
    "adipic_acid": AdipicAcid,
    "co2_recovery": CO2Recovery,
    "hcfc22": Hcfc22,
}
TABLE_LABELS: dict[str, tuple[str, str]] = {
    **COMMON_TABLE_LABELS,
    "facilities": ("分厂（电石/合成氨/…）", "plants"),
    "carbon_flows": ("碳输入/碳输出（原料、产品、废物）", "carbon balance of raw materials"),
    "nitric_acid": ("硝酸生产", "nitric acid"),
    "adipic_acid": ("己二酸生产", "adipic acid"),
    "hcfc22": ("HCFC-22生产（HFC-23）", "HCFC-22 (HFC-23 by-product)"),
}
