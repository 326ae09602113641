"""One-way bidding: the application timeline in working days, both allocation rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from market_support import PaperExchange

from chinaets.core.errors import InputError
from chinaets.market.commands import (
    AuctionApply,
    AuctionBid,
    AuctionClear,
    AuctionDecide,
    AuctionLodge,
    CloseDay,
    OpenDay,
)

D = Decimal
APPLIED = dt.datetime(2025, 9, 1, 10)  # Monday
AUCTION_DAY = dt.date(2025, 9, 15)  # 10 working days later (1-12 Sep are all working days)


def _apply(paper: PaperExchange, allocation: str, day: dt.date = AUCTION_DAY) -> str:
    command = AuctionApply(
        APPLIED, "S1", "2024", 300_000, day, "13:00-14:00", "discounted", allocation
    )
    ref = paper.submit(command).ref
    assert ref is not None
    return ref


def _to_auction_day(paper: PaperExchange, allocation: str) -> str:
    paper.submit(CloseDay(dt.datetime(2025, 7, 1, 15, 30)))
    ref = _apply(paper, allocation)
    paper.submit(AuctionDecide(dt.datetime(2025, 9, 3, 9), ref, True))
    paper.submit(AuctionLodge(dt.datetime(2025, 9, 8, 9), ref))
    paper.submit(OpenDay(dt.datetime(2025, 9, 15, 9)))
    return ref


def _bids(paper: PaperExchange, ref: str) -> None:
    for minute, (who, price, qty) in enumerate(
        [
            ("B1", "72.00", 100_000),
            ("B2", "75.00", 150_000),
            ("B1", "74.00", 100_000),
            ("B2", "70.00", 50_000),
        ]
    ):
        paper.submit(AuctionBid(dt.datetime(2025, 9, 15, 13, minute), who, ref, D(price), qty))


@pytest.mark.parametrize(
    ("allocation", "expected"),
    [
        ("uniform_price", [("B2", 7200, 150_000), ("B1", 7200, 100_000), ("B1", 7200, 50_000)]),
        ("pay_as_bid", [("B2", 7500, 150_000), ("B1", 7400, 100_000), ("B1", 7200, 50_000)]),
    ],
)
def test_allocation(
    paper: PaperExchange, allocation: str, expected: list[tuple[str, int, int]]
) -> None:
    ref = _to_auction_day(paper, allocation)
    _bids(paper, ref)
    with pytest.raises(InputError, match="after 14:00"):
        paper.submit(AuctionClear(dt.datetime(2025, 9, 15, 13, 59), ref))
    out = paper.submit(AuctionClear(dt.datetime(2025, 9, 15, 14, 0), ref))
    assert [(t.buyer, t.price, t.quantity) for t in out.trades] == expected
    assert {t.mode for t in out.trades} == {"auction"}
    # every bid's reservation is gone: paid or released
    assert paper.ex.cash_reserved("B1") == paper.ex.cash_reserved("B2") == 0
    assert paper.paper.clearing["2024"] == 0  # sold units delivered, none left in escrow


def test_unsold_allowances_go_back(paper: PaperExchange) -> None:
    ref = _to_auction_day(paper, "pay_as_bid")
    paper.submit(AuctionBid(dt.datetime(2025, 9, 15, 13, 1), "B1", ref, D("70.00"), 1000))
    paper.submit(AuctionClear(dt.datetime(2025, 9, 15, 14, 0), ref))
    assert paper.paper.free[("S1", "2024")] == 500_000 - 1000


def test_timeline_and_price_limits(paper: PaperExchange) -> None:
    with pytest.raises(InputError, match="at least 10 are required"):
        _apply(paper, "uniform_price", dt.date(2025, 9, 12))
    paper.submit(CloseDay(dt.datetime(2025, 7, 1, 15, 30)))
    ref = _apply(paper, "uniform_price")
    with pytest.raises(InputError, match="needs it approved"):
        paper.submit(AuctionLodge(dt.datetime(2025, 9, 2, 9), ref))
    with pytest.raises(InputError, match="decision is due by 2025-09-04"):
        paper.submit(AuctionDecide(dt.datetime(2025, 9, 5, 9), ref, True))
    paper.submit(AuctionDecide(dt.datetime(2025, 9, 4, 9), ref, True))
    with pytest.raises(InputError, match="5 working days before"):
        paper.submit(AuctionLodge(dt.datetime(2025, 9, 9, 9), ref))
    paper.submit(AuctionLodge(dt.datetime(2025, 9, 8, 9), ref))
    paper.submit(OpenDay(dt.datetime(2025, 9, 15, 9)))
    # floor "discounted" = 70.00 - 10 % = 63.00; maximum = 70.00 + 10 % = 77.00
    with pytest.raises(InputError, match=r"outside 63\.00-77\.00"):
        paper.submit(AuctionBid(dt.datetime(2025, 9, 15, 13, 1), "B1", ref, D("62.99"), 1000))
    with pytest.raises(InputError, match="seller cannot bid"):
        paper.submit(AuctionBid(dt.datetime(2025, 9, 15, 13, 1), "S1", ref, D("70"), 1000))
    with pytest.raises(InputError, match="13:00-14:00"):
        paper.submit(AuctionBid(dt.datetime(2025, 9, 15, 14, 1), "B1", ref, D("70"), 1000))


def test_auctions_not_before_july_2025(paper: PaperExchange) -> None:
    with pytest.raises(InputError, match="not available"):
        paper.submit(
            AuctionApply(
                dt.datetime(2025, 6, 2, 10),
                "S1",
                "2024",
                300_000,
                AUCTION_DAY,
                "13:00-14:00",
                "previous_close",
                "pay_as_bid",
            )
        )
