"""Input schema of an aluminium smelting entity's data year (CETS-AG-04.01-V01-2024).

The key of an electrolysis process (or of another process of the enterprise, such as anode
baking or a boiler house) is ``unit_id``. Electrolysis processes carry the aluminium output,
anode data and anode effects; carbonates are accounted at enterprise level.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from chinaets.mrv.industry.schema import (
    QUALITY_TABLE_LABELS,
    QUALITY_TABLES,
    FuelUse,
    IndustryEntity,
    Month,
    NcvSample,
    NonNegative,
    QualityRecords,
    Row,
    UnitId,
    bilingual_error,
    col,
)

SCHEMA_VERSION = "aluminium/1"

GwpSet = Literal["AR5", "SAR"]
CARBONATES: dict[str, tuple[str, str]] = {
    "limestone": ("石灰石", "limestone"),
    "dolomite": ("白云石", "dolomite"),
}
PLAN_PARAMETERS = (
    "fuel_quantity",
    "ncv",
    "aluminium_output",
    "net_anode_consumption",
    "anode_sulphur",
    "anode_ash",
    "anode_effect_minutes",
    "carbonate_quantity",
)
"""Parameters an aluminium control plan may name."""


class AluminiumEntity(IndustryEntity):
    """The covered entity (重点排放单位), keyed by its unified social credit code."""

    sector: Literal["aluminium"] = col("行业（aluminium）", "sector", default="aluminium")


class Process(Row):
    """A process of the enterprise: an electrolysis process (电解工序, the unit of allocation)
    or another one (anode baking, casting, boilers) counted at enterprise level only."""

    unit_id: UnitId
    kind: Literal["electrolysis", "other"] = col(
        "工序类型（电解/其他）", "electrolysis or other", default="electrolysis"
    )
    cells: int | None = col("电解槽数", "number of cells", default=None, ge=1, le=2000)
    capacity_t_per_year: float | None = col(
        "设计产能", "design capacity", "t Al/a", default=None, gt=0, le=3_000_000
    )


class AluminiumOutput(Row):
    """Aluminium liquid (原铝液) tapped from an electrolysis process in a month."""

    unit_id: UnitId
    month: Month
    quantity_t: NonNegative = col("原铝液产量", "aluminium liquid output", "t")
    source: Literal["measured", "calculated"] = col(
        "获取方式（实测/计算）", "how obtained", default="measured"
    )


class AnodeData(Row):
    """Measured anode data of a month; a blank value takes the default."""

    unit_id: UnitId
    month: Month
    net_anode_t_per_t: float | None = col(
        "吨铝炭阳极净耗", "net anode consumption", "t/t Al", default=None, gt=0, le=1.0
    )
    sulphur_pct: float | None = col("炭阳极含硫量", "anode sulphur", "%", default=None, ge=0, le=10)
    ash_pct: float | None = col("炭阳极灰分", "anode ash", "%", default=None, ge=0, le=10)

    @model_validator(mode="after")
    def _something_given(self) -> AnodeData:
        if self.net_anode_t_per_t is None and self.sulphur_pct is None and self.ash_pct is None:
            raise bilingual_error(
                "the row gives no anode data",
                "该行未填写任何炭阳极数据",
                "fill in net_anode_t_per_t, sulphur_pct or ash_pct, or delete the row "
                "(months without a row take the defaults)",
                "请填写净耗、含硫量或灰分，或删除该行（无数据的月份采用缺省值）",
                field="net_anode_t_per_t",
            )
        return self


class AnodeEffect(Row):
    """Anode-effect minutes per cell-day of an electrolysis process in a month (slope method)."""

    unit_id: UnitId
    month: Month
    aem_min_per_cell_day: float = col(
        "阳极效应持续时间", "anode-effect minutes per cell-day", "min/cell-day", ge=0, le=60
    )


class Carbonate(Row):
    """A carbonate used by the enterprise in a month (decomposition at enterprise level)."""

    month: Month
    material: Literal["limestone", "dolomite"] = col("碳酸盐品种", "carbonate")
    quantity_t: NonNegative = col("消耗量", "consumption", "t")


class AluminiumReport(QualityRecords):
    """One aluminium smelting entity's data for one data year."""

    schema_version: Literal["aluminium/1"] = "aluminium/1"
    sector: Literal["aluminium"] = "aluminium"
    year: int = col("数据年度", "data year", ge=2024, le=2030)
    gwp_set: GwpSet | None = col(
        "全球变暖潜势版本（AR5/SAR，空=默认）",
        "GWP set (blank = the default in force)",
        default=None,
    )
    entity: AluminiumEntity
    processes: list[Process] = Field(min_length=1)
    fuel_use: list[FuelUse] = Field(default_factory=list)
    ncv_samples: list[NcvSample] = Field(default_factory=list)
    aluminium_output: list[AluminiumOutput] = Field(min_length=1)
    anode_data: list[AnodeData] = Field(default_factory=list)
    anode_effects: list[AnodeEffect] = Field(default_factory=list)
    carbonates: list[Carbonate] = Field(default_factory=list)


TABLES: dict[str, type[Row]] = {
    "entity": AluminiumEntity,
    "processes": Process,
    "fuel_use": FuelUse,
    "ncv_samples": NcvSample,
    "aluminium_output": AluminiumOutput,
    "anode_data": AnodeData,
    "anode_effects": AnodeEffect,
    "carbonates": Carbonate,
    **QUALITY_TABLES,
}
"""The tables of the input, in the order of the workbook's sheets."""

TABLE_LABELS: dict[str, tuple[str, str]] = {
    "entity": ("企业信息", "entity"),
    "processes": ("工序", "processes"),
    "fuel_use": ("化石燃料消耗（月度）", "monthly fossil fuel use"),
    "ncv_samples": ("低位发热量实测", "measured calorific values"),
    "aluminium_output": ("原铝液产量（月度）", "monthly aluminium output"),
    "anode_data": ("炭阳极数据（月度）", "monthly anode data"),
    "anode_effects": ("阳极效应（月度）", "monthly anode effects"),
    "carbonates": ("碳酸盐（月度，企业层级）", "monthly carbonates (enterprise)"),
    **QUALITY_TABLE_LABELS,
}
