"""`rules show` and `rules test` under `--lang zh` print every law book in Chinese: meanings,
units, table keys (by their terms), UNCERTAIN notes and worked-case names. What stays as written
is what a reader looks up or types: a parameter's code, a cited document, a case file's name."""

from __future__ import annotations

import re

import pytest
from tests.cli.chinese_walk import untranslated
from typer.testing import CliRunner

from chinaets.cli.main import app
from chinaets.laws import law_books

BOOKS = sorted(law_books())
YEARS = (2021, 2023, 2025, 2026)
CASE_FILE = re.compile(r"\S+\.yaml")


def _zh(*args: str) -> str:
    # wide enough that no cell wraps, so a cited document can be taken out whole
    result = CliRunner().invoke(app, ["--lang", "zh", *args], env={"COLUMNS": "3000"})
    assert result.exit_code in (0, 1), result.output  # `rules test` exits 1 on a failed case
    return result.stdout


@pytest.mark.parametrize("book", BOOKS)
def test_rules_show_reads_in_chinese(book: str) -> None:
    parameters = law_books()[book].parameters() if law_books()[book].has_parameters() else {}
    kept = sorted(
        {name for name in parameters}
        | {v.reference for p in parameters.values() for v in p.values},
        key=len,
        reverse=True,  # a longer citation first, before a shorter one inside it
    )
    found = set()
    for year in YEARS:
        out = _zh("rules", "show", book, "--year", str(year))
        for text in kept:
            out = out.replace(text, " ")
        found.update(untranslated(out))
    assert not found, sorted(found)


@pytest.mark.parametrize("book", BOOKS)
def test_rules_test_names_cases_in_chinese(book: str) -> None:
    out = CASE_FILE.sub(" ", _zh("rules", "test", "--suite", book))
    assert not untranslated(out), sorted(set(untranslated(out)))
