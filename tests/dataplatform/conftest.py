"""The platform's tests run on SQLite (a fresh file) and on PostgreSQL (a private schema; skipped
with a notice when no server is reachable, see tests/postgres.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.postgres import pg_schema

from chinaets.platform.store import PlatformStore
from chinaets.platform.submit import Upload

HERE = Path(__file__).parent
REPORTS = {
    s: HERE.parent / s / "good_report.json" for s in ("power", "cement", "steel", "aluminium")
}


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[PlatformStore]:
    if request.param == "sqlite":
        opened = PlatformStore.open(f"sqlite:///{tmp_path / 'platform.db'}")
        yield opened
        opened.close()
        return
    with pg_schema() as url:
        opened = PlatformStore.open(url, files=tmp_path / "files")
        yield opened
        opened.close()


def report(sector: str = "power", **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(REPORTS[sector].read_text(encoding="utf-8"))
    data.update(changes)
    return data


def upload(data: dict[str, Any], name: str = "report.json") -> Upload:
    return Upload(name, {name: json.dumps(data, ensure_ascii=False).encode()})
