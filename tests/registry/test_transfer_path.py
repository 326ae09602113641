"""The transfer hot path (`transfer_path`) does exactly what the general path does: the same
results, blocks, postings and audit payloads for the same sequence of requests, on both
databases."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from tests.postgres import pg_schema
from tests.registry.conftest import Backend
from tests.registry.support import findings, open_enterprise

from chinaets.core.errors import InputError
from chinaets.registry import records as r
from chinaets.registry import transfer_path
from chinaets.registry.models import AuditRow, BlockRow
from chinaets.registry.serials import unit_class
from chinaets.registry.service import Registry
from chinaets.registry.store import make_engine

CEA = unit_class("CEA", "2021")


@pytest.fixture
def second_url(backend: Backend, tmp_path: Path) -> Iterator[str]:
    if backend.name == "sqlite":
        yield f"sqlite:///{tmp_path / 'general.db'}"
        return
    with pg_schema() as url:
        yield url


def _replay(url: str, hot: bool, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Run one seeded sequence of transfers and freezes; what the ledger holds afterwards."""
    with ExitStack() as stack, monkeypatch.context() as patch:
        if not hot:
            patch.setattr(transfer_path, "eligible", lambda request, needs_approval: False)
        registry = Registry(make_engine(url), four_eyes_threshold=5000)
        stack.callback(registry.engine.dispose)
        registry.init()
        accounts = [open_enterprise(registry, n) for n in range(4)]
        for n, account in enumerate(accounts):
            issue = r.Issue("MEE", account, CEA, 3000 + n, r.IssueKind.PRE_ALLOCATION)
            registry.execute(r.SYSTEM, f"fund-{n}", issue)
        rng, results = random.Random(7), []
        for step in range(120):
            a, b = rng.sample(accounts, 2)
            request: r.Request = r.Transfer(a, b, CEA, rng.randint(1, 900))
            if step % 17 == 5:
                request = r.Freeze(a, f"order-{step}", CEA, rng.randint(1, 50))
            try:
                done = registry.execute(r.SYSTEM, f"s-{step}", request)
                results.append({**done.as_json(), "created_at": None})
            except InputError as exc:
                results.append(str(exc))
        assert findings(registry) == []
        with registry.reading() as session:
            blocks = session.execute(
                select(BlockRow.account_id, BlockRow.serial_start, BlockRow.serial_end)
                .where(BlockRow.freeze_id.is_(None))
                .order_by(BlockRow.account_id, BlockRow.serial_start)
            ).all()
            payloads = [json.loads(p) for p in session.scalars(select(AuditRow.payload))]
        for payload in payloads:
            if "result" in payload:
                payload["result"]["created_at"] = None
        return {"results": results, "blocks": [tuple(b) for b in blocks], "audit": payloads}


def test_the_hot_path_matches_the_general_path(
    backend: Backend, second_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    hot = _replay(backend.url, True, monkeypatch)
    general = _replay(second_url, False, monkeypatch)
    assert hot == general
    assert any(isinstance(x, str) for x in hot["results"])  # shortfalls were refused alike


def test_only_plain_transfers_take_the_hot_path() -> None:
    plain = r.Transfer("ENT-A", "ENT-B", CEA, 10)
    assert transfer_path.eligible(plain, needs_approval=False)
    assert not transfer_path.eligible(plain, needs_approval=True)
    assert not transfer_path.eligible(r.Transfer("ENT-A", "ENT-B", CEA, 0), needs_approval=False)
    bad = r.Transfer("ENT-A", "ENT-B", CEA, True)  # a bool is not a quantity
    assert not transfer_path.eligible(bad, needs_approval=False)
