"""Dated, cited parameters loaded from YAML.

One file holds one parameter (its name is the file stem)::

    description: Default carbon content per unit calorific value of coal
    description_zh: 燃煤单位热值含碳量缺省值
    unit: tC/GJ
    unit_zh: ...             # required when the unit has words ("working days": 工作日)
    index: [fuel]            # optional: the value is a table keyed by these dimensions
    values:
      2019-01-01:            # first day of the first data period the value applies to
        value: 0.03356
        reference: 企业温室气体排放核算方法与报告指南 发电设施（环办气候〔2021〕9号）
        uncertain: document text not read; value as restated by ...   # optional
        uncertain_zh: 未读到文件原文；取值据……转述                      # with every uncertain
        draft: true          # optional: taken from a consultation draft
      2023-01-01:            # a parameter can end: no value in force from this date
        ended: true
        reference: 国环规气候〔2024〕1号 (the factor is no longer part of the formula)

The loader rejects unknown keys, duplicate keys (a YAML mapping would silently keep the last),
two entries for the same date, bad dates, missing units and references, and tables whose shape
does not match ``index``, naming the file and the key.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from chinaets.core.errors import RulesError
from chinaets.core.labels import Lang, translated
from chinaets.core.yamlfile import DuplicateKey, UniqueKeyLoader

Value = float | int | bool | str | Mapping[str, Any]

_PARAMETER_KEYS = {
    "description", "description_zh", "unit", "unit_zh", "index", "values", "notes",
}  # fmt: skip
_REQUIRED_KEYS = {"description", "unit", "values"}
_VALUE_KEYS = {"value", "reference", "uncertain", "uncertain_zh", "draft", "ended"}


@dataclass(frozen=True)
class DatedValue:
    """A parameter value in force from `start` until the next value's start."""

    start: dt.date
    value: Value
    reference: str
    uncertain: str | None = None
    draft: bool = False
    ended: bool = False  # the parameter has no value from `start` on
    uncertain_zh: str | None = None

    def why_uncertain(self, lang: Lang) -> str:
        """Why the value is uncertain, as `lang` reads it ('' when it is not)."""
        return translated(self.uncertain or "", self.uncertain_zh or "", lang)


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    unit: str
    values: tuple[DatedValue, ...]
    description_zh: str = ""
    index: tuple[str, ...] = ()
    source_file: str = ""
    unit_zh: str = ""  # when the unit has words; a symbol (tCO2/MWh) reads the same in Chinese

    def unit_in(self, lang: Lang) -> str:
        """The unit as `lang` reads it."""
        return translated(self.unit, self.unit_zh, lang)

    def at(self, when: dt.date) -> DatedValue:
        """The value in force on `when`; a date before the first value is an error."""
        starts = [v.start for v in self.values]
        i = bisect_right(starts, when)
        if i == 0:
            raise RulesError(
                f"parameter {self.name} has no value in force on {when} (first value from "
                f"{self.values[0].start}) / 参数 {self.name} 在 {when} 没有有效值"
            )
        found = self.values[i - 1]
        if found.ended:
            raise RulesError(
                f"parameter {self.name} ended on {found.start} ({found.reference}) / "
                f"参数 {self.name} 自 {found.start} 起不再适用"
            )
        return found

    def in_force_on(self, when: dt.date) -> bool:
        i = bisect_right([v.start for v in self.values], when)
        return i > 0 and not self.values[i - 1].ended


@dataclass(frozen=True)
class UsedValue:
    """A value as a computation used it: the parameter, the cell of a table, and its source."""

    parameter: Parameter
    dated: DatedValue
    key: tuple[str, ...]
    value: Any

    @property
    def label(self) -> str:
        cell = "[" + ", ".join(self.key) + "]" if self.key else ""
        return f"{self.parameter.name}{cell}"


class ParametersAt:
    """All parameters of a set as in force on one date, looked up by name (and table keys)."""

    def __init__(self, parameter_set: ParameterSet, when: dt.date) -> None:
        self.when = when
        self._set = parameter_set
        # Accounting asks for the same few values once per fuel-month: look each up once.
        self._used: dict[tuple[str, ...], UsedValue] = {}

    def dated(self, name: str) -> DatedValue:
        return self._set[name].at(self.when)

    def used(self, name: str, *key: str) -> UsedValue:
        """Look a value up and keep where it came from, for traces."""
        cached = self._used.get((name, *key))
        if cached is None:
            parameter = self._set[name]
            dated = parameter.at(self.when)
            cached = UsedValue(parameter, dated, key, _cell(parameter, dated.value, key))
            self._used[(name, *key)] = cached
        return cached

    def __call__(self, name: str, *key: str) -> Any:
        return self.used(name, *key).value


def _cell(parameter: Parameter, value: Value, key: tuple[str, ...]) -> Any:
    if len(key) != len(parameter.index):
        raise RulesError(
            f"parameter {parameter.name} is indexed by {list(parameter.index)}, looked up with {key}"
        )
    cell: Any = value
    for dimension, k in zip(parameter.index, key, strict=True):
        if not isinstance(cell, Mapping) or k not in cell:
            choices = sorted(cell) if isinstance(cell, Mapping) else []
            raise RulesError(
                f"parameter {parameter.name} has no {dimension} '{k}' (known: {choices}) / "
                f"参数 {parameter.name} 中没有 {dimension} = '{k}'"
            )
        cell = cell[k]
    return cell


class ParameterSet(Mapping[str, Parameter]):
    """The parameters of one sector, by name."""

    def __init__(self, parameters: Mapping[str, Parameter]) -> None:
        self._parameters = dict(parameters)
        self._at: dict[dt.date, ParametersAt] = {}

    def __getitem__(self, name: str) -> Parameter:
        try:
            return self._parameters[name]
        except KeyError:
            raise RulesError(f"unknown parameter '{name}' / 未知参数 '{name}'") from None

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._parameters))

    def __len__(self) -> int:
        return len(self._parameters)

    def at(self, when: dt.date) -> ParametersAt:
        """The parameters in force on `when`; one shared view per date, so that its lookup cache
        serves every caller (a whole sector's determination asks the same values per entity)."""
        view = self._at.get(when)
        if view is None:
            view = self._at[when] = ParametersAt(self, when)
        return view

    def in_force(self, when: dt.date) -> list[tuple[Parameter, DatedValue]]:
        """Every parameter with a value in force on `when`, for `rules show`."""
        rows = []
        for name in self:
            parameter = self[name]
            if parameter.in_force_on(when):
                rows.append((parameter, parameter.at(when)))
        return rows


def load_parameter_dir(directory: Path) -> ParameterSet:
    """Load every ``*.yaml`` file of a directory as one parameter."""
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise RulesError(f"{directory}: no parameter files / 没有参数文件")
    return ParameterSet({f.stem: load_parameter_file(f) for f in files})


class _DatesAsText(UniqueKeyLoader):
    """Safe YAML, refusing a repeated key, that leaves dates as text, so that a bad date
    (2024-13-01) is reported with its key by `_parse_date` rather than failing inside the YAML
    parser."""


_DatesAsText.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_parameter_file(path: Path) -> Parameter:
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_DatesAsText)  # a SafeLoader
    except DuplicateKey as dup:
        raise _error(path, f"{dup.key} (line {dup.line})", "is given twice: keep one",
                     "重复出现：请只保留一个") from None  # fmt: skip
    except yaml.YAMLError as exc:
        raise _error(path, "(file)", f"is not valid YAML: {exc}", "不是有效的 YAML") from None
    if not isinstance(raw, dict):
        raise _error(path, "(file)", "must be a mapping of keys", "必须是键值映射")
    _check_keys(path, "(top level)", set(raw), _PARAMETER_KEYS, _REQUIRED_KEYS)
    if not _text(raw["unit"]):
        raise _error(path, "unit", "is empty: every parameter needs a unit", "单位不能为空")
    index = _load_index(path, raw.get("index"))
    values = _load_values(path, raw["values"], index)
    return Parameter(
        name=path.stem,
        description=str(raw["description"]),
        description_zh=str(raw.get("description_zh", "")),
        unit=str(raw["unit"]),
        unit_zh=_text(raw.get("unit_zh")),
        values=values,
        index=index,
        source_file=path.name,
    )


def _text(value: Any) -> str:
    """A YAML scalar as text; an empty entry (``unit:``) is empty, not 'None'."""
    return "" if value is None else str(value).strip()


def _load_index(path: Path, raw: Any) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(d, str) and d for d in raw):
        raise _error(
            path, "index", "must be a list of dimension names, e.g. [category]", "应为维度名列表"
        )
    return tuple(raw)


def _load_values(path: Path, raw: Any, index: tuple[str, ...]) -> tuple[DatedValue, ...]:
    if not isinstance(raw, dict) or not raw:
        raise _error(path, "values", "must map effective dates to values", "必须按生效日期列出取值")
    out: dict[dt.date, DatedValue] = {}
    for key, entry in raw.items():
        start = _parse_date(path, key)
        if start in out:
            raise _error(path, f"values.{key}", f"repeats the date {start}: one entry per date",
                         f"与已有日期 {start} 重复：每个日期只能有一条取值")  # fmt: skip
        out[start] = _dated_value(path, f"values.{key}", start, entry, index)
    values = tuple(sorted(out.values(), key=lambda v: v.start))
    if values[0].ended:
        raise _error(path, "values", "cannot begin with an end", "第一条取值不能是终止")
    return values


def _dated_value(
    path: Path, where: str, start: dt.date, entry: Any, index: tuple[str, ...]
) -> DatedValue:
    if not isinstance(entry, dict):
        raise _error(
            path, where, "must be a mapping with value and reference", "须含 value 与 reference"
        )
    ended = entry.get("ended") is True
    required = {"ended", "reference"} if ended else {"value", "reference"}
    _check_keys(path, where, set(entry), _VALUE_KEYS, required)
    if not _text(entry["reference"]):
        raise _error(path, f"{where}.reference", "is empty: cite the document", "依据文件不能为空")
    if "uncertain_zh" in entry and not _text(entry.get("uncertain")):
        raise _error(path, f"{where}.uncertain_zh", "translates no uncertain note: give "
                     "`uncertain` in English too", "没有对应的 uncertain 英文说明")  # fmt: skip
    if ended and "value" in entry:
        raise _error(path, where, "ends the parameter: give no value", "为终止条目：不应有 value")
    if not ended:
        _check_shape(path, f"{where}.value", entry["value"], index)
    return DatedValue(
        start=start,
        value=entry.get("value", ""),
        reference=_text(entry["reference"]),
        uncertain=entry.get("uncertain"),
        uncertain_zh=entry.get("uncertain_zh"),
        draft=bool(entry.get("draft", False)),
        ended=ended,
    )


def _parse_date(path: Path, key: Any) -> dt.date:
    if isinstance(key, dt.date):
        return key
    try:
        return dt.date.fromisoformat(str(key))
    except ValueError:
        raise _error(
            path, f"values.{key}", "is not a date (YYYY-MM-DD)", "不是有效日期（YYYY-MM-DD）"
        ) from None


def _check_shape(path: Path, where: str, value: Any, index: tuple[str, ...]) -> None:
    if not index:
        if isinstance(value, dict | list) or value is None:
            raise _error(path, where, "must be a single value (no index declared)", "应为单一取值")
        return
    if not isinstance(value, dict) or not value:
        raise _error(path, where, f"must be a table keyed by {index[0]}", f"应为按 {index[0]} 的表")
    for k, sub in value.items():
        _check_shape(path, f"{where}.{k}", sub, index[1:])


def _check_keys(
    path: Path, where: str, keys: set[Any], allowed: set[str], required: set[str]
) -> None:
    unknown = keys - allowed
    if unknown:
        raise _error(
            path,
            f"{where}: {sorted(unknown, key=str)[0]}",
            f"is not a known key (allowed: {sorted(allowed)})",
            "是未知的键",
        )
    missing = required - keys
    if missing:
        raise _error(path, where, f"misses required key '{sorted(missing)[0]}'", "缺少必填键")


def _error(path: Path, key: str, en: str, zh: str) -> RulesError:
    return RulesError(f"{path.name}: {key} {en} / {path.name}：{key} {zh}")
