"""Every allocation and compliance worked case, and the `rules test` command that runs them."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from chinaets.cli.main import app
from chinaets.laws import get_law_book, law_books
from chinaets.rules.cases import run_case

SUITES = ("allocation", "compliance")
CASES = [(name, case) for name in SUITES for case in get_law_book(name).cases()]


@pytest.mark.parametrize(("suite", "case"), CASES, ids=[f"{c.file}:{c.name}" for _, c in CASES])
def test_worked_case(suite: str, case: object) -> None:
    outcome = run_case(case, get_law_book(suite).compute)  # type: ignore[arg-type]
    assert outcome.passed, outcome.mismatches


def test_reference_examples_are_cases() -> None:
    names = " ".join(c.name for _, c in CASES)
    for example in ("worked example 1", "worked example 2", "worked example 3", "worked example 4",
                    "310,000", "Article 24"):  # fmt: skip
        assert example in names


def test_law_books_include_sectors_and_packages() -> None:
    assert {"power", "allocation", "compliance", "market", "ccer", "targets"} <= set(law_books())


def test_rules_test_runs_the_allocation_suite() -> None:
    result = CliRunner().invoke(app, ["rules", "test", "--suite", "allocation", "--json"])
    assert result.exit_code == 0, result.output
    assert '"passed": false' not in result.output
