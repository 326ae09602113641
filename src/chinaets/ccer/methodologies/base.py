"""What every CCER methodology provides, and the result of a reduction calculation.

A methodology is a bundle like an MRV sector: its applicability conditions (checked when a
project is created, against the site facts of the design document), a monitoring input model,
and the reduction formula as a `DatedFormula` whose first version starts on the day the
methodology was published. A later version of the methodology (V02) is a new formula version
keyed by its publication date; the engine picks the one in force on the first day of the
monitoring period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from chinaets.ccer import rules
from chinaets.core.errors import InputError, Location, Problem, RulesError
from chinaets.core.rounding import floor_tonnes, round_half_up
from chinaets.rules import DatedFormula, ParametersAt, TraceNode
from chinaets.rules.parameters import UsedValue

M = TypeVar("M", bound=BaseModel)


class Strict(BaseModel):
    """Input models refuse unknown fields: a misspelt field is never silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass
class ReductionResult:
    """One monitoring period's reductions, with what the calculation used (`trace`)."""

    methodology: str
    version: str
    baseline_tco2: float
    project_tco2: float
    leakage_tco2: float
    trace: TraceNode
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def reductions_tco2(self) -> float:
        return self.baseline_tco2 - self.project_tco2 - self.leakage_tco2

    @property
    def creditable_t(self) -> int:
        """Whole tonnes that may be claimed: floored (conservative), never negative."""
        return max(0, floor_tonnes(self.reductions_tco2))

    def as_dict(self) -> dict[str, Any]:
        return {
            "methodology": self.methodology,
            "version": self.version,
            "baseline_tco2": round_half_up(self.baseline_tco2, 4),
            "project_tco2": round_half_up(self.project_tco2, 4),
            "leakage_tco2": round_half_up(self.leakage_tco2, 4),
            "reductions_tco2": round_half_up(self.reductions_tco2, 4),
            "creditable_t": self.creditable_t,
            **self.details,
        }


Compute = Callable[[ParametersAt, Any, Any], ReductionResult]
Applicability = Callable[[ParametersAt, Any], list[Problem]]
PeriodCheck = Callable[[Any, dt.date], list[Problem]]


def _no_period_check(_site: Any, _start: dt.date) -> list[Problem]:
    return []


@dataclass(frozen=True)
class Methodology:
    id: str
    name: str
    name_zh: str
    project_type: str  # the registry's projectType code, e.g. A0102
    family: str  # energy | forestry | other: which crediting-period parameters apply
    site_model: type[Strict]
    monitoring_model: type[Strict]
    applicability: Applicability
    reductions: DatedFormula[Compute]
    period_check: PeriodCheck = _no_period_check
    notes: str = ""
    notes_zh: str = ""  # the notes as a Chinese reader reads them

    @property
    def published(self) -> dt.date:
        """The day the methodology was published (parameter ``methodology_published``)."""
        return rules.published_on(self.id)

    @property
    def crediting_max_parameter(self) -> str:
        return f"crediting_period_max_years_{self.family}"

    @property
    def crediting_min_parameter(self) -> str | None:
        return "crediting_period_min_years_forestry" if self.family == "forestry" else None

    def compute(self, p: ParametersAt, site: Any, monitoring: Any) -> ReductionResult:
        version = self.reductions.version_at(p.when)
        return version.function(p, site, monitoring)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "name_zh": self.name_zh,
            "published": self.published.isoformat(),
            "project_type": self.project_type,
            "family": self.family,
            "notes": self.notes,
            "notes_zh": self.notes_zh,
        }


def parse(model: type[M], data: Any, where: str) -> M:
    """Validate `data` against an input model; every failure is a located, bilingual problem."""
    if not isinstance(data, Mapping):
        raise InputError.one(
            Location(field=where),
            f"{where} must be an object of named fields",
            f"{where} 必须是由字段组成的对象",
            "give the fields as a JSON/YAML mapping",
            "请以 JSON/YAML 键值形式填写",
        )
    try:
        return model.model_validate(dict(data))
    except ValidationError as exc:
        raise InputError([_problem(where, e) for e in exc.errors()]) from None


def _problem(where: str, error: Any) -> Problem:
    path = ".".join(str(p) for p in (where, *error["loc"]))
    got = error.get("input")
    shown = f" (got {got!r})" if isinstance(got, str | int | float) else ""
    if error["type"] == "missing":
        return Problem(Location(field=path), "is required", "缺少必填项", "fill it in", "请填写")
    if error["type"] == "extra_forbidden":
        return Problem(
            Location(field=path),
            "is not a known field",
            "是未知字段",
            "remove it or fix its spelling",
            "请删除或更正字段名",
        )
    return Problem(
        Location(field=path),
        f"{error['msg']}{shown}",
        f"取值无效：{error['msg']}{shown}",
        "correct the value as described",
        "请按说明更正取值",
    )


def table_value(p: ParametersAt, name: str, key: tuple[str, ...], field: str) -> UsedValue:
    """A cell of a parameter table chosen by user input: an unknown key is the user's error."""
    try:
        return p.used(name, *key)
    except RulesError:
        table = p.dated(name).value
        known = sorted(table) if isinstance(table, Mapping) else []
        raise InputError.one(
            Location(field=field),
            f"'{key[0]}' has no default in {name} (known: {', '.join(known)})",
            f"参数表 {name} 中没有“{key[0]}”的缺省值（已有：{'、'.join(known)}）",
            "use a listed value, or give the project-specific values in the input",
            "请使用所列取值，或在输入中填写项目特定参数",
        ) from None


def problem(field: str, en: str, zh: str, fix_en: str, fix_zh: str) -> Problem:
    return Problem(Location(field=field), en, zh, fix_en, fix_zh)
