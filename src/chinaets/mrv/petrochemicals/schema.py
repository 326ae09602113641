"""Input schema of a petrochemical enterprise's data year (中国石油化工企业温室气体排放核算方法与
报告指南（试行）; GB/T 32151.15-2023; rules reference reporting-sectors.md §3).

Facilities are the refineries and chemical units of the supplementary table (炼厂编号). Besides
the common tables: flares, catalyst regeneration (FCC, cokers, reformers), hydrogen plants, coke
calcining, asphalt blowing, ethylene furnace decoking, ethylene oxide / glycol and CO2 recovered."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from chinaets.mrv.ndrc.schema import (
    COMMON_TABLE_LABELS,
    COMMON_TABLES,
    CO2Recovery,
    FacilityId,
    NonNegative,
    Percent,
    ReportingEntity,
    ReportingReport,
    Row,
    bilingual_error,
    col,
)

PRODUCTS: dict[str, tuple[str, str, str]] = {
    "crude_throughput": ("原油加工量", "crude oil processed", "t"),
    "ethylene": ("乙烯", "ethylene", "t"),
    "other_petrochemical": ("其他石化产品", "other petrochemical products", "t"),
}
"""Products: code -> (zh, en, unit). Denominator: crude processed (refineries) or ethylene
(crackers) — UNCERTAIN (CWT is the alternative; T20XX's product row was not visible)."""

FLARE_CARBON = {"ch4_pct": 1, "c2_pct": 2, "c3_pct": 3, "c4_pct": 4, "c5_plus_pct": 5}
"""Carbon atoms per molecule of the flare gas components (C5+ counted as 5)."""


class PetroEntity(ReportingEntity):
    sector: Literal["petrochemicals"] = col(
        "行业（petrochemicals）", "sector", default="petrochemicals"
    )


class Flare(Row):
    """A flare in the year: normal flaring (gas volume, carbon from analysis or composition) or
    an accident (flow rate × hours × carbon atoms)."""

    unit_id: FacilityId
    kind: Literal["normal", "accident"] = col(
        "火炬类型（正常/事故）", "normal or accident", default="normal"
    )
    system: Literal["refinery", "chemical"] = col(
        "系统（炼油/化工）", "refinery or chemical system", default="refinery"
    )
    gas_10k_nm3: NonNegative = col(
        "火炬气流量（正常）", "gas flared (normal)", "10^4 Nm3", default=0.0
    )
    carbon_t_per_10k_nm3: float | None = col(
        "除CO2外含碳量（实测）",
        "carbon in non-CO2 components, measured",
        "tC/10^4 Nm3",
        default=None,
        ge=0,
        le=50,
        allow_inf_nan=False,
    )
    ch4_pct: Percent = col("CH4体积分数", "CH4", "% vol", default=0.0)
    c2_pct: Percent = col("C2体积分数", "C2 hydrocarbons", "% vol", default=0.0)
    c3_pct: Percent = col("C3体积分数", "C3 hydrocarbons", "% vol", default=0.0)
    c4_pct: Percent = col("C4体积分数", "C4 hydrocarbons", "% vol", default=0.0)
    c5_plus_pct: Percent = col("C5+体积分数", "C5+ hydrocarbons", "% vol", default=0.0)
    co2_pct: Percent = col("CO2体积分数", "CO2", "% vol", default=0.0)
    rate_10k_nm3_h: NonNegative = col(
        "事故火炬气流量", "accident flare flow", "10^4 Nm3/h", default=0.0
    )
    hours: NonNegative = col("事故持续时间", "accident duration", "h", default=0.0)
    carbon_atoms: float | None = col(
        "平均碳原子数（空=缺省）",
        "mean carbon atoms per molecule (blank = default)",
        default=None,
        gt=0,
        le=10,
    )

    @model_validator(mode="after")
    def _composition(self) -> Flare:
        total = sum(getattr(self, k) for k in FLARE_CARBON) + self.co2_pct
        if total > 100.0001:
            raise bilingual_error(
                f"the flare gas components add up to {total:g} % (over 100 %)",
                f"火炬气组分合计 {total:g}%（超过100%）",
                "give each component's volume share in percent of the gas",
                "请按体积百分比填写各组分",
                field="ch4_pct",
            )
        return self


class Regeneration(Row):
    """Catalyst regeneration or coke burn-off of a unit in the year: continuous (FCC, coker,
    continuous reformer: coke burnt × carbon × OF) or periodic (catalyst × carbon before/after)."""

    unit_id: FacilityId
    unit_kind: Literal["fcc", "coker", "continuous", "periodic"] = col(
        "装置类型（催化裂化/焦化/连续再生/间歇再生）", "unit kind"
    )
    coke_burnt_t: NonNegative = col("烧焦量", "coke burnt off", "t", default=0.0)
    coke_carbon_pct: Percent | None = col(
        "焦炭含碳量（空=缺省）", "carbon in the coke (blank = default)", "%", default=None
    )
    catalyst_t: NonNegative = col(
        "催化剂量（间歇再生）", "catalyst regenerated (periodic)", "t", default=0.0
    )
    carbon_before_pct: Percent = col(
        "再生前催化剂含碳量", "carbon on catalyst before", "%", default=0.0
    )
    carbon_after_pct: Percent = col(
        "再生后催化剂含碳量", "carbon on catalyst after", "%", default=0.0
    )


class HydrogenPlant(Row):
    """A hydrogen plant's carbon balance in the year (feed in, syngas and residue out)."""

    unit_id: FacilityId
    feed_t: NonNegative = col("原料投入量", "feed", "t")
    feed_carbon_t_per_t: float = col("原料含碳量", "carbon in the feed", "tC/t", ge=0, le=1)
    syngas_10k_nm3: NonNegative = col("合成气产量", "syngas out", "10^4 Nm3", default=0.0)
    syngas_carbon_t_per_10k_nm3: float = col(
        "合成气含碳量", "carbon in the syngas", "tC/10^4 Nm3", default=0.0, ge=0, le=10
    )
    residue_t: NonNegative = col("残渣量", "residue out", "t", default=0.0)
    residue_carbon_t_per_t: float = col(
        "残渣含碳量", "carbon in the residue", "tC/t", default=0.0, ge=0, le=1
    )


class CokeCalcining(Row):
    """Petroleum coke calcining in the year (green coke in, calcined coke and dust out)."""

    unit_id: FacilityId
    green_coke_t: NonNegative = col("生焦投入量", "green coke in", "t")
    green_carbon_pct: Percent = col("生焦含碳量", "carbon in the green coke", "%")
    product_t: NonNegative = col("煅烧焦产量", "calcined coke out", "t")
    dust_t: NonNegative = col("粉尘量", "dust out", "t", default=0.0)
    product_carbon_pct: Percent = col("煅烧焦含碳量", "carbon in the calcined coke", "%")


class Asphalt(Row):
    """Oxidised (blown) asphalt made in the year."""

    unit_id: FacilityId
    quantity_t: NonNegative = col("氧化沥青产量", "oxidised asphalt", "t")


class Decoking(Row):
    """Ethylene cracking furnace decoking in the year."""

    unit_id: FacilityId
    offgas_nm3_h: NonNegative = col("烧焦尾气流量", "decoking off-gas flow", "Nm3/h")
    hours: NonNegative = col("烧焦时间", "decoking time", "h")
    co2_pct: Percent = col("尾气CO2体积分数", "CO2 in the off-gas", "% vol")
    co_pct: Percent = col("尾气CO体积分数", "CO in the off-gas", "% vol", default=0.0)


class EthyleneOxide(Row):
    """An ethylene oxide / glycol unit in the year (ethylene in, ethylene oxide made)."""

    unit_id: FacilityId
    ethylene_t: NonNegative = col("乙烯投入量", "ethylene in", "t")
    eo_t: NonNegative = col("环氧乙烷产量（当量）", "ethylene oxide made (equivalent)", "t")


class PetroReport(ReportingReport):
    """One petrochemical enterprise's data for one data year."""

    schema_version: Literal["petrochemicals/1"] = "petrochemicals/1"
    sector: Literal["petrochemicals"] = "petrochemicals"
    entity: PetroEntity
    flares: list[Flare] = Field(default_factory=list)
    regeneration: list[Regeneration] = Field(default_factory=list)
    hydrogen_plants: list[HydrogenPlant] = Field(default_factory=list)
    coke_calcining: list[CokeCalcining] = Field(default_factory=list)
    asphalt: list[Asphalt] = Field(default_factory=list)
    decoking: list[Decoking] = Field(default_factory=list)
    ethylene_oxide: list[EthyleneOxide] = Field(default_factory=list)
    co2_recovery: list[CO2Recovery] = Field(default_factory=list)


PROCESS_TABLES: dict[str, type[Row]] = {
    "flares": Flare,
    "regeneration": Regeneration,
    "hydrogen_plants": HydrogenPlant,
    "coke_calcining": CokeCalcining,
    "asphalt": Asphalt,
    "decoking": Decoking,
    "ethylene_oxide": EthyleneOxide,
    "co2_recovery": CO2Recovery,
}
TABLES: dict[str, type[Row]] = {"entity": PetroEntity, **COMMON_TABLES, **PROCESS_TABLES}
TABLE_LABELS: dict[str, tuple[str, str]] = {
    **COMMON_TABLE_LABELS,
    "facilities": ("炼厂/化工装置", "refineries and chemical units"),
    "flares": ("火炬燃烧", "flares"),
    "regeneration": ("催化剂烧焦再生", "catalyst regeneration"),
    "hydrogen_plants": ("制氢装置", "hydrogen plants"),
    "coke_calcining": ("石油焦煅烧", "coke calcining"),
    "asphalt": ("氧化沥青", "asphalt blowing"),
    "decoking": ("乙烯裂解炉烧焦", "ethylene furnace decoking"),
    "ethylene_oxide": ("乙二醇/环氧乙烷", "ethylene oxide and glycol"),
}
