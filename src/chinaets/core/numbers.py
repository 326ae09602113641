"""How figures are written for people: one policy for every table, workbook and page.

- Whole numbers (integer tonnes, counts) with thousands separators; years, months and ids plain.
- Tonnes and other quantities with two decimals, as the report tables round them; figures below
  10 (factors, rates, intensities, shares) with four, so that 0.8169 tCO2/MWh keeps its meaning.
- Money: CNY with two decimals (`Decimal`, never a float).
- Missing values as "—"; yes/no as 是/否 in Chinese.
JSON and Excel carry the exact value instead; `exact` strips binary float noise
(1803277.7000000002 → 1803277.7) without rounding any reported decimal away.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from chinaets.core.china import PROVINCES
from chinaets.core.labels import Lang, term
from chinaets.core.terms import terms

PLAIN_KEYS = frozenset({"year", "month", "vintage", "day"})
FREE_TEXT_KEYS = frozenset({"name", "credit_code", "unit_id", "process_id", "code"})
_BY_CODE = {code: en for en, (_, code) in PROVINCES.items()}  # GB/T 2260 code -> English name
SMALL_FIGURE = 10  # below it a figure is a factor, rate or share: four decimals, not two
EXACT_DIGITS = 10  # significant decimals JSON and Excel keep of a computed float


def figure(key: str, value: Any, lang: Lang = "both") -> str:
    """`value` of the result field `key`, written as the policy above says."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return {"zh": "是" if value else "否", "en": "yes" if value else "no"}.get(
            lang, "是 yes" if value else "否 no"
        )
    if isinstance(value, int):
        plain = key in PLAIN_KEYS or key.endswith(("_id", "_year"))
        return str(value) if plain else f"{value:,}"
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, float):
        return f"{value:,.{4 if abs(value) < SMALL_FIGURE else 2}f}"
    if key == "province" and isinstance(value, str) and _BY_CODE.get(value, value) in PROVINCES:
        name: str = _BY_CODE.get(value, value)
        zh = PROVINCES[name][0]
        return {"zh": zh, "en": name}.get(lang, f"{zh} {name}")
    if isinstance(value, str) and value in terms() and key not in FREE_TEXT_KEYS:
        return term(value, lang)  # an enumerated value: its Chinese term
    return str(value)


def exact(value: float) -> float:
    """`value` without binary noise: the shortest float within 10 significant decimals."""
    return (
        float(f"{value:.{EXACT_DIGITS}g}")
        if value == value and abs(value) != float("inf")
        else value
    )


def exact_values(data: Any) -> Any:
    """`data` (nested records and lists) with every float stripped of binary noise (`exact`);
    Decimals stay exact."""
    if isinstance(data, float):
        return exact(data)
    if isinstance(data, Mapping):
        return {k: exact_values(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [exact_values(v) for v in data]
    return data
