"""Delivery versus payment through the registry, on SQLite and PostgreSQL: both legs or
neither; the log rebuilds the market; the cash ledger's invariants hold."""

from __future__ import annotations

from decimal import Decimal

import pytest
from market_support import CLOSE, at
from sqlalchemy import select

from chinaets.core.errors import InputError
from chinaets.market import service
from chinaets.market.commands import Cancel, CloseDay, Place
from chinaets.market.service import Market
from chinaets.market.store import TradeRow
from chinaets.registry import records as r
from chinaets.registry.errors import AccessDenied

D = Decimal
Setup = tuple[Market, str, str]


def _state(m: Market, seller: str, buyer: str) -> tuple[object, ...]:
    return (
        m.free_holdings(seller, "2024"),
        m.free_holdings(buyer, "2024"),
        m.free_holdings(m.clearing, "2024"),
        m.balances(),
        len(m.exchange.log),
    )


def test_trade_settles_both_legs(market: Setup) -> None:
    m, seller, buyer = market
    m.submit(Place(at(10), seller, "2024", "sell", D("70.50"), 3000))
    assert m.free_holdings(m.clearing, "2024") == 3000  # escrowed at placement
    out = m.submit(Place(at(10, 1), buyer, "2024", "buy", D("71.00"), 1000))
    assert len(out.trades) == 1
    assert m.free_holdings(buyer, "2024") == 1000
    assert m.free_holdings(m.clearing, "2024") == 2000
    balances = m.balances()
    assert balances[f"{seller}/available"] == D("70500.00")
    assert balances[f"{buyer}/available"] == D("30000000.00") - D("70500.00")
    with m.reading() as conn:
        row = conn.execute(select(TradeRow)).one()
    assert row.registry_tx_id > 0 and row.price == D("70.50")
    assert m.cash_problems() == []


def test_failure_in_the_cash_leg_leaves_nothing(
    market: Setup, monkeypatch: pytest.MonkeyPatch
) -> None:
    m, seller, buyer = market
    m.submit(Place(at(10), seller, "2024", "sell", D("70.50"), 3000))
    before = _state(m, seller, buyer)

    def broken(self: Market, conn: object, seq: int, move: object) -> None:
        if getattr(move, "reason", "") == "trade":
            raise RuntimeError("cash ledger down")
        original(self, conn, seq, move)  # type: ignore[arg-type]

    original = Market._cash_leg
    monkeypatch.setattr(Market, "_cash_leg", broken)
    with pytest.raises(RuntimeError):
        m.submit(Place(at(10, 1), buyer, "2024", "buy", D("71.00"), 1000))
    monkeypatch.undo()
    assert _state(m, seller, buyer) == before  # the registry delivery was rolled back too
    assert m.cash_problems() == []


def test_failure_in_the_registry_leg_leaves_nothing(market: Setup) -> None:
    m, seller, buyer = market
    m.submit(Place(at(10), seller, "2024", "sell", D("70.50"), 3000))
    # the buyer's registry account is closed: the registry refuses the delivery
    m.registry.execute(r.SYSTEM, "close-buyer", r.CloseAccount(buyer))
    before = _state(m, seller, buyer)
    with pytest.raises(InputError):
        m.submit(Place(at(10, 1), buyer, "2024", "buy", D("71.00"), 1000))
    assert _state(m, seller, buyer) == before  # no cash moved, no trade, no log entry
    with m.reading() as conn:
        assert conn.execute(select(TradeRow)).all() == []


def test_escrow_refused_by_the_registry_changes_nothing(market: Setup) -> None:
    m, seller, buyer = market
    outsider = r.Actor("someone", r.Role.ENTERPRISE, "91000000000000000X")
    before = _state(m, seller, buyer)
    with pytest.raises(AccessDenied):
        m.submit(Place(at(10), seller, "2024", "sell", D("70.50"), 10), outsider)
    assert _state(m, seller, buyer) == before


def test_log_replay_rebuilds_the_market(market: Setup, db_url: str) -> None:
    m, seller, buyer = market
    m.submit(Place(at(10), seller, "2024", "sell", D("70.50"), 3000))
    m.submit(Place(at(10, 1), buyer, "2024", "buy", D("71.00"), 1000))
    ref = m.submit(Place(at(10, 2), buyer, "2024", "buy", D("69.00"), 500)).ref
    m.submit(Cancel(at(10, 3), buyer, str(ref)))
    m.submit(CloseDay(at(15, 30)))
    again = service.Market.open(db_url)
    assert again.exchange.trades == m.exchange.trades
    assert again.exchange.bars == m.exchange.bars
    assert again.exchange.cash == m.exchange.cash
    assert again.cash_problems() == []
    assert m.free_holdings(m.clearing, "2024") == 0  # expiry released the escrow
    again.engine.dispose()


def test_a_closed_buyer_does_not_block_the_book(market: tuple[Market, str, str]) -> None:
    """Issue 16, item 7: the registry closes an account with a resting bid; the next crossing
    sell does not fail for ever: the exchange withdraws the closed account's bids (cash back
    to available) and the sell goes on, with every check still agreeing."""
    m, seller, buyer = market
    bid = m.submit(Place(at(10), buyer, "2024", "buy", CLOSE, 1000))
    m.registry.execute(r.SYSTEM, "close-buyer", r.CloseAccount(buyer))
    out = m.submit(Place(at(10, 1), seller, "2024", "sell", CLOSE, 1000))
    assert out.trades == []
    with m.view() as exchange:
        assert bid.ref not in exchange.books["2024"].orders
        assert out.ref in exchange.books["2024"].orders
        assert exchange.cash_reserved(buyer) == 0
    assert m.cash_problems() == [] and m.replay_problems() == []
