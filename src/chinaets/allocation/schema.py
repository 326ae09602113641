"""Input of an allocation run when it does not come straight from an MRV report: per unit (power)
or per line/process (cement, aluminium, steel), the output and verified emissions the plan uses.

The same model validates worked cases, ``chinaets allocate`` files and the API; errors come back
located and bilingual through `chinaets.inputs.tables.validate`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from chinaets.allocation.methods import METHODS
from chinaets.inputs.schema_base import Entity, Row, bilingual_error, col
from chinaets.mrv.power.schema import fuels
from chinaets.mrv.sectors import SectorName, default_sector, get_sector

SCHEMA_VERSION = "allocation/1"

Category = Literal["I", "II", "III", "IV"]
Share = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
Tonnes = Annotated[float, Field(ge=0, allow_inf_nan=False)]
UnitCondition = Literal[
    "special_fossil_fuel_only",
    "own_waste_gas_only",
    "coal_to_gas_conversion",
    "oil_igcc_internal_combustion",
    "emergency_reserve",
    "new_unit",
    "closed_before_final",
    "heat_only_isolated",
]
AdjustmentKind = Literal[
    "borrowed", "penalty_deduction", "unpaid_surrender", "falsification_cut", "other"
]


class PowerUnitOutput(Row):
    """One generating unit: what it is, what it produced and emitted in the data year."""

    unit_id: str = col("机组编号", "unit id", min_length=1, max_length=64)
    rated_mw: float = col("额定功率", "rated power", "MW", gt=0, le=2000)
    main_fuel: str = col("主要燃料", "main fuel")
    category: Category | None = col(
        "机组类别（已认定时）", "category, if already decided", default=None
    )
    unit_type: Literal["condensing", "chp"] = col(
        "机组类型", "condensing or CHP", default="condensing"
    )
    cfb: bool = col("是否循环流化床", "circulating fluidised bed", default=False)
    cooling: Literal["water", "air"] = col("冷却方式", "cooling", default="water")
    generation_mwh: Tonnes = col("发电量", "generation", "MWh")
    supplied_mwh: Tonnes | None = col("供电量", "supplied electricity", "MWh", default=None)
    heat_supplied_gj: Tonnes = col("供热量", "heat supplied", "GJ", default=0.0)
    heat_ratio: Share | None = col("供热比", "heat-supply ratio", "0-1", default=None)
    running_hours: Annotated[float, Field(ge=0, le=8784)] | None = col(
        "运行小时数", "running hours", "h", default=None
    )
    load_factor: Annotated[float, Field(ge=0, le=1.2)] | None = col(
        "负荷（出力）系数", "load factor", "0-1", default=None
    )
    verified_tco2: Tonnes = col("机组核查排放量", "unit verified emissions", "tCO2")
    unconventional_heat_share: Share | None = col(
        "非常规燃料热量占比", "unconventional-fuel heat share", "0-1", default=None
    )
    biomass_heat_share: Share = col("生物质掺烧热量占比", "biomass heat share", "0-1", default=0.0)
    secondary_energy_share: Share = col(
        "自产二次能源热量占比", "self-produced secondary energy share", "0-1", default=0.0
    )
    hydrogen_ammonia_share: Share = col(
        "绿氢/绿氨掺烧热量占比", "green hydrogen/ammonia share", "0-1", default=0.0
    )
    conditions: list[UnitCondition] = col("特殊情形", "special conditions", default=[])
    prev_verified_tco2: Tonnes | None = col(
        "上年度核查排放量", "previous-year verified emissions", "tCO2", default=None
    )
    prev_output_mwh: Tonnes | None = col(
        "上年度供电量", "previous-year supplied electricity", "MWh", default=None
    )
    prev_heat_gj: Tonnes | None = col("上年度供热量", "previous-year heat", "GJ", default=None)

    @model_validator(mode="after")
    def _known_fuel(self) -> PowerUnitOutput:
        if self.main_fuel not in fuels():
            raise bilingual_error(
                f"'{self.main_fuel}' is not a fuel of the power guideline",
                f"'{self.main_fuel}' 不是发电设施指南中的燃料品种",
                f"use one of: {', '.join(fuels())}",
                "请使用指南中的燃料代码",
                field="main_fuel",
            )
        return self


class IndustryLine(Row):
    """A cement clinker line, an aluminium electrolysis process or a steel enterprise."""

    line_id: str = col("生产线/工序编号", "line or process id", min_length=1, max_length=64)
    verified_tco2: Tonnes = col("核查排放量", "verified emissions", "tCO2")
    output_t: Annotated[float, Field(gt=0, allow_inf_nan=False)] = col(
        "产品产量", "output (clinker, crude steel, aluminium liquid)", "t"
    )
    balance_value: Annotated[float, Field(gt=0)] | None = col(
        "平衡值（覆盖参数）", "balance value override", "tCO2/t", default=None
    )
    white_clinker_only: bool = col("仅生产白色硅酸盐熟料", "white clinker only", default=False)
    carbide_slag_rate: Share = col("电石渣替代率", "carbide-slag substitution", "0-1", default=0.0)
    gypsum_acid_coproduct: bool = col("石膏制硫酸联产", "gypsum–sulphuric acid", default=False)
    new_line: bool = col("当年新投产", "commissioned in the year", default=False)
    closed_before_final: bool = col("核定前关停", "closed before allocation", default=False)
    prev_verified_tco2: Tonnes | None = col(
        "上年度核查排放量", "previous-year verified emissions", "tCO2", default=None
    )


class Adjustment(Row):
    """A deduction from the year's issuance: borrowed (预支) allowances, penalty deductions …"""

    kind: AdjustmentKind = col("调整类型", "kind")
    tco2: Annotated[int, Field(ge=0)] = col("数量", "quantity", "tCO2")
    note: str = col("依据", "basis", default="")


class AllocationInput(Row):
    """One entity's allocation input for one data year."""

    schema_version: Literal["allocation/1"] = "allocation/1"
    sector: SectorName = col(
        "行业（`chinaets sectors`）", "sector (`chinaets sectors`)", default_factory=default_sector
    )
    year: int = col("数据年度", "data year", ge=2000, le=2100)
    entity: Entity
    verified_tco2: Tonnes | None = col(
        "企业核查排放量（履约口径）", "entity verified emissions", "tCO2", default=None
    )
    units: list[PowerUnitOutput] = Field(default_factory=list)
    lines: list[IndustryLine] = Field(default_factory=list)
    pre_allocated_tco2: Annotated[int, Field(ge=0)] | None = col(
        "已预分配量", "already pre-allocated", "tCO2", default=None
    )
    adjustments: list[Adjustment] = Field(default_factory=list)

    @model_validator(mode="after")
    def _units_or_lines(self) -> AllocationInput:
        spec = get_sector(self.sector)
        if spec.allocation is None:
            raise bilingual_error(
                f"the {spec.name} sector reports its emissions but is not allocated yet",
                f"{spec.zh}行业目前仅报告排放，尚未纳入配额分配",
                "allocate a sector of the national market",
                "请选择已纳入全国碳市场的行业",
                field="sector",
            )
        name = METHODS[spec.allocation].table
        rows = self.units if name == "units" else self.lines
        if not rows:
            raise bilingual_error(
                f"a {self.sector} allocation needs at least one row in '{name}'",
                f"{self.sector} 行业配额分配至少需要一条 '{name}' 记录",
                f"add the {name} with their output and verified emissions",
                "请补充机组或生产线的产量与核查排放量",
                field=name,
            )
        return self
