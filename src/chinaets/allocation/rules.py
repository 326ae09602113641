"""The allocation law as data: the parameter set, which years a plan covers, and exact
multiplication for the flooring the plans prescribe."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from chinaets.allocation import book
from chinaets.allocation.methods import method_for
from chinaets.core.errors import InputError, Location
from chinaets.mrv.sectors import get_sector
from chinaets.rules import ParametersAt
from chinaets.rules.parameters import UsedValue

REF_2019 = (
    "2019-2020年全国碳排放权交易配额总量设定与分配实施方案（发电行业）（国环规气候〔2020〕3号）"
)
REF_2021 = "2021、2022年度全国碳排放权交易配额总量设定与分配实施方案（发电行业）"
REF_2023 = "2023、2024年度全国碳排放权交易发电行业配额总量和分配方案（国环规气候〔2024〕1号）"
REF_2025 = "2025、2026年度发电行业配额总量和分配方案（征求意见稿）"
REF_INDUSTRY_2024 = "2024、2025年度钢铁、水泥、铝冶炼行业配额总量和分配方案"

LAW = book.LAW
"""The allocation law book: its dated, cited parameters and worked cases."""
parameters = book.parameters
PARAMETER_DIR = LAW.parameter_dir
CASES_DIR = LAW.cases_dir


def rules_for(sector: str, year: int, where: Location | None = None) -> ParametersAt:
    """The parameters in force for a data year; a year no plan covers is the user's error."""
    first, last = method_for(sector, where).plan_years
    if not first <= year <= last:
        raise InputError.one(
            where or Location(field="year"),
            f"no {sector} allocation rules for data year {year} (the plans cover {first}–{last})",
            f"{get_sector(sector).zh}行业 {year} 年度无配额分配规则（现行方案覆盖 {first}—{last} 年度）",
            f"choose a year from {first} to {last}, or add the new plan's parameters",
            f"请选择 {first}—{last} 之间的年度，或补充新方案参数",
        )
    return parameters().at(dt.date(year, 1, 1))


def latest_rules(sector: str) -> ParametersAt:
    """The parameters of the last data year the sector's plans cover (for data with no year)."""
    return rules_for(sector, method_for(sector).plan_years[1])


def floor_product(*factors: float | int) -> int:
    """Floor a product to whole tonnes, multiplying exactly (3e6 × 0.795 is 2,385,000, not
    2,384,999.99… as binary floats have it)."""
    total = Decimal(1)
    for f in factors:
        total *= Decimal(repr(f))
    return int(total.to_integral_value(rounding=ROUND_FLOOR))


def round_tonnes(value: float) -> int:
    """Whole tonnes, half up (verified emissions to which an allocation is topped up)."""
    return int(Decimal(repr(value)).to_integral_value(rounding=ROUND_HALF_UP))


def is_draft(used: list[UsedValue]) -> list[str]:
    """Names of the parameters taken from a consultation draft."""
    return sorted({u.parameter.name for u in used if u.dated.draft})


def uncertain(used: list[UsedValue]) -> list[str]:
    return sorted({u.parameter.name for u in used if u.dated.uncertain})


def table(p: ParametersAt, name: str) -> tuple[UsedValue, dict[str, float]]:
    """A whole table-valued parameter (a curve's terms) as used, and its terms as numbers."""
    dated = p.dated(name)
    terms = dict(dated.value)  # type: ignore[arg-type]
    numbers = {k: float(v) for k, v in terms.items() if not isinstance(v, str)}
    return UsedValue(parameters()[name], dated, (), terms), numbers
