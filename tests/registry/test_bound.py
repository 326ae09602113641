"""The registry inside a caller's transaction (`Registry.bound`), and the four-eyes exemption of
exchange settlement, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from sqlalchemy import select
from tests.registry.support import findings, held, open_enterprise, run

from chinaets.core.errors import InputError
from chinaets.market.commands import Deposit, ListVintage, OpenDay, Place
from chinaets.market.service import Market
from chinaets.registry import audit, queries
from chinaets.registry import records as r
from chinaets.registry.models import AuditRow, TransactionRow
from chinaets.registry.records import canonical
from chinaets.registry.serials import UnitClass, UnitKind
from chinaets.registry.service import Registry

CEA = UnitClass(UnitKind.CEA, "2024")
DAY = dt.datetime(2025, 7, 1, 9, 0)  # a trading day


def _funded(registry: Registry, quantity: int = 10_000) -> tuple[str, str]:
    a, b = open_enterprise(registry, 1), open_enterprise(registry, 2)
    run(registry, r.Issue("MEE", a, CEA, quantity, r.IssueKind.PRE_ALLOCATION))
    return a, b


def _tx_exists(registry: Registry, request_id: str) -> bool:
    with registry.reading() as session:
        query = select(TransactionRow.id).where(TransactionRow.request_id.like(f"%/{request_id}"))
        return session.scalars(query).first() is not None


def test_a_failure_after_the_bound_step_rolls_it_back(registry: Registry) -> None:
    a, b = _funded(registry)
    with registry.reading() as session:
        head = audit.head(session)
    with pytest.raises(RuntimeError), registry.engine.connect() as conn, conn.begin():
        result = registry.bound(conn).execute(r.SYSTEM, "bound-1", r.Transfer(a, b, CEA, 700))
        assert result.status == "done"
        with registry.bound(conn).reading() as session:  # the caller sees its own step
            assert queries.free_quantity(session, b, CEA) == 700
        raise RuntimeError("the caller's next step fails")
    assert held(registry, a) == {"CEA-2024": (10_000, 0)}
    assert held(registry, b) == {}
    assert not _tx_exists(registry, "bound-1")
    with registry.reading() as session:
        assert audit.head(session) == head
    assert findings(registry) == []
    again = registry.execute(r.SYSTEM, "bound-1", r.Transfer(a, b, CEA, 700))  # id is free again
    assert again.status == "done" and held(registry, b) == {"CEA-2024": (700, 0)}


def test_the_bound_step_commits_with_the_caller(registry: Registry) -> None:
    a, b = _funded(registry)
    with registry.engine.connect() as conn, conn.begin():
        bound = registry.bound(conn)
        first = bound.execute(r.SYSTEM, "bound-2", r.Transfer(a, b, CEA, 300))
        assert bound.execute(r.SYSTEM, "bound-2", r.Transfer(a, b, CEA, 300)) == first
    assert held(registry, b) == {"CEA-2024": (300, 0)}
    assert registry.execute(r.SYSTEM, "bound-2", r.Transfer(a, b, CEA, 300)) == first
    assert findings(registry) == []


def test_a_refused_bound_step_writes_nothing(registry: Registry) -> None:
    a, b = _funded(registry, 100)
    with pytest.raises(InputError), registry.engine.connect() as conn, conn.begin():
        registry.bound(conn).execute(r.SYSTEM, "bound-3", r.Transfer(a, b, CEA, 101))
    assert held(registry, a) == {"CEA-2024": (100, 0)}
    assert not _tx_exists(registry, "bound-3")


def _enterprise(account: str) -> r.Actor:
    code = account.removeprefix("ENT-")
    return r.Actor(f"user-{code}", r.Role.ENTERPRISE, code)


def test_exchange_settlement_above_the_threshold_needs_no_approval(registry: Registry) -> None:
    strict = Registry(registry.engine, four_eyes_threshold=1_000)
    seller, buyer = _funded(strict, 300_000)
    market = Market(strict)
    market.init()
    market.reload()
    for command in (
        ListVintage(DAY, "2024", Decimal("70.00")),
        OpenDay(DAY),
        Deposit(DAY, buyer, Decimal("1000000")),
    ):
        market.submit(command)
    sell = Place(DAY.replace(hour=10), seller, "2024", "sell", Decimal("70.00"), 5_000)
    market.submit(sell, _enterprise(seller))  # escrow of 5,000 > 1,000: no approval
    buy = Place(DAY.replace(hour=10, minute=1), buyer, "2024", "buy", Decimal("70.00"), 5_000)
    out = market.submit(buy, _enterprise(buyer))
    assert len(out.trades) == 1
    assert held(strict, buyer) == {"CEA-2024": (5_000, 0)}
    assert held(strict, seller) == {"CEA-2024": (295_000, 0)}
    with strict.reading() as session:
        query = select(TransactionRow.result).where(
            TransactionRow.op == "transfer", TransactionRow.request_id.like("%/market-%")
        )
        legs = [json.loads(text) for text in session.scalars(query)]
    assert len(legs) == 2  # escrow and delivery, each recorded why no second user signed
    assert {leg["detail"]["four_eyes"] for leg in legs} == {"exempt: exchange settlement"}
    assert findings(strict) == []


def test_an_enterprise_transfer_above_the_threshold_still_needs_approval(
    registry: Registry,
) -> None:
    strict = Registry(registry.engine, four_eyes_threshold=1_000)
    a, b = _funded(strict)
    Market(strict).init()  # opens the clearing account CLR-SEEE
    own = strict.execute(_enterprise(a), "own-1", r.Transfer(a, b, CEA, 5_000))
    assert own.status == "pending_approval"
    # straight to the clearing account, but not through the exchange's settlement
    direct = strict.execute(_enterprise(a), "own-2", r.Transfer(a, "CLR-SEEE", CEA, 5_000))
    assert direct.status == "pending_approval"
    assert held(strict, a) == {"CEA-2024": (10_000, 0)}


def test_settlement_must_involve_a_clearing_account(registry: Registry) -> None:
    a, b = _funded(registry)
    with pytest.raises(InputError) as caught:
        registry.execute(
            _enterprise(a), "fake-1", r.Transfer(a, b, CEA, 10), exchange_settlement=True
        )
    assert "clearing account" in str(caught.value)
    assert held(registry, b) == {}


def test_free_quantity_sums_the_free_blocks(registry: Registry) -> None:
    a, b = _funded(registry, 1_000)
    run(registry, r.Transfer(a, b, CEA, 250))
    run(registry, r.Freeze(a, "(2026)鄂01执1号", CEA, 100))
    with registry.reading() as session:
        assert queries.free_quantity(session, a, CEA) == 650
        assert queries.free_quantity(session, b, CEA) == 250
        assert queries.free_quantity(session, "ENT-NOSUCH", CEA) == 0
    with registry.engine.connect() as conn:
        assert queries.free_quantity(conn, a, UnitClass(UnitKind.CEA, "2023")) == 0


def test_audit_payload_is_canonical_json(registry: Registry) -> None:
    a, b = _funded(registry)
    run(registry, r.Transfer(a, b, CEA, 10))
    with registry.reading() as session:
        payload = session.scalars(select(AuditRow.payload).order_by(AuditRow.seq.desc())).first()
    assert payload is not None and payload == canonical(json.loads(payload))
