"""Input schema of a cement clinker entity's data year (CETS-AG-02.01-V01-2024; for data years
before 2024 the 2013 NDRC guideline's composition method).

One model drives the JSON, CSV and Excel loaders, the template, the JSON Schema and the format
docs. Tables are the sheets of the workbook and the files of a CSV folder; the key of a clinker
production line is ``unit_id``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field, field_validator, model_validator

from chinaets.mrv.industry.schema import (
    QUALITY_TABLE_LABELS,
    QUALITY_TABLES,
    FuelUse,
    IndustryEntity,
    Month,
    NcvSample,
    NonNegative,
    Percent,
    QualityRecords,
    Row,
    UnitId,
    bilingual_error,
    col,
)

SCHEMA_VERSION = "cement/1"

ClinkerType = Literal["portland", "white_portland", "sulphoaluminate", "aluminate"]
CLINKER_TYPES: dict[str, tuple[str, str]] = {
    "portland": ("硅酸盐水泥熟料", "Portland clinker"),
    "white_portland": ("白色硅酸盐水泥熟料", "white Portland clinker"),
    "sulphoaluminate": ("硫（铁）铝酸盐水泥熟料", "sulpho(ferro)aluminate clinker"),
    "aluminate": ("铝酸盐水泥熟料", "aluminate clinker"),
}

PLAN_PARAMETERS = (
    "fuel_quantity",
    "ncv",
    "clinker_output",
    "alt_raw_material",
    "clinker_cao",
    "clinker_mgo",
    "noncarbonate_cao",
    "noncarbonate_mgo",
    "kiln_head_dust",
    "bypass_dust",
)
"""Parameters a cement control plan may name."""


class Material(BaseModel):
    code: str
    zh: str
    en: str


@cache
def materials() -> dict[str, Material]:
    """Alternative raw materials of the deduction table, by code."""
    raw = yaml.safe_load((Path(__file__).parent / "materials.yaml").read_text(encoding="utf-8"))
    return {code: Material(code=code, **spec) for code, spec in raw.items()}


class CementEntity(IndustryEntity):
    """The covered entity (重点排放单位), keyed by its unified social credit code."""

    sector: Literal["cement"] = col("行业（cement）", "sector", default="cement")


class Line(Row):
    """A clinker production line (熟料生产线): the unit of accounting and of allocation."""

    unit_id: UnitId
    capacity_t_per_day: float = col(
        "设计熟料产能", "design clinker capacity", "t/d", gt=0, le=20000
    )
    kiln: Literal["new_dry_process", "other"] = col(
        "窑型（新型干法/其他）", "kiln type", default="new_dry_process"
    )


class ClinkerOutput(Row):
    """Clinker produced by a line in a month, by clinker type (report table: clinker output)."""

    unit_id: UnitId
    month: Month
    clinker_type: ClinkerType = col("熟料品种", "clinker type", default="portland")
    quantity_t: NonNegative = col("熟料产量", "clinker output", "t")
    source: Literal["measured", "calculated"] = col(
        "获取方式（实测/计算）", "how obtained", default="measured"
    )


class AltRawMaterial(Row):
    """A non-carbonate calcium/magnesium alternative raw material used by a line in a month."""

    unit_id: UnitId
    month: Month
    material: str = col("替代原料品种", "alternative raw material")
    quantity_t: NonNegative = col("使用量（干基）", "quantity used, dry basis", "t")
    source: Literal["measured", "calculated"] = col(
        "获取方式（实测/计算）", "how obtained", default="measured"
    )

    @field_validator("material")
    @classmethod
    def _material(cls, v: str) -> str:
        code = v.strip()
        if code.lower() in materials():
            return code.lower()
        by_zh = {m.zh: m.code for m in materials().values()}
        if code in by_zh:
            return by_zh[code]
        raise bilingual_error(
            f"'{code}' is not an alternative raw material of the deduction table",
            f"'{code}' 不是替代原料扣减系数表中的品种",
            f"use one of: {', '.join(materials())}",
            f"请使用：{'、'.join(m.zh for m in materials().values())}",
        )


class ClinkerComposition(Row):
    """Monthly clinker composition and kiln dust of a line: the inputs of the composition method
    (2013 NDRC guideline; data years before 2024)."""

    unit_id: UnitId
    month: Month
    cao_pct: Percent = col("熟料CaO含量", "CaO in clinker", "%")
    mgo_pct: Percent = col("熟料MgO含量", "MgO in clinker", "%")
    noncarbonate_cao_pct: Percent = col(
        "非碳酸盐CaO（折熟料）",
        "non-carbonate CaO from raw materials, per clinker",
        "%",
        default=0.0,
    )
    noncarbonate_mgo_pct: Percent = col(
        "非碳酸盐MgO（折熟料）",
        "non-carbonate MgO from raw materials, per clinker",
        "%",
        default=0.0,
    )
    kiln_head_dust_t: NonNegative = col("窑头粉尘量", "kiln-head dust", "t", default=0.0)
    bypass_dust_t: NonNegative = col("旁路放风粉尘量", "bypass dust", "t", default=0.0)

    @model_validator(mode="after")
    def _noncarbonate_within_total(self) -> ClinkerComposition:
        for oxide in ("cao", "mgo"):
            total, part = getattr(self, f"{oxide}_pct"), getattr(self, f"noncarbonate_{oxide}_pct")
            if part > total:
                name = oxide.replace("cao", "CaO").replace("mgo", "MgO")
                raise bilingual_error(
                    f"non-carbonate {name} ({part:g} %) exceeds the clinker's {name} ({total:g} %)",
                    f"非碳酸盐{name}（{part:g}%）大于熟料{name}含量（{total:g}%）",
                    f"non-carbonate {name} is the part of the clinker's {name} that came from "
                    "non-carbonate raw materials: it cannot exceed the total",
                    f"非碳酸盐{name}为熟料{name}中来自非碳酸盐原料的部分，不能超过总量",
                    field=f"noncarbonate_{oxide}_pct",
                )
        return self


class CementReport(QualityRecords):
    """One cement clinker entity's data for one data year."""

    schema_version: Literal["cement/1"] = "cement/1"
    sector: Literal["cement"] = "cement"
    year: int = col("数据年度", "data year", ge=2013, le=2030)
    entity: CementEntity
    lines: list[Line] = Field(min_length=1)
    fuel_use: list[FuelUse] = Field(default_factory=list)
    ncv_samples: list[NcvSample] = Field(default_factory=list)
    clinker_output: list[ClinkerOutput] = Field(min_length=1)
    alt_raw_materials: list[AltRawMaterial] = Field(default_factory=list)
    clinker_composition: list[ClinkerComposition] = Field(default_factory=list)


TABLES: dict[str, type[Row]] = {
    "entity": CementEntity,
    "lines": Line,
    "fuel_use": FuelUse,
    "ncv_samples": NcvSample,
    "clinker_output": ClinkerOutput,
    "alt_raw_materials": AltRawMaterial,
    "clinker_composition": ClinkerComposition,
    **QUALITY_TABLES,
}
"""The tables of the input, in the order of the workbook's sheets."""

TABLE_LABELS: dict[str, tuple[str, str]] = {
    "entity": ("企业信息", "entity"),
    "lines": ("熟料生产线", "clinker production lines"),
    "fuel_use": ("化石燃料消耗（月度）", "monthly fossil fuel use"),
    "ncv_samples": ("低位发热量实测", "measured calorific values"),
    "clinker_output": ("熟料产量（月度）", "monthly clinker output"),
    "alt_raw_materials": ("非碳酸盐替代原料（月度）", "monthly alternative raw materials"),
    "clinker_composition": ("熟料成分与粉尘（成分法）", "clinker composition and dust"),
    **QUALITY_TABLE_LABELS,
}
