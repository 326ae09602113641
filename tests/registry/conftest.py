"""One ledger test suite, two databases.

Every test that takes the `backend` fixture (directly or through `registry`) runs on SQLite
(a fresh file) and on PostgreSQL. The PostgreSQL pass needs `CHINAETS_TEST_PG_URL`, e.g.
postgresql+psycopg://postgres@127.0.0.1:5432/test; each test gets its own schema with a random
name, dropped afterwards, so nothing is assumed about the server. Without a reachable server
those tests are skipped and the run ends with a notice saying so; with CHINAETS_REQUIRE_PG=1
(as in .ci/run) they fail instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.postgres import pg_schema

from chinaets.registry.service import Registry
from chinaets.registry.store import make_engine

PEPPER = "test-pepper-" + "k3Jd9sLq0Zx8Vb7Nm6Wc5Er4Ty2Ui1Op"


@dataclass(frozen=True)
class Backend:
    name: str
    url: str  # includes the schema for PostgreSQL, so subprocesses can use it as is


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    if request.param == "sqlite":
        yield Backend("sqlite", f"sqlite:///{tmp_path / 'ledger.db'}")
        return
    with pg_schema() as url:
        yield Backend("postgresql", url)


@pytest.fixture
def registry(backend: Backend) -> Iterator[Registry]:
    engine = make_engine(backend.url)
    registry = Registry(engine, token_pepper=PEPPER)
    registry.init()
    yield registry
    engine.dispose()
