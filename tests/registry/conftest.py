"""One ledger test suite, two databases.

Every test that takes the `backend` fixture (directly or through `registry`) runs on SQLite
(a fresh file) and on PostgreSQL. The PostgreSQL pass needs `CHINAETS_TEST_PG_URL`, e.g.
postgresql+psycopg://postgres@127.0.0.1:5432/test; each test gets its own schema with a random
name, dropped afterwards, so nothing is assumed about the server. Without a reachable server
those tests are skipped and the run ends with a notice saying so; with CHINAETS_REQUIRE_PG=1
(as in .ci/run) they fail instead.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from chinaets.registry.service import Registry
from chinaets.registry.store import make_engine

PG_ENV, REQUIRE_ENV = "CHINAETS_TEST_PG_URL", "CHINAETS_REQUIRE_PG"
PEPPER = "test-pepper-" + "k3Jd9sLq0Zx8Vb7Nm6Wc5Er4Ty2Ui1Op"


@dataclass(frozen=True)
class Backend:
    name: str
    url: str  # includes the schema for PostgreSQL, so subprocesses can use it as is


@cache
def _pg_problem() -> str | None:
    """None when the PostgreSQL server is reachable, else why not."""
    url = os.environ.get(PG_ENV)
    if not url:
        return f"{PG_ENV} is not set"
    try:
        engine = create_engine(url, connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(text("select 1"))
        engine.dispose()
    except Exception as exc:
        return f"cannot connect to {make_url(url).render_as_string(hide_password=True)}: {exc}"
    return None


def require_pg() -> str:
    problem = _pg_problem()
    if problem is not None:
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"PostgreSQL is required ({REQUIRE_ENV}=1) but {problem}", pytrace=False)
        pytest.skip(f"PostgreSQL tests skipped: {problem}")
    return os.environ[PG_ENV]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    if request.param == "sqlite":
        yield Backend("sqlite", f"sqlite:///{tmp_path / 'ledger.db'}")
        return
    with pg_schema() as url:
        yield Backend("postgresql", url)


class _Schema:
    def __init__(self) -> None:
        self.base = require_pg()
        self.name = f"chinaets_t_{secrets.token_hex(6)}"
        self.admin = create_engine(self.base)

    def __enter__(self) -> str:
        with self.admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{self.name}"'))
        sep = "&" if "?" in self.base else "?"
        return f"{self.base}{sep}options={quote(f'-csearch_path={self.name}')}"

    def __exit__(self, *exc: object) -> None:
        with self.admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{self.name}" CASCADE'))
        self.admin.dispose()


def pg_schema() -> _Schema:
    """A fresh PostgreSQL schema for one test; yields a URL whose search_path points at it."""
    return _Schema()


@pytest.fixture
def registry(backend: Backend) -> Iterator[Registry]:
    engine = make_engine(backend.url)
    registry = Registry(engine, token_pepper=PEPPER)
    registry.init()
    yield registry
    engine.dispose()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    used = any(
        "postgres" in report.keywords
        for reports in terminalreporter.stats.values()
        for report in reports
        if hasattr(report, "keywords")
    )
    problem = _pg_problem() if used else None
    if problem is not None:
        terminalreporter.write_sep(
            "!",
            f"registry: PostgreSQL pass SKIPPED ({problem}); set {PG_ENV} to run it",
            yellow=True,
        )
    elif used:
        terminalreporter.write_line("registry: PostgreSQL pass ran against " + _safe_url())


def _safe_url() -> str:
    return make_url(os.environ[PG_ENV]).render_as_string(hide_password=True)
