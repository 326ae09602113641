"""The CBAM worked cases (rules suite ``cbam``) and the `rules test` command running them."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from chinaets.cli.main import app
from chinaets.laws import get_law_book
from chinaets.rules.cases import WorkedCase, load_cases, run_case

CASES = load_cases(get_law_book("cbam").cases_dir)


@pytest.mark.parametrize("case", CASES, ids=[f"{c.file}:{c.name}" for c in CASES])
def test_worked_case(case: WorkedCase) -> None:
    outcome = run_case(case, get_law_book("cbam").compute)
    assert outcome.passed, outcome.mismatches


def test_reference_examples_are_cases() -> None:
    sources = " ".join(c.source for c in CASES)
    for example in (
        "Actual-data SEFA check",
        "HRC 7208",
        "grey clinker",
        "unwrought Al",
        "§6 example",
    ):
        assert example in sources
    assert sum(1 for c in CASES if c.expect_error) >= 3


def test_rules_test_runs_the_cbam_suite() -> None:
    result = CliRunner().invoke(app, ["rules", "test", "--suite", "cbam", "--json"])
    assert result.exit_code == 0, result.output
    assert '"passed": false' not in result.output
