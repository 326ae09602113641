"""The reporting sectors' parameters and rounding, and how a sector adds its own folder."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from chinaets.core.rounding import round_half_up
from chinaets.rules import ParametersAt, ParameterSet, load_parameter_dir

PARAMETER_DIR = Path(__file__).parent / "parameters"
CO2_PER_C = 44 / 12
"""Molar mass ratio CO2/C (44/12 in every guideline)."""


@cache
def shared_parameters() -> ParameterSet:
    return load_parameter_dir(PARAMETER_DIR)


def sector_parameters(directory: Path) -> ParameterSet:
    """The shared parameters plus a sector's folder (the sector's win on a clash; callers cache)."""
    return ParameterSet({**dict(shared_parameters()), **dict(load_parameter_dir(directory))})


@dataclass(frozen=True)
class Decimals:
    """Decimal places of the report figures, looked up once per data year."""

    emissions: int
    entity_total: int
    output: int
    intensity: int
    quantity: int

    @classmethod
    def at(cls, p: ParametersAt) -> Decimals:
        names = cls.__dataclass_fields__
        return cls(**{name: int(p("ndrc_report_decimals", name)) for name in names})

    def round(self, value: float, quantity: str) -> float:
        return round_half_up(value, getattr(self, quantity))
