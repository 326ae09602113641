"""The CCER mechanism's law as data: its dated, cited parameters (`parameters/*.yaml`)."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from chinaets.rules import ParametersAt, ParameterSet, load_parameter_dir

PARAMETERS_DIR = Path(__file__).parent / "parameters"
CASES_DIR = Path(__file__).parent / "cases"
MEASURES = "温室气体自愿减排交易管理办法（试行）（生态环境部、市场监管总局，2023-10-19）"
MEASURES_EN = (
    "Measures for the Administration of Voluntary GHG Emission Reduction Trading (Trial), 2023"
)
CO2_PER_C = 44 / 12
"""Molar mass ratio CO2/C, written 44/12 in every methodology."""
CO2_PER_CH4 = 44 / 16
"""CO2 formed when one tonne of methane is oxidised."""


@cache
def parameters() -> ParameterSet:
    return load_parameter_dir(PARAMETERS_DIR)


def at(when: dt.date) -> ParametersAt:
    return parameters().at(when)


def date_parameter(name: str, when: dt.date) -> dt.date:
    """A parameter whose value is a date (written as a quoted ISO date in its file)."""
    return dt.date.fromisoformat(str(parameters()[name].at(when).value))
