"""The trading rules as a body of law for ``chinaets rules show market``. There are no worked
cases here: the exchange's behaviour is tested by its doctests and tests."""

from __future__ import annotations

from typing import Any

from chinaets.core.errors import RulesError
from chinaets.market.rules import PARAMETER_DIR, parameters
from chinaets.rules.suites import CaseSuite


def case_suites() -> list[CaseSuite]:
    return [CaseSuite("market", "交易规则", PARAMETER_DIR / "cases", _no_cases, parameters)]


def _no_cases(data: dict[str, Any]) -> dict[str, Any]:
    raise RulesError("the market has no worked cases / 交易规则没有算例")
