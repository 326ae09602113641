"""The CCER mechanism's law as data: its dated, cited parameters (`parameters/*.yaml`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from chinaets.core.errors import RulesError
from chinaets.rules import ParametersAt
from chinaets.rules.lawbook import LawBook

MEASURES = "温室气体自愿减排交易管理办法（试行）（生态环境部、市场监管总局，2023-10-19）"
MEASURES_EN = (
    "Measures for the Administration of Voluntary GHG Emission Reduction Trading (Trial), 2023"
)
CO2_PER_C = 44 / 12
"""Molar mass ratio CO2/C, written 44/12 in every methodology."""
CO2_PER_CH4 = 44 / 16
"""CO2 formed when one tonne of methane is oxidised."""


LAW = LawBook("ccer", "温室气体自愿减排方法学", Path(__file__).resolve().parent)
"""The ccer law book: its dated, cited parameters and worked cases."""
parameters = LAW.parameters
PARAMETERS_DIR = LAW.parameter_dir
CASES_DIR = LAW.cases_dir


def at(when: dt.date) -> ParametersAt:
    return parameters().at(when)


def date_parameter(name: str, when: dt.date) -> dt.date:
    """A parameter whose value is a date (written as a quoted ISO date in its file)."""
    return dt.date.fromisoformat(str(parameters()[name].at(when).value))


def published_on(methodology_id: str) -> dt.date:
    """The day a methodology was published (the latest table of ``methodology_published``:
    publication dates do not change, later batches only add methodologies)."""
    table = parameters()["methodology_published"].values[-1].value
    if not isinstance(table, Mapping) or methodology_id not in table:
        raise RulesError(
            f"methodology {methodology_id} has no publication date in methodology_published / "
            f"方法学 {methodology_id} 未登记发布日期"
        )
    return dt.date.fromisoformat(str(table[methodology_id]))
