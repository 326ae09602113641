"""The dated CEMS parameters in force for a data year, flattened into SQL query parameters.

Every number the CEMS queries use (density, validity counts, substitution lookbacks and bands,
screening thresholds) comes from a YAML file in ``parameters/`` and reaches the SQL as a bound
``$name`` value, so a new rule set is a new dated value, not new SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from chinaets.rules import ParameterSet
from chinaets.rules.lawbook import LawBook

LAW = LawBook("cems", "二氧化碳在线监测", Path(__file__).parent)
"""The CEMS law book: HJ 75 / HJ 212 validity and substitution, EU and US methods, thresholds."""
PARAMETER_DIR = LAW.parameter_dir
FACTORS_FILE = Path(__file__).parent / "factors.yaml"
MARKS_FILE = Path(__file__).parent / "marks.yaml"
HJ212_FLAGS = "NFMSDCTB"  # HJ 212-2017 Table 8: the flags a packet may carry
REGIMES = ("hj75", "eu", "us")
REGIME_NAMES = {
    "hj75": ("HJ 75-2017 (China)", "HJ 75-2017（中国）"),
    "eu": ("EU MRR 2018/2066 Art. 45", "欧盟MRR 2018/2066 第45条"),
    "us": ("US 40 CFR Part 75", "美国40 CFR Part 75"),
}
_TERM_FILES = (
    "validity",
    "substitution_hj75",
    "substitution_eu",
    "substitution_us",
    "reconciliation",
    "explained_parts",
)


def parameters() -> ParameterSet:
    return LAW.parameters()


@cache
def factor_table() -> dict[str, dict[str, Any]]:
    """HJ 212 factor code → quantity, legacy code, canonical unit, bases and unit conversions."""
    with FACTORS_FILE.open(encoding="utf-8") as f:
        factors: dict[str, dict[str, Any]] = yaml.safe_load(f)["factors"]
    return factors


@cache
def mark_codes() -> dict[str, str]:
    """Sent text (an HJ 212 SBxxx-RS code, a Chinese or English mark name) → operating mark."""
    with MARKS_FILE.open(encoding="utf-8") as f:
        marks: dict[str, list[str]] = yaml.safe_load(f)["marks"]
    return {str(text): mark for mark, texts in marks.items() for text in texts}


def mark_treatment(year: int) -> dict[str, str]:
    """Operating mark → ``operating``, ``off`` or ``invalid`` for data year `year`."""
    value = parameters().at(_start(year)).dated("operating_marks").value
    return {k: str(v) for k, v in _terms(value).items()}


def legacy_codes() -> dict[str, str]:
    """HJ/T 212-2005 code → HJ 212-2017 code."""
    return {v["legacy"]: code for code, v in factor_table().items()}


def sql_params(year: int) -> dict[str, Any]:
    """Flat ``$name`` values for the CEMS queries of data year `year` (value in force on 1 Jan,
    or the first value when the data year precedes it)."""
    at = parameters().at(_start(year))
    out: dict[str, Any] = {
        "density": float(at.dated("co2_density").value),  # type: ignore[arg-type]
        "reference_density": float(at.dated("reference_density").value),  # type: ignore[arg-type]
    }
    for name in _TERM_FILES:
        out.update(_terms(at.dated(name).value))
    return out


def flag_treatment(year: int) -> dict[str, str]:
    return {
        k: str(v) for k, v in _terms(parameters().at(_start(year)).dated("flags").value).items()
    }


def _terms(value: object) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise TypeError("a CEMS terms parameter must be a mapping")
    return dict(value)


def _start(year: int) -> dt.date:
    day = dt.date(year, 1, 1)
    first = max(p.values[0].start for p in parameters().values())
    return max(day, first)
