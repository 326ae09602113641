"""Opening and closing a trading day: the official open and close, daily bars, and the expiry
of everything still resting (orders and quotes are good for the day only)."""

from __future__ import annotations

import datetime as dt

from chinaets.core.errors import Location, Problem
from chinaets.market import checks
from chinaets.market.commands import AUCTION, BLOCK, LISTED, CloseDay, OpenDay
from chinaets.market.problems import raise_all
from chinaets.market.records import DailyBar, Trade
from chinaets.market.rules import rules_on, vwap_fen
from chinaets.market.state import ExchangeState, unreserve, withdraw_quote


def check_open(ex: ExchangeState, c: OpenDay) -> None:
    rules_on(c.ts.date())  # refuses days before the market existed
    problems = checks.trading_day(c.ts.date())
    if ex.day is not None:
        problems.append(
            Problem(
                Location(field="ts"),
                f"trading day {ex.day} is still open",
                f"交易日 {ex.day} 尚未收市",
                "close it first",
                "请先收市",
            )
        )
    elif ex.bars and c.ts.date() <= ex.bars[-1].day:
        problems.append(
            Problem(
                Location(field="ts"),
                f"{c.ts.date()} is not after the last trading day {ex.bars[-1].day}",
                f"{c.ts.date()} 不晚于上一交易日 {ex.bars[-1].day}",
                "open a later day",
                "请开启之后的交易日",
            )
        )
    raise_all(problems)


def apply_open(ex: ExchangeState, c: OpenDay) -> None:
    ex.day = c.ts.date()
    ex.bought_today.clear()


def check_close(ex: ExchangeState, c: CloseDay) -> None:
    if ex.day is None or c.ts.date() != ex.day:
        raise_all(
            [
                Problem(
                    Location(field="ts"),
                    f"no trading day is open on {c.ts.date()}",
                    f"{c.ts.date()} 没有已开市的交易日",
                    "open the day first",
                    "请先开市",
                )
            ]
        )


def apply_close(ex: ExchangeState, c: CloseDay) -> None:

    assert ex.day is not None
    today = [t for t in ex.trades if t.ts.date() == ex.day]
    for vintage in sorted(ex.books):
        bars = day_bars(ex.day, vintage, ex.closes[vintage], today)
        ex.bars.extend(bars)
        ex.closes[vintage] = bars[0].close  # only the listed agreement sets the close
        book = ex.books[vintage]
        for order in book.resting():
            book.cancel(order.id)
            unreserve(ex, order, vintage, "expired")
    for quote_id in sorted(ex.block_quotes):
        withdraw_quote(ex, quote_id, "expired")
    ex.day = None


def day_bars(
    day: dt.date, vintage: str, previous_close: int, trades: list[Trade]
) -> list[DailyBar]:
    """The listed bar (always) then block and auction bars (when they traded)."""
    bars = []
    for mode in (LISTED, BLOCK, AUCTION):
        mine = [t for t in trades if t.vintage == vintage and t.mode == mode]
        if not mine and mode != LISTED:
            continue
        volume = sum(t.quantity for t in mine)
        turnover = sum(t.value for t in mine)
        close = vwap_fen(turnover, volume) if volume else previous_close
        bars.append(
            DailyBar(
                day=day,
                vintage=vintage,
                mode=mode,
                open=mine[0].price if mine else previous_close,
                high=max(t.price for t in mine) if mine else None,
                low=min(t.price for t in mine) if mine else None,
                close=close,
                volume=volume,
                turnover=turnover,
                trades=len(mine),
            )
        )
    return bars
