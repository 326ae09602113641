"""Input schema of a flat glass enterprise's data year (中国平板玻璃生产企业温室气体排放核算方法与
报告指南（试行）; GB/T 32151.7-2023; rules reference reporting-sectors.md §5).

Facilities are the melting furnaces or production lines (熔窑/生产线). Besides the common tables:
the carbonates of the batch (soda ash, dolomite, limestone …) and the carbon powder added to it."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

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
)

SECTOR = "flat_glass"
PRODUCTS: dict[str, tuple[str, str, str]] = {
    "flat_glass": ("平板玻璃", "flat glass", "t"),
    "flat_glass_weight_boxes": ("平板玻璃（重量箱）", "flat glass in weight boxes", "重量箱"),
}
"""Products of the supplementary table: code -> (zh, en, unit). Weight boxes are converted to
tonnes with the dated parameter ``weight_box_mass``."""


class GlassEntity(ReportingEntity):
    sector: Literal["flat_glass"] = col("行业（flat_glass）", "sector", default="flat_glass")


class CarbonPowder(Row):
    """Carbon powder (碳粉) added to a furnace's batch in the year; its carbon is oxidised."""

    unit_id: FacilityId
    quantity_t: NonNegative = col("碳粉用量", "carbon powder used", "t")
    carbon_pct: float | None = col(
        "碳粉含碳量（实测，空=缺省）",
        "carbon content, measured (blank = default)",
        "%",
        default=None,
        ge=0,
        le=100,
        allow_inf_nan=False,
    )


class GlassReport(ReportingReport):
    """One flat glass enterprise's data for one data year."""

    schema_version: Literal["flat_glass/1"] = "flat_glass/1"
    sector: Literal["flat_glass"] = "flat_glass"
    entity: GlassEntity
    carbonates: list[CarbonateUse] = Field(default_factory=list)
    carbon_powder: list[CarbonPowder] = Field(default_factory=list)


TABLES: dict[str, type[Row]] = {
    "entity": GlassEntity,
    **COMMON_TABLES,
    "carbonates": CarbonateUse,
    "carbon_powder": CarbonPowder,
}
TABLE_LABELS: dict[str, tuple[str, str]] = {
    **COMMON_TABLE_LABELS,
    "facilities": ("熔窑/生产线", "melting furnaces or lines"),
    "carbonates": ("配合料碳酸盐", "batch carbonates"),
    "carbon_powder": ("配合料碳粉", "carbon powder in the batch"),
}
