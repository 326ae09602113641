"""Input schema of an iron & steel entity's data year (CETS-AG-03.01-V01-2024): one model drives
the JSON, CSV and Excel loaders, the blank template, the JSON Schema and the format docs.

The tables follow the guideline's carbon mass balance: the enterprise's purchased fossil fuels
(``fuels``), carbonates, electrodes and purchased carbon-bearing materials (``materials``), the
carbon leaving in crude steel and sold products (``products``); the processes' fuel inputs and
outputs (``process_flows``) and the fuels of co-firing power units (``unit_fuels``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, Field, field_validator

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
    col,
    known_fuel,
)

SCHEMA_VERSION = "steel/1"

MaterialKind = Literal["carbonate", "electrode", "material"]
ProcessType = Literal["coking", "sintering", "pelletising", "ironmaking", "bof", "eaf"]
ProductCode = Literal["crude_steel", "pig_iron", "crude_benzene", "tar"]
Route = Literal["bf_bof", "eaf"]

# Quantities above this in one month are unit mistakes (kg for t, Nm3 for 10^4 Nm3): the
# largest Chinese steel sites make about 30 Mt of crude steel a year, 2.5 Mt a month.
ABSURD_MONTHLY_QUANTITY = 5e7


class Code(BaseModel):
    code: str
    zh: str
    en: str
    kind: MaterialKind | None = None


@cache
def _steel_codes() -> dict[str, dict[str, Code]]:
    raw = yaml.safe_load((Path(__file__).parent / "codes.yaml").read_text(encoding="utf-8"))
    return {
        table: {code: Code(code=code, **spec) for code, spec in entries.items()}
        for table, entries in raw.items()
    }


def materials() -> dict[str, Code]:
    """The carbonates, electrodes and carbon-bearing materials of table A.2, by code."""
    return _steel_codes()["materials"]


def products() -> dict[str, Code]:
    """The carbon-bearing products deducted by formula (1), by code."""
    return _steel_codes()["products"]


ProcessId = Annotated[str, col("工序编号", "process id", min_length=1, max_length=64)]
UnitId = Annotated[str, col("机组编号", "power unit id", min_length=1, max_length=64)]
Quantity = Annotated[float, Field(ge=0, le=ABSURD_MONTHLY_QUANTITY, allow_inf_nan=False)]


class SteelEntity(IndustryEntity):
    """The covered entity (重点排放单位), keyed by its unified social credit code, and its route."""

    route: Route = col(
        "工艺路线（bf_bof 长流程 / eaf 短流程）", "route: BF-BOF (long) or EAF (short)"
    )


class Process(Row):
    """A production process accounted by formula (2) (process level)."""

    process_id: ProcessId
    process: ProcessType = col("工序类型", "process type")
    name: str = col("工序名称", "process name", default="")


class PowerUnit(Row):
    """A power unit co-firing self-produced secondary energy (formula 3). A unit already covered
    as a power-sector entity is outside the steel boundary: its fuel is deducted from the
    enterprise's net consumption and it is not counted in formula (4)."""

    unit_id: UnitId
    name: str = col("机组名称", "unit name", default="")
    covered_by_power_sector: bool = col(
        "是否已纳入发电行业管理", "already covered as power sector", default=False
    )


class FuelFlow(Row):
    """Purchased fossil fuel of the enterprise in a month (formula 1): net consumption =
    purchased − sold − stock increase − fuel burned by units covered as power sector."""

    month: Month
    fuel: str = col("燃料品种", "fuel")
    purchased: NonNegative = col("购入量", "purchased", "t or 10^4 Nm3", default=0.0)
    sold: NonNegative = col("外销量", "sold", "t or 10^4 Nm3", default=0.0)
    stock_increase: float = col(
        "库存增加量（期末−期初）", "stock increase (closing − opening)", "t or 10^4 Nm3",
        default=0.0, allow_inf_nan=False, ge=-ABSURD_MONTHLY_QUANTITY, le=ABSURD_MONTHLY_QUANTITY,
    )  # fmt: skip

    @field_validator("fuel")
    @classmethod
    def _fuel(cls, v: str) -> str:
        return known_fuel(v)


ENTERPRISE = "enterprise"
"""The place id of the enterprise-level balance (formula 1) in findings and samples."""


class SteelNcvSample(NcvSample):
    """A measured net calorific value: one purchase batch of a solid fuel by a CMA/CNAS
    laboratory (weighted by the mass received), or one measurement of a liquid or gaseous fuel
    (averaged within the month). A fuel's measured value applies wherever the fuel is used
    (enterprise balance, processes, power units); coke always takes the default."""

    unit_id: str = col(
        "取样位置（默认全厂）", "where sampled (default: enterprise)", default=ENTERPRISE,
        min_length=1, max_length=64,
    )  # fmt: skip


class MaterialUse(Row):
    """Carbonates, electrodes and purchased carbon-bearing materials consumed in a month.
    Materials not in table A.2 are reported but not accounted."""

    month: Month
    material: str = col("原料/辅料品种", "material")
    quantity: Quantity = col("消耗量", "consumption", "t")

    @field_validator("material")
    @classmethod
    def _material(cls, v: str) -> str:
        return _by_zh(v, materials())


class ProductOutput(Row):
    """Carbon leaving the enterprise in a month: crude steel output, and pig iron, crude benzene
    and tar sold (deducted by formula 1; slag is not deducted)."""

    month: Month
    product: ProductCode = col("含碳产品", "carbon-bearing product")
    quantity: Quantity = col("产量/外销量", "output or quantity sold", "t")

    @field_validator("product", mode="before")
    @classmethod
    def _product(cls, v: Any) -> Any:
        return _by_zh(v, products()) if isinstance(v, str) else v


class ProcessFlow(Row):
    """A fuel entering (in) or leaving (out) a process in a month (formula 2): coke and coke-oven
    gas leave coking, blast-furnace gas leaves ironmaking, BOF gas leaves the BOF."""

    process_id: ProcessId
    month: Month
    fuel: str = col("燃料品种", "fuel")
    direction: Literal["in", "out"] = col("输入/输出（in/out）", "input or output")
    quantity: Quantity = col("数量", "quantity", "t or 10^4 Nm3")

    @field_validator("fuel")
    @classmethod
    def _fuel(cls, v: str) -> str:
        return known_fuel(v)


class UnitFuel(Row):
    """Fuel burned by a co-firing power unit in a month (formula 3)."""

    unit_id: UnitId
    month: Month
    fuel: str = col("燃料品种", "fuel")
    quantity: Quantity = col("消耗量", "consumption", "t or 10^4 Nm3")

    @field_validator("fuel")
    @classmethod
    def _fuel(cls, v: str) -> str:
        return known_fuel(v)


class SteelReport(QualityRecords):
    """One iron & steel entity's data for one data year (the annual emission report's inputs)."""

    schema_version: Literal["steel/1"] = "steel/1"
    sector: Literal["steel"] = "steel"
    year: int = col("数据年度", "data year", le=2030)
    entity: SteelEntity
    processes: list[Process] = Field(default_factory=list)
    power_units: list[PowerUnit] = Field(default_factory=list)
    fuels: list[FuelFlow] = Field(default_factory=list)
    ncv_samples: list[SteelNcvSample] = Field(default_factory=list)
    materials: list[MaterialUse] = Field(default_factory=list)
    products: list[ProductOutput] = Field(min_length=1)
    process_flows: list[ProcessFlow] = Field(default_factory=list)
    unit_fuels: list[UnitFuel] = Field(default_factory=list)

    @property
    def fuel_use(self) -> tuple[FuelUse, ...]:
        """The shared industrial fuel table: steel keeps its fuels in its own balance tables."""
        return ()


def _by_zh(value: str, table: dict[str, Code]) -> str:
    """A code from its code or Chinese name; anything else is kept as written (materials not in
    table A.2 are reported, not accounted)."""
    value = value.strip()
    by_zh = {c.zh: c.code for c in table.values()}
    return by_zh.get(value, value.lower() if value.lower() in table else value)


TABLES: dict[str, type[Row]] = {
    "entity": SteelEntity,
    "processes": Process,
    "power_units": PowerUnit,
    "fuels": FuelFlow,
    "ncv_samples": SteelNcvSample,
    "materials": MaterialUse,
    "products": ProductOutput,
    "process_flows": ProcessFlow,
    "unit_fuels": UnitFuel,
    **QUALITY_TABLES,
}
"""The tables of the input, in the order of the workbook's sheets."""

TABLE_LABELS: dict[str, tuple[str, str]] = {
    "entity": ("企业信息", "entity"),
    "processes": ("工序信息", "processes"),
    "power_units": ("自备电厂机组", "co-firing power units"),
    "fuels": ("化石燃料购销存（月度）", "monthly purchased fossil fuels"),
    "ncv_samples": ("低位发热量实测", "measured net calorific values"),
    "materials": (
        "碳酸盐、电极及外购含碳原料（月度）",
        "monthly carbonates, electrodes, materials",
    ),
    "products": ("粗钢及外销含碳产品（月度）", "monthly crude steel and sold products"),
    "process_flows": ("工序燃料输入输出（月度）", "monthly process fuel inputs and outputs"),
    "unit_fuels": ("机组燃料消耗（月度）", "monthly fuel of power units"),
    **QUALITY_TABLE_LABELS,
}
