"""Input schema of a civil aviation enterprise's data year (中国民用航空企业温室气体排放核算方法与
报告指南（试行）; GB/T 32151.6-2015; rules reference reporting-sectors.md §8).

An airline reports its flights by aircraft type and scope (domestic / international /
HK-Macao-Taiwan), with APU fuel on the ground included; an airport reports its ground sources,
throughput and buildings. Both report ground fuels, electricity and heat in the common tables.
Facilities: the fleet (机队) and ground bases of an airline, the terminals of an airport."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import Field, field_validator

from chinaets.mrv.ndrc.schema import (
    COMMON_TABLE_LABELS,
    COMMON_TABLES,
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
    "airport_throughput": ("货邮吞吐量（折算）", "airport throughput", "t"),
}
"""Airports' denominator; an airline's is the transport turnover of its domestic flights."""
JET_FUELS: dict[str, tuple[str, str]] = {
    "jet_kerosene": ("航空煤油", "jet kerosene"),
    "aviation_gasoline": ("航空汽油", "aviation gasoline"),
}
Scope = Literal["domestic", "international", "regional"]
SCOPES: dict[str, tuple[str, str]] = {
    "domestic": ("国内航段", "domestic"),
    "international": ("国际航段", "international"),
    "regional": ("港澳台航段", "Hong Kong, Macao, Taiwan"),
}


@cache
def aircraft_classes() -> dict[str, dict[str, object]]:
    text = (Path(__file__).parent / "aircraft_classes.yaml").read_text(encoding="utf-8")
    return dict(yaml.safe_load(text))


@cache
def class_of_type() -> dict[str, str]:
    return {
        str(t).upper(): cls
        for cls, spec in aircraft_classes().items()
        for t in spec["types"]  # type: ignore[attr-defined]
    }


class AviationEntity(ReportingEntity):
    sector: Literal["aviation"] = col("行业（aviation）", "sector", default="aviation")
    operator_kind: Literal["airline", "airport"] = col(
        "企业类型（航空公司/机场）", "airline or airport", default="airline"
    )


class Flights(Row):
    """Fuel burned in flight (APU on the ground included, maintenance excluded) by aircraft type
    and scope in the year, with the transport turnover flown."""

    unit_id: FacilityId
    aircraft_type: str = col("机型", "aircraft type (e.g. A320, B737, ARJ21)")
    scope: Scope = col("航段（国内/国际/港澳台）", "scope", default="domestic")
    fuel: str = col("燃料", "fuel (jet_kerosene, aviation_gasoline)", default="jet_kerosene")
    fuel_t: NonNegative = col("燃油消耗量（含APU）", "fuel burned incl. APU", "t")
    turnover_10k_tkm: NonNegative = col(
        "运输周转量", "transport turnover", "10^4 t·km", default=0.0
    )
    biofuel_share_pct: Percent = col(
        "生物质掺混比例", "share of blended bio-jet fuel", "%", default=0.0
    )
    excluded: bool = col(
        "是否为排除航班（国事/军事/救援/试飞/调机/返航等）",
        "excluded flights (state, military, humanitarian, test, positioning, returns)",
        default=False,
    )

    @field_validator("aircraft_type")
    @classmethod
    def _type(cls, v: str) -> str:
        if v.strip().upper() not in class_of_type():
            raise bilingual_error(
                f"'{v}' is not an aircraft type of the supplementary table's classes",
                f"'{v}' 不是补充数据表机型分类中的机型",
                f"use one of: {', '.join(class_of_type())}",
                f"请使用：{'、'.join(class_of_type())}",
            )
        return v.strip().upper()

    @field_validator("fuel")
    @classmethod
    def _fuel(cls, v: str) -> str:
        by_zh = {zh: code for code, (zh, _) in JET_FUELS.items()}
        code = by_zh.get(v.strip(), v.strip().lower())
        if code not in JET_FUELS:
            raise bilingual_error(
                f"'{v}' is not an aviation fuel",
                f"'{v}' 不是航空燃料",
                "use jet_kerosene or aviation_gasoline",
                "请填写 航空煤油 或 航空汽油",
            )
        return code

    @property
    def aircraft_class(self) -> str:
        return class_of_type()[self.aircraft_type]


class Building(Row):
    """A terminal or office building of an airport (floor area, in service since)."""

    unit_id: FacilityId
    building: str = col("建筑名称", "building", min_length=1)
    floor_area_10k_m2: float = col("建筑面积", "floor area", "10^4 m2", gt=0, le=200)
    commissioned_on: dt.date = col("投运日期", "in service since", "YYYY-MM-DD")


class AviationReport(ReportingReport):
    """One civil aviation enterprise's data for one data year."""

    schema_version: Literal["aviation/1"] = "aviation/1"
    sector: Literal["aviation"] = "aviation"
    entity: AviationEntity
    flights: list[Flights] = Field(default_factory=list)
    buildings: list[Building] = Field(default_factory=list)


TABLES: dict[str, type[Row]] = {
    "entity": AviationEntity,
    **COMMON_TABLES,
    "flights": Flights,
    "buildings": Building,
}
TABLE_LABELS: dict[str, tuple[str, str]] = {
    **COMMON_TABLE_LABELS,
    "facilities": ("机队/基地/航站楼", "fleet, bases, terminals"),
    "fuel_use": ("地面化石燃料消耗", "ground fossil fuel use"),
    "flights": ("航空器飞行活动（按机型、航段）", "flights by aircraft type and scope"),
    "buildings": ("机场建筑（航站楼/办公楼）", "airport buildings"),
}
