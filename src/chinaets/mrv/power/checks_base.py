"""What every power verification check reads: the report, its accounting result and the
parameters in force for the data year, looked up once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from chinaets.core.errors import RulesError
from chinaets.mrv.power.accounting import parameters
from chinaets.mrv.power.results import EntityResult, FuelMonth, UnitResult
from chinaets.mrv.power.schema import PowerReport, Unit, fuels

VG_2026 = "企业温室气体排放核查技术指南 发电设施 CETS-VG-01.01-V02-2026"
"""The verification guide whose checks these are (rules reference power §1.4–§1.6)."""

COAL_CATEGORIES = ("coal", "unconventional_coal")


@dataclass(frozen=True)
class CheckContext:
    report: PowerReport
    result: EntityResult

    @property
    def year(self) -> int:
        return self.report.year

    def value(self, name: str, *key: str) -> tuple[Any, str]:
        """A check parameter in force on 1 January of the data year, and its reference."""
        used = parameters().at(dt.date(self.year, 1, 1)).used(name, *key)
        return used.value, used.dated.reference

    def table(self, name: str) -> tuple[dict[str, Any], str]:
        """An indexed check parameter as a whole table (to test whether a key is listed)."""
        dated = parameters().at(dt.date(self.year, 1, 1)).dated(name)
        if not isinstance(dated.value, Mapping):
            raise RulesError(f"parameter {name} is not a table / 参数 {name} 不是表")
        return dict(dated.value), dated.reference

    def bounds(self, name: str) -> tuple[float, float, str]:
        """A range parameter indexed by bound (low, high)."""
        low, reference = self.value(name, "low")
        high, _ = self.value(name, "high")
        return float(low), float(high), reference

    def units(self) -> Iterator[tuple[Unit, UnitResult]]:
        """Each unit's input row with its accounting result, in the report's order."""
        by_id = {u.unit_id: u for u in self.result.units}
        for unit in self.report.units:
            yield unit, by_id[unit.unit_id]


def by_fuel(unit: UnitResult) -> dict[str, list[FuelMonth]]:
    """A unit's fuel months grouped by fuel, each list in month order."""
    out: dict[str, list[FuelMonth]] = {}
    for fm in sorted(unit.fuel_months, key=lambda m: (m.fuel, m.month)):
        out.setdefault(fm.fuel, []).append(fm)
    return out


def is_coal(fuel: str) -> bool:
    return fuels()[fuel].category in COAL_CATEGORIES


def heat_input_gj(fuel_months: list[FuelMonth], biomass_share: float) -> float:
    """Σ(FC × NCV) of the fossil fuels, grossed up by the declared biomass heat share (biomass
    has no NCV in the result), so that co-firing does not inflate the efficiency."""
    fossil = sum(fm.quantity * fm.ncv for fm in fuel_months)
    return fossil / (1 - biomass_share) if biomass_share < 1 else 0.0
