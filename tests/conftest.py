"""Hooks for the whole suite."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from tests.postgres import PG_ENV, pg_problem, safe_url

from chinaets.cli.render import set_lang


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say whether the PostgreSQL pass ran, so a skipped pass is never silent."""
    used = any(
        "postgres" in report.keywords
        for reports in terminalreporter.stats.values()
        for report in reports
        if hasattr(report, "keywords")
    )
    if not used:
        return
    problem = pg_problem()
    if problem is not None:
        terminalreporter.write_sep(
            "!", f"PostgreSQL pass SKIPPED ({problem}); set {PG_ENV} to run it", yellow=True
        )
    else:
        terminalreporter.write_line(f"PostgreSQL pass ran against {safe_url()}")


@pytest.fixture(autouse=True)
def _forget_language() -> Iterator[None]:
    """The app's `--lang` outlives a CliRunner call (it is the process's choice): each test
    starts from the default, so that no test reads the language an earlier one chose."""
    yield
    set_lang(None)
