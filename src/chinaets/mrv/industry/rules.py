"""The parameters the industrial sectors share, and how a sector adds its own.

``parameters()`` is the shared set (Table A.1, report decimals, meters, deposits, coverage);
a sector's law book extends `LAW` (`LawBook(..., base=LAW)`), the sector's files winning on
a name clash (none today). ``Decimals`` rounds as the report tables round.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from chinaets.core.rounding import round_half_up
from chinaets.mrv.industry.schema import fuels
from chinaets.rules import ParametersAt
from chinaets.rules.lawbook import LawBook
from chinaets.rules.parameters import UsedValue

CO2_PER_C = 44 / 12
"""Molar mass ratio CO2/C, written 44/12 in every MEE guideline."""


LAW = LawBook("industry", "工业行业共用参数", Path(__file__).resolve().parent)
"""The industry law book: its dated, cited parameters and worked cases."""
parameters = LAW.parameters
PARAMETER_DIR = LAW.parameter_dir


@dataclass(frozen=True)
class Decimals:
    """Decimal places of the report tables, looked up once per data year."""

    fuel_quantity: int
    ncv: int
    carbon_content: int
    material: int
    emissions: int
    entity_total: int
    output: int
    intensity: int
    factor: int

    @classmethod
    def at(cls, p: ParametersAt) -> Decimals:
        names = cls.__dataclass_fields__
        return cls(**{name: int(p("report_decimals", name)) for name in names})

    def round(self, value: float, quantity: str) -> float:
        return round_half_up(value, getattr(self, quantity))


@dataclass(frozen=True)
class FuelDefaults:
    """One fuel's row of Table A.1 as in force: NCV, CC and OF, each with its source."""

    ncv: UsedValue
    carbon_content: UsedValue
    oxidation: UsedValue


def fuel_defaults(p: ParametersAt, fuel: str) -> FuelDefaults:
    return FuelDefaults(
        p.used("fuel_default_ncv", fuel),
        p.used("fuel_default_carbon_content", fuel),
        p.used("fuel_default_oxidation", fuel),
    )


def year_start(year: int) -> dt.date:
    return dt.date(year, 1, 1)


def is_coke(fuel: str) -> bool:
    """Coke always takes the default NCV (rules reference §2.1)."""
    return fuel == "coke"


def is_solid(fuel: str) -> bool:
    return fuels()[fuel].state == "solid"
