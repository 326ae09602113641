"""Every allocation and compliance worked case, and the `rules test` command that runs them."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from chinaets.cli.main import app
from chinaets.rules.cases import load_cases, run_case
from chinaets.rules.suites import get_suite, suites

SUITES = ("allocation", "compliance")
CASES = [(name, case) for name in SUITES for case in load_cases(get_suite(name).cases_dir)]


@pytest.mark.parametrize(("suite", "case"), CASES, ids=[f"{c.file}:{c.name}" for _, c in CASES])
def test_worked_case(suite: str, case: object) -> None:
    outcome = run_case(case, get_suite(suite).compute)  # type: ignore[arg-type]
    assert outcome.passed, outcome.mismatches


def test_reference_examples_are_cases() -> None:
    names = " ".join(c.name for _, c in CASES)
    for example in ("worked example 1", "worked example 2", "worked example 3", "worked example 4",
                    "310,000", "Article 24"):  # fmt: skip
        assert example in names


def test_suites_include_sectors_and_packages() -> None:
    assert {"power", "allocation", "compliance"} <= set(suites())


def test_rules_test_runs_the_allocation_suite() -> None:
    result = CliRunner().invoke(app, ["rules", "test", "--suite", "allocation", "--json"])
    assert result.exit_code == 0, result.output
    assert '"passed": false' not in result.output
