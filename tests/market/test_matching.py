"""Listed agreement matching, click-trade, block trades, the day's open and close, replay."""

from __future__ import annotations

import doctest
from decimal import Decimal

import pytest
from market_support import DAY, PaperExchange, at

import chinaets.market.book
import chinaets.market.engine
from chinaets.core.errors import InputError
from chinaets.market.commands import (
    AcceptBlock,
    Cancel,
    Click,
    CloseDay,
    Deposit,
    OpenDay,
    Place,
    PostBlock,
)
from chinaets.market.engine import Exchange

D = Decimal


@pytest.mark.parametrize("module", [chinaets.market.book, chinaets.market.engine])
def test_doctests(module: object) -> None:
    result = doctest.testmod(module)  # type: ignore[arg-type]
    assert result.attempted > 0 and result.failed == 0


def test_price_time_priority(paper: PaperExchange) -> None:
    first = paper.submit(Place(at(10), "S1", "2024", "sell", D("70.10"), 100)).ref
    second = paper.submit(Place(at(10, 1), "S2", "2024", "sell", D("70.10"), 100)).ref
    better = paper.submit(Place(at(10, 2), "S2", "2024", "sell", D("70.05"), 100)).ref
    out = paper.submit(Place(at(10, 3), "B1", "2024", "buy", D("70.20"), 250))
    assert [(t.sell_order, t.price, t.quantity) for t in out.trades] == [
        (better, 7005, 100),
        (first, 7010, 100),
        (second, 7010, 50),
    ]
    # the buyer paid the makers' prices; the rest of its reservation came back
    assert paper.ex.cash_reserved("B1") == 0
    assert paper.ex.cash_available("B1") == 5_000_000_000 - (7005 * 100 + 7010 * 150)


def test_click_trade_takes_any_quote_in_best_five_levels(paper: PaperExchange) -> None:
    refs = [
        paper.submit(Place(at(10, i), "S1", "2024", "sell", D("70.00") + i, 10)).ref
        for i in range(6)
    ]
    out = paper.submit(Click(at(10, 30), "B1", refs[4], 7))  # the fifth level, at its price
    assert [(t.price, t.quantity, t.sell_order) for t in out.trades] == [(7400, 7, refs[4])]
    with pytest.raises(InputError, match="best 5 price levels"):
        paper.submit(Click(at(10, 31), "B1", refs[5], 1))
    with pytest.raises(InputError, match="remaining"):
        paper.submit(Click(at(10, 32), "B1", refs[4], 4))
    with pytest.raises(InputError, match="your own quote"):
        paper.submit(Click(at(10, 33), "S1", refs[0], 1))


def test_block_negotiation_and_posted_offer(paper: PaperExchange) -> None:
    quote = paper.submit(PostBlock(at(13, 5), "S1", "2024", "sell", D("85.00"), 200_000, "B1")).ref
    with pytest.raises(InputError, match="addressed to B1"):
        paper.submit(AcceptBlock(at(13, 6), "B2", quote))
    out = paper.submit(AcceptBlock(at(13, 7), "B1", quote))
    assert [(t.mode, t.price, t.quantity, t.buyer) for t in out.trades] == [
        ("block", 8500, 200_000, "B1")
    ]
    posted = paper.submit(PostBlock(at(13, 8), "B2", "2024", "buy", D("60.00"), 100_000)).ref
    assert paper.submit(AcceptBlock(at(13, 9), "S2", posted)).trades[0].seller == "S2"
    with pytest.raises(InputError, match="outside the block agreement sessions"):
        paper.submit(PostBlock(at(10), "S1", "2024", "sell", D("70"), 100_000))


def test_open_and_close_ignore_block_trades(paper: PaperExchange) -> None:
    paper.submit(Place(at(10), "S1", "2024", "sell", D("71.00"), 100))
    paper.submit(Place(at(10, 1), "B1", "2024", "buy", D("71.00"), 100))
    paper.submit(Place(at(10, 2), "S1", "2024", "sell", D("72.00"), 300))
    paper.submit(Place(at(10, 3), "B1", "2024", "buy", D("72.00"), 200))
    quote = paper.submit(PostBlock(at(13, 5), "S2", "2024", "sell", D("90.00"), 100_000)).ref
    paper.submit(AcceptBlock(at(13, 6), "B2", quote))
    paper.submit(CloseDay(at(15, 30)))
    listed, block = paper.ex.bars
    # open = first listed trade; close = VWAP (71*100 + 72*200) / 300 = 71.666… → 71.67
    assert (listed.open, listed.high, listed.low, listed.close, listed.volume) == (
        7100,
        7200,
        7100,
        7167,
        300,
    )
    assert (block.mode, block.close, block.volume) == ("block", 9000, 100_000)
    assert paper.ex.closes["2024"] == 7167
    # resting orders expired and gave back their escrow: nothing left in clearing
    assert paper.paper.clearing["2024"] == 0


def test_no_trade_day_keeps_previous_close(paper: PaperExchange) -> None:
    paper.submit(CloseDay(at(15, 30)))
    (bar,) = paper.ex.bars
    assert (bar.open, bar.close, bar.high, bar.volume) == (7000, 7000, None, 0)


def test_same_day_purchases_cannot_be_sold_until_next_day(paper: PaperExchange) -> None:
    paper.submit(Place(at(10), "S1", "2024", "sell", D("70.00"), 100))
    paper.submit(Place(at(10, 1), "B1", "2024", "buy", D("70.00"), 100))
    paper.paper.free[("B1", "2024")] += 0  # delivered units are in B1's registry holding
    paper.paper.free[("B1", "2024")] = 100
    with pytest.raises(InputError, match="cannot be sold until the next trading day") as info:
        paper.submit(Place(at(10, 2), "B1", "2024", "sell", D("70.00"), 100))
    assert "当日买入的配额不得当日卖出" in str(info.value)
    paper.submit(CloseDay(at(15, 30)))
    paper.submit(OpenDay(DAY.replace(day=2)))
    assert paper.submit(
        Place(DAY.replace(day=2, hour=10), "B1", "2024", "sell", D("70.00"), 100)
    ).ref


def test_cancel_releases_reservation(paper: PaperExchange) -> None:
    ref = paper.submit(Place(at(10), "B1", "2024", "buy", D("69.00"), 1000)).ref
    assert paper.ex.cash_reserved("B1") == 6900 * 1000
    with pytest.raises(InputError, match="does not belong"):
        paper.submit(Cancel(at(10, 1), "B2", ref))
    paper.submit(Cancel(at(10, 1), "B1", ref))
    assert paper.ex.cash_reserved("B1") == 0 and paper.ex.books["2024"].orders == {}


def test_replay_rebuilds_book_and_trades(paper: PaperExchange) -> None:
    for i, (who, side, price) in enumerate(
        [
            ("S1", "sell", "70.30"),
            ("B1", "buy", "70.10"),
            ("S2", "sell", "70.05"),
            ("B2", "buy", "70.40"),
        ]
    ):
        paper.submit(Place(at(10, i), who, "2024", side, D(price), 150 + i))
    again = Exchange.replay(paper.ex.log, paper.paper)
    assert again.trades == paper.ex.trades
    assert again.cash == paper.ex.cash
    for side in ("buy", "sell"):
        assert again.books["2024"].depth(side, 10) == paper.ex.books["2024"].depth(side, 10)
    assert again.counters == paper.ex.counters


def test_self_trade_prevention_refuses_the_incoming_order(paper: PaperExchange) -> None:
    """Issue 16, item 17: an order that would fill against the trader's own resting order is
    refused (the resting order stands); one that fills before reaching it trades."""
    paper.submit(Place(at(10), "S2", "2024", "sell", Decimal("70.00"), 100))
    paper.submit(Place(at(10, 1), "S1", "2024", "sell", Decimal("70.00"), 100))
    paper.submit(Deposit(at(10, 2), "S1", Decimal("1000000")))
    with pytest.raises(InputError, match="self-trade"):
        paper.submit(Place(at(10, 3), "S1", "2024", "buy", Decimal("70.00"), 200))
    out = paper.submit(Place(at(10, 4), "S1", "2024", "buy", Decimal("70.00"), 100))
    assert [(t.buyer, t.seller) for t in out.trades] == [("S1", "S2")]
    with pytest.raises(InputError, match="self-trade"):
        paper.submit(Place(at(10, 5), "S1", "2024", "buy", Decimal("70.00"), 100))
