"""The compliance worked cases as a suite of ``chinaets rules test``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from chinaets.compliance.rules import parameters
from chinaets.rules.suites import CaseSuite

CASES_DIR = Path(__file__).parent / "cases"


def compute(data: dict[str, Any]) -> dict[str, Any]:
    from chinaets.compliance.api import run_case_input

    return run_case_input(data)


def case_suites() -> list[CaseSuite]:
    return [CaseSuite("compliance", "履约清缴", CASES_DIR, compute, parameters)]
