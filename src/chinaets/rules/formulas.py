"""Formula versions named by the date they take effect.

A `DatedFormula` is one quantity (say, the oxidation rate of a fuel) with one Python function
per version of the method. The engine picks the latest version whose start is on or before the
date asked for, as OpenFisca picks ``formula_2021`` over ``formula_2019``::

    oxidation_rate = DatedFormula("oxidation_rate", "Carbon oxidation rate of a fuel")

    @oxidation_rate.since("2019-01-01", "企业温室气体排放核算方法与报告指南 发电设施 (2021)")
    def _fixed_by_fuel(...): ...

    @oxidation_rate.since("2026-01-01", "CETS-AG-01.01-V04-2026")
    def _factor_table(...): ...
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar, Generic, TypeVar

from chinaets.core.errors import RulesError

F = TypeVar("F", bound=Callable[..., object])


@dataclass(frozen=True)
class FormulaVersion(Generic[F]):
    start: dt.date
    reference: str
    function: F

    @property
    def label(self) -> str:
        return f"{self.function.__name__} (from {self.start})"


class DatedFormula(Generic[F]):
    """One quantity with dated versions of how to compute it."""

    registry: ClassVar[dict[str, DatedFormula[Callable[..., object]]]] = {}

    def __init__(self, name: str, description: str, description_zh: str = "") -> None:
        self.name = name
        self.description = description
        self.description_zh = description_zh  # what a trace shows a Chinese reader
        self._versions: list[FormulaVersion[F]] = []
        DatedFormula.registry[name] = self  # type: ignore[assignment]

    def since(self, start: str, reference: str) -> Callable[[F], F]:
        """Register the decorated function as the version in force from `start`."""
        try:
            day = dt.date.fromisoformat(start)
        except ValueError:
            raise RulesError(f"{self.name}: '{start}' is not a date (YYYY-MM-DD)") from None

        def register(function: F) -> F:
            if any(v.start == day for v in self._versions):
                raise RulesError(f"{self.name}: two versions start on {day}")
            self._versions.append(FormulaVersion(day, reference, function))
            self._versions.sort(key=lambda v: v.start)
            return function

        return register

    def version_at(self, when: dt.date) -> FormulaVersion[F]:
        i = bisect_right([v.start for v in self._versions], when)
        if i == 0:
            raise RulesError(
                f"{self.name} has no method in force on {when} / {self.name} 在 {when} 无适用公式"
            )
        return self._versions[i - 1]

    def at(self, when: dt.date) -> F:
        return self.version_at(when).function

    @property
    def versions(self) -> tuple[FormulaVersion[F], ...]:
        return tuple(self._versions)
