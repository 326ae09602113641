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


PlantScope = Literal["allocated", "eaf_only", "rolling_only", "foundry_iron"]
ClinkerType = Literal["portland", "white_portland", "sulphoaluminate", "aluminate", "other"]
Positive = Annotated[float, Field(gt=0, allow_inf_nan=False)]


class IndustryLine(Row):
    """A cement clinker line, an aluminium electrolysis process or a steel enterprise, with the
    boundary data of D25 Tables 2-2…2-4 that its intensity and special cases need."""

    line_id: str = col("生产线/工序编号", "line or process id", min_length=1, max_length=64)
    verified_tco2: Tonnes = col(
        "核查排放量（分配口径）", "verified emissions (allocation perimeter)", "tCO2e"
    )
    output_t: Positive = col(
        "产品产量（熟料、粗钢、铝液）", "output (clinker, crude steel, aluminium liquid)", "t"
    )
    balance_value: Positive | None = col(
        "行业平衡值（管理平台公布）", "sector balance value, as published", "tCO2e/t", default=None
    )
    # steel (Table 2-2): X uses Is = (Eb + Et) / Qb
    ironmaking_output_t: Positive | None = col(
        "炼铁工序产品产量", "ironmaking-process output", "t", default=None
    )
    ironmaking_tco2: Tonnes | None = col(
        "炼铁工序碳排放量", "ironmaking-process emissions", "tCO2e", default=None
    )
    sintering_tco2: Tonnes | None = col(
        "烧结工序碳排放量", "sintering-process emissions", "tCO2e", default=None
    )
    plant_scope: PlantScope = col(
        "企业类型（是否纳入分配）",
        "allocated plant or a stand-alone EAF / rolling / foundry plant",
        default="allocated",
    )
    hydrogen_rich_oxygen_bf: bool = col(
        "富氢碳循环氧气高炉", "hydrogen-rich carbon-cycle oxygen blast furnace", default=False
    )
    # aluminium (Table 2-4): ⑤ = ② anode (energy as raw material) + ③ anode effect; fuel is outside
    anode_tco2: Tonnes | None = col(
        "能源作为原材料用途的排放量",
        "anode (energy as raw material) emissions",
        "tCO2e",
        default=None,
    )
    anode_effect_tco2e: Tonnes | None = col(
        "阳极效应排放量", "anode-effect PFC emissions", "tCO2e", default=None
    )
    fuel_tco2: Tonnes | None = col(
        "化石燃料燃烧排放量（报告，不计入铝电解分配口径）",
        "fuel combustion (reported)",
        "tCO2e",
        default=None,
    )
    # cement (Table 2-3)
    clinker_type: ClinkerType = col("熟料品种", "clinker type", default="portland")
    white_clinker_only: bool = col("仅生产白色硅酸盐熟料", "white clinker only", default=False)
    carbide_slag_t: Tonnes | None = col(
        "经核查的电石渣消耗量", "carbide slag consumed", "t", default=None
    )
    carbide_slag_deduction_factor: Tonnes | None = col(
        "电石渣的扣减系数", "carbide-slag deduction factor", "tCO2/t", default=None
    )
    clinker_process_ef: Positive | None = col(
        "熟料的过程排放因子", "clinker process emission factor", "tCO2/t", default=None
    )
    carbide_slag_rate: Share = col(
        "电石渣替代率（已算出时）",
        "carbide-slag substitution rate, if computed",
        "0-1",
        default=0.0,
    )
    gypsum_acid_coproduct: bool = col("石膏制硫酸联产", "gypsum–sulphuric acid", default=False)
    new_line: bool = col("当年新投产", "commissioned in the year", default=False)
    closed_before_final: bool = col("核定前关停", "closed before allocation", default=False)
    prev_verified_tco2: Tonnes | None = col(
        "上年度核查排放量", "previous-year verified emissions", "tCO2", default=None
    )

    @model_validator(mode="after")
    def _perimeter_adds_up(self) -> IndustryLine:
        """Table 2-4 note 2: ⑤ = ② + ③. A verified figure that includes fuel combustion is the
        enterprise's, not the electrolysis perimeter's."""
        if self.anode_tco2 is None or self.anode_effect_tco2e is None:
            return self
        perimeter = self.anode_tco2 + self.anode_effect_tco2e
        if abs(perimeter - self.verified_tco2) > 1:
            raise bilingual_error(
                f"verified_tco2 {self.verified_tco2:,.0f} is not anode {self.anode_tco2:,.0f} + "
                f"anode effect {self.anode_effect_tco2e:,.0f} = {perimeter:,.0f} (fuel combustion "
                "is reported but outside the electrolysis perimeter)",
                f"核查排放量 {self.verified_tco2:,.0f} 不等于能源作为原材料用途的排放量与阳极效应排放量之和 "
                f"{perimeter:,.0f}（化石燃料燃烧排放不计入铝电解工序分配口径）",
                "give verified_tco2 = anode_tco2 + anode_effect_tco2e",
                "请按 ⑤ = ② + ③ 填写核查排放量",
                field="verified_tco2",
            )
        return self

    @property
    def carbide_slag_share(self) -> float:
        """D25 Table 2-3 note 5: (slag × deduction factor) / (clinker × clinker process EF); the
        given rate where the quantities are not given."""
        slag, factor, ef = (
            self.carbide_slag_t,
            self.carbide_slag_deduction_factor,
            self.clinker_process_ef,
        )
        if slag is None or factor is None or ef is None:
            return self.carbide_slag_rate
        return slag * factor / (self.output_t * ef)


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
    pre_allocation_share: Share | None = col(
        "预分配比例（省级确定，不超过方案上限）",
        "pre-allocation share set by the province",
        "0-1",
        default=None,
    )
    balance_value: Positive | None = col(
        "行业平衡值（管理平台公布）", "sector balance value, as published", "tCO2e/t", default=None
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
