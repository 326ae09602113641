"""The allocation worked cases as a suite of ``chinaets rules test``."""

from __future__ import annotations

from typing import Any

from chinaets.allocation.rules import CASES_DIR, parameters
from chinaets.rules.suites import CaseSuite


def compute(data: dict[str, Any]) -> dict[str, Any]:
    from chinaets.allocation import allocate
    from chinaets.allocation.inputs import parse_input

    return allocate(parse_input(data, "<case>")).as_dict()


def case_suites() -> list[CaseSuite]:
    return [CaseSuite("allocation", "配额分配", CASES_DIR, compute, parameters)]
