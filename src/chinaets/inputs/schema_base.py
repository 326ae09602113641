"""Building blocks of every sector's input schema: rows, bilingual fields, the entity.

A field made with `col()` carries its unit and its Chinese and English labels, which the
template, the docs and the error messages use; `bilingual_error` raises a validation error
that the loaders turn into a located, two-language `Problem`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from chinaets.core.china import normalise_province
from chinaets.core.ids import credit_code_fault


def bilingual_error(
    en: str, zh: str, fix_en: str = "", fix_zh: str = "", field: str = ""
) -> PydanticCustomError:
    """A validation error whose message the loaders split back into zh-CN and English.

    A model validator (which sees the whole row) names the `field` the error is about."""
    return PydanticCustomError(
        "chinaets", "{en}\x1f{zh}\x1f{fix_en}\x1f{fix_zh}",
        {"en": en, "zh": zh, "fix_en": fix_en, "fix_zh": fix_zh, "field": field},
    )  # fmt: skip


def col(zh: str, en: str, unit: str = "", **kw: Any) -> Any:
    """A field with its bilingual labels and unit, for templates and docs."""
    return Field(json_schema_extra={"zh": zh, "en": en, "unit": unit}, **kw)


Month = Annotated[int, col("月份", "month", "1-12", ge=1, le=12)]
NonNegative = Annotated[float, Field(ge=0, allow_inf_nan=False)]
Percent = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]


class Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Entity(Row):
    """The covered entity (重点排放单位), keyed by its unified social credit code."""

    credit_code: str = col("统一社会信用代码", "unified social credit code")
    name: str = col("企业名称", "entity name", min_length=1)
    province: str = col("省份", "province")

    @field_validator("credit_code")
    @classmethod
    def _credit_code(cls, v: str) -> str:
        fault = credit_code_fault(v.upper())
        if fault:
            raise bilingual_error(
                f"unified social credit code {fault[0]}",
                f"统一社会信用代码无效：{fault[1]}",
                "copy the 18-character code from the business licence",
                "请按营业执照填写18位代码",
            )
        return v.upper()

    @field_validator("province")
    @classmethod
    def _province(cls, v: str) -> str:
        name = normalise_province(v)
        if name is None:
            raise bilingual_error(
                f"'{v}' is not a province of mainland China",
                f"'{v}' 不是中国大陆省级行政区",
                "write the province in Chinese (e.g. 山东) or English (e.g. Shandong)",
                "请填写省份中文名（如 山东）或英文名（如 Shandong）",
            )
        return name


@dataclass(frozen=True)
class Issue:
    """A problem across rows, located like pydantic locates its errors: ('table', row, 'field')."""

    loc: tuple[str | int, ...]
    en: str
    zh: str
    fix_en: str = ""
    fix_zh: str = ""
