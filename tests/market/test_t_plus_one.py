"""T+1 across the registry: units bought today cannot leave the buyer's account by a registry
transfer (to be sold from another account the same day) until the exchange closes the day; the
general and hot transfer paths refuse alike; surrender is not limited; the holds end at close."""

from __future__ import annotations

from decimal import Decimal

import pytest
from market_support import at, open_entity
from sqlalchemy import select

from chinaets.core.errors import InputError
from chinaets.market.commands import CloseDay, Place
from chinaets.market.service import Market
from chinaets.registry import holds
from chinaets.registry import records as r
from chinaets.registry.models import BlockRow
from chinaets.registry.serials import SerialRange, UnitClass, UnitKind

D = Decimal
CEA_2024 = UnitClass(UnitKind.CEA, "2024")
Setup = tuple[Market, str, str]


def _buy(m: Market, seller: str, buyer: str, quantity: int) -> None:
    m.submit(Place(at(10), seller, "2024", "sell", D("70.50"), quantity))
    out = m.submit(Place(at(10, 1), buyer, "2024", "buy", D("71.00"), quantity))
    assert sum(t.quantity for t in out.trades) == quantity


def _held(m: Market, account: str) -> int:
    with m.registry.reading() as session:
        return holds.held(session, account, CEA_2024)


def _owner(buyer: str) -> r.Actor:
    return r.Actor(f"user-{buyer}", r.Role.ENTERPRISE, buyer.removeprefix("ENT-"))


@pytest.mark.parametrize("serials", [False, True], ids=["hot path", "general path"])
def test_units_bought_today_cannot_be_transferred_away(market: Setup, serials: bool) -> None:
    m, seller, buyer = market
    _buy(m, seller, buyer, 1000)
    partner = open_entity(m.registry, 3)
    assert _held(m, buyer) == 1000
    transfer = r.Transfer(buyer, partner, CEA_2024, 400)
    if serials:  # exact serials take the general path
        with m.registry.reading() as session:
            start = session.scalars(
                select(BlockRow.serial_start).where(BlockRow.account_id == buyer)
            ).first()
        assert start is not None
        transfer = r.Transfer(buyer, partner, CEA_2024, 400, SerialRange(start, start + 399))
    with pytest.raises(InputError) as refused:
        m.registry.execute(_owner(buyer), "move-bought-today", transfer)
    problem = refused.value.problems[0]
    assert problem.where.field == "quantity"
    assert "T+1" in problem.en and "T+1" in problem.zh and "0" in problem.fix_en
    assert m.free_holdings(partner, "2024") == 0


def test_surrender_is_not_held(market: Setup) -> None:
    m, seller, buyer = market
    _buy(m, seller, buyer, 1000)
    code = buyer.removeprefix("ENT-")
    surrender = r.Surrender(buyer, CEA_2024, 1000, r.Obligation(code, 2024))
    assert m.registry.execute(_owner(buyer), "surrender-today", surrender).status == "done"


def test_free_units_beyond_the_held_ones_still_move(market: Setup) -> None:
    m, seller, buyer = market
    m.registry.execute(r.SYSTEM, "gift", r.Transfer(seller, buyer, CEA_2024, 300))
    _buy(m, seller, buyer, 1000)
    partner = open_entity(m.registry, 3)
    done = m.registry.execute(_owner(buyer), "move-own", r.Transfer(buyer, partner, CEA_2024, 300))
    assert done.status == "done"
    with pytest.raises(InputError):
        m.registry.execute(_owner(buyer), "move-one-more", r.Transfer(buyer, partner, CEA_2024, 1))


def test_the_close_ends_the_holds(market: Setup) -> None:
    m, seller, buyer = market
    _buy(m, seller, buyer, 1000)
    m.submit(CloseDay(at(15, 30)))
    assert _held(m, buyer) == 0
    partner = open_entity(m.registry, 3)
    moved = m.registry.execute(
        _owner(buyer), "after-close", r.Transfer(buyer, partner, CEA_2024, 1000)
    )
    assert moved.status == "done"
    assert m.replay_problems() == [] and m.cash_problems() == []
