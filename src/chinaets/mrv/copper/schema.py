"""Input schema of a copper smelting enterprise's data year (其他有色金属冶炼和压延加工业企业温室
气体排放核算方法与报告指南（试行）; GB/T 32151.42-2024 for pyrometallurgical smelters; rules
reference reporting-sectors.md §6).

Facilities are the smelting works (冶炼分厂). Besides the common tables: fossil reducing agents
(energy used as raw material) and carbonate fluxes."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from chinaets.mrv.ndrc.schema import (
    COMMON_TABLE_LABELS,
    COMMON_TABLES,
    CarbonateUse,
    FacilityId,
    NonNegative,
    ReportingEntity,
    ReportingReport,
    Row,
    col,
    known_code,
)

PRODUCTS: dict[str, tuple[str, str, str]] = {
    "blister_copper": ("粗铜", "blister copper", "t"),
    "anode_copper": ("阳极铜", "anode copper", "t"),
    "cathode_copper": ("阴极铜", "cathode copper", "t"),
    "sulphuric_acid": ("硫酸", "sulphuric acid", "t"),
}
"""Products: code -> (zh, en, unit). The intensity's denominator is blister copper (T18F)."""

REDUCTANTS: dict[str, tuple[str, str]] = {
    "semi_coke": ("蓝炭", "semi-coke"),
    "coke": ("焦炭", "coke"),
    "anthracite": ("无烟煤", "anthracite"),
    "natural_gas": ("天然气", "natural gas"),
}


class CopperEntity(ReportingEntity):
    sector: Literal["copper"] = col("行业（copper）", "sector", default="copper")


class Reductant(Row):
    """A fossil reducing agent consumed by a smelter in the year (能源作为原材料用途)."""

    unit_id: FacilityId
    reductant: str = col("还原剂品种", "reducing agent (code or Chinese name)")
    quantity: NonNegative = col("消耗量", "consumption", "t (natural gas: 10^4 Nm3)")

    @field_validator("reductant")
    @classmethod
    def _reductant(cls, v: str) -> str:
        return known_code(v, REDUCTANTS, ("还原剂品种", "reducing agent of the factor table"))


class CopperReport(ReportingReport):
    """One copper smelting enterprise's data for one data year."""

    schema_version: Literal["copper/1"] = "copper/1"
    sector: Literal["copper"] = "copper"
    entity: CopperEntity
    reductants: list[Reductant] = Field(default_factory=list)
    carbonates: list[CarbonateUse] = Field(default_factory=list)


TABLES: dict[str, type[Row]] = {
    "entity": CopperEntity,
    **COMMON_TABLES,
    "reductants": Reductant,
    "carbonates": CarbonateUse,
}
TABLE_LABELS: dict[str, tuple[str, str]] = {
    **COMMON_TABLE_LABELS,
    "facilities": ("冶炼分厂", "smelting works"),
    "reductants": ("能源作为还原剂", "fossil reducing agents"),
    "carbonates": ("碳酸盐熔剂", "carbonate fluxes"),
}
