"""Building blocks of every sector's input schema: rows, bilingual fields, the entity.

A field made with `col()` carries its unit and its Chinese and English labels, which the
template, the docs and the error messages use; `bilingual_error` raises a validation error
that the loaders turn into a located, two-language `Problem`.
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from chinaets.core.china import normalise_province
from chinaets.core.ids import credit_code_fault
from chinaets.core.terms import code_for


def bilingual_error(
    en: str, zh: str, fix_en: str = "", fix_zh: str = "", field: str = ""
) -> PydanticCustomError:
    """A validation error whose message the loaders split back into zh-CN and English.

    A model validator (which sees the whole row) names the `field` the error is about."""
    return PydanticCustomError(
        "chinaets", "{en}\x1f{zh}\x1f{fix_en}\x1f{fix_zh}",
        {"en": en, "zh": zh, "fix_en": fix_en, "fix_zh": fix_zh, "field": field},
    )  # fmt: skip


def col(zh: str, en: str, unit: str = "", terms: Mapping[str, str] | None = None, **kw: Any) -> Any:
    """A field with its bilingual labels and unit, for templates and docs. An enumerated field
    accepts the Chinese terms of its values (`chinaets.core.terms`); `terms` gives this field's
    own words where the shared ones would mislead."""
    extra: dict[str, Any] = {"zh": zh, "en": en, "unit": unit}
    if terms:
        extra["terms"] = dict(terms)
    return Field(json_schema_extra=extra, **kw)


def choices(model: type[BaseModel], key: str) -> tuple[tuple[str, ...], Mapping[str, str]]:
    """The codes an enumerated field takes (empty when it is not one) and its own terms."""
    field = model.model_fields[key]
    extra = field.json_schema_extra
    own = extra.get("terms") if isinstance(extra, dict) else None
    terms = {str(k): str(v) for k, v in own.items()} if isinstance(own, dict) else {}
    return _literal_codes(field.annotation), terms


def _literal_codes(annotation: Any) -> tuple[str, ...]:
    if get_origin(annotation) is Literal:
        return tuple(str(a) for a in get_args(annotation))
    if get_origin(annotation) in (Union, types.UnionType):
        return tuple(c for arg in get_args(annotation) for c in _literal_codes(arg))
    return ()


Month = Annotated[int, col("月份", "month", "1-12", ge=1, le=12)]
NonNegative = Annotated[float, Field(ge=0, allow_inf_nan=False)]
Percent = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]


class Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _codes_from_terms(cls, data: Any) -> Any:
        """Chinese terms (纯凝, 热电联产 …) and drop-down labels read as the codes they name."""
        enumerated = _enumerated_fields(cls)
        if not enumerated or not isinstance(data, dict):
            return data
        read = dict(data)
        for key, (codes, own) in enumerated.items():
            value = read.get(key)
            if isinstance(value, str) and value not in codes:
                read[key] = code_for(value, codes, own) or value
        return read


_ENUMERATED: dict[type[BaseModel], dict[str, tuple[tuple[str, ...], Mapping[str, str]]]] = {}


def _enumerated_fields(
    model: type[BaseModel],
) -> dict[str, tuple[tuple[str, ...], Mapping[str, str]]]:
    if model not in _ENUMERATED:  # once per row model: the loaders validate rows by thousands
        found = {key: choices(model, key) for key in model.model_fields}
        _ENUMERATED[model] = {key: c for key, c in found.items() if c[0]}
    return _ENUMERATED[model]


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
