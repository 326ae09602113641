"""Every worked case of every sector passes: the same files `chinaets rules test` runs."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from chinaets.mrv.sectors import Sector, sectors
from chinaets.rules.cases import WorkedCase, load_cases, run_case


def _all_cases() -> list[Any]:
    return [
        pytest.param(sector, case, id=f"{sector.name}/{case.file}::{case.name}")
        for sector in sectors().values()
        for case in load_cases(sector.cases_dir)
    ]


CASES = _all_cases()


def test_power_has_three_cases_per_formula_version() -> None:
    """Issue 2 §4: one case file per period of the power guideline, at least three cases each."""
    per_file = Counter(case.file for case in load_cases(sectors()["power"].cases_dir))
    assert set(per_file) >= {"2019_2020.yaml", "2021_2022.yaml", "2023_2025.yaml", "2026.yaml"}
    assert min(per_file.values()) >= 3, per_file


@pytest.mark.parametrize(("sector", "case"), CASES)
def test_worked_case(sector: Sector, case: WorkedCase) -> None:
    outcome = run_case(case, lambda data: sector.account(sector.parse(data, case.file)).as_dict())
    assert outcome.passed, "\n".join(outcome.mismatches)
