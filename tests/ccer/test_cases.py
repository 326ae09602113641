"""Every worked case of every methodology passes, and the suite is offered to `rules test`."""

from __future__ import annotations

import pytest

from chinaets.ccer import cases
from chinaets.rules.cases import WorkedCase, run_case

ALL = cases.cases()


@pytest.mark.parametrize("case", ALL, ids=[f"{c.file}:{c.name}" for c in ALL])
def test_worked_case(case: WorkedCase) -> None:
    outcome = run_case(case, cases.compute_case)
    assert outcome.passed, outcome.mismatches


def test_every_methodology_has_cases() -> None:
    from chinaets.ccer.methodologies import METHODOLOGIES

    covered = {c.input.get("methodology") for c in ALL if c.expect_error is None}
    assert covered == set(METHODOLOGIES)


def test_every_methodology_is_dated_by_the_law_book() -> None:
    import datetime as dt

    from chinaets.ccer import rules
    from chinaets.ccer.methodologies import METHODOLOGIES, get_methodology
    from chinaets.core.errors import InputError, RulesError

    batches = {m.id: m.published for m in METHODOLOGIES.values()}
    assert batches["CCER-01-002-V01"] == dt.date(2023, 10, 24)
    assert batches["CCER-10-001-V01"] == dt.date(2025, 1, 3)
    with pytest.raises(InputError, match="published on 2025-01-03"):
        get_methodology("CCER-07-001-V01", on=dt.date(2025, 1, 2))
    with pytest.raises(RulesError, match="no publication date"):
        rules.published_on("CCER-99-999-V01")


def test_law_book() -> None:
    book = cases.LAW_BOOK
    assert book.name == "ccer" and book.cases_dir.is_dir() and book.cases()


def test_trace_names_uncertain_parameters() -> None:
    from chinaets.ccer.methodologies import get_methodology

    method = get_methodology("CCER-01-002-V01")
    case = next(c for c in ALL if c.name.startswith("offshore wind, east grid"))
    site = cases.applicable_site(method, case.input["project"], case.input["period_start"])
    result = cases.calculate(method, site, case.input["monitoring"], case.input["period_start"])
    text = "\n".join(result.trace.lines())
    assert "w_OM = 0.75" in text and "UNCERTAIN" in text and "CCER-01-002-V01" in text


def test_docs_embed_the_current_lifecycle_table() -> None:
    from pathlib import Path

    from chinaets.ccer.lifecycle import markdown_table

    doc = (Path(__file__).resolve().parents[2] / "docs" / "ccer.md").read_text(encoding="utf-8")
    assert markdown_table() in doc, "docs/ccer.md is stale: paste markdown_table() into it"
