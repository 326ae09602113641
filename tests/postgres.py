"""PostgreSQL for the test suites (registry, exchange, CCER): one way to find the server, one
way to get a private schema, one notice when the pass is skipped.

The server is `CHINAETS_TEST_PG_URL` (the Makefile defaults it to the local server,
postgresql+psycopg://postgres@127.0.0.1:5432/test). Each test gets a schema with a random name,
dropped afterwards, so nothing is assumed about what earlier runs left. Without a reachable
server the PostgreSQL tests are skipped (the run ends with a notice); with CHINAETS_REQUIRE_PG=1,
as `.ci/run` sets, they fail instead.
"""

from __future__ import annotations

import os
import secrets
from functools import cache
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_ENV, REQUIRE_ENV = "CHINAETS_TEST_PG_URL", "CHINAETS_REQUIRE_PG"


@cache
def pg_problem() -> str | None:
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
        return f"cannot connect to {safe_url()}: {exc}"
    return None


def safe_url() -> str:
    return make_url(os.environ[PG_ENV]).render_as_string(hide_password=True)


def require_pg() -> str:
    """The server's URL; skips the test (or fails it, under CHINAETS_REQUIRE_PG=1) without one."""
    problem = pg_problem()
    if problem is not None:
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"PostgreSQL is required ({REQUIRE_ENV}=1) but {problem}", pytrace=False)
        pytest.skip(f"PostgreSQL tests skipped: {problem}")
    return os.environ[PG_ENV]


class _Schema:
    def __init__(self, prefix: str) -> None:
        self.base = require_pg()
        self.name = f"{prefix}_{secrets.token_hex(6)}"
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


def pg_schema(prefix: str = "chinaets_t") -> _Schema:
    """A fresh schema for one test; yields a URL whose search_path points at it."""
    return _Schema(prefix)
