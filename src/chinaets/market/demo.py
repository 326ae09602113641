"""A seeded trading day (or several) among demo entities: entities short of allowances buy
from those with a surplus, in the listed agreement (continuous and click-trade) and, for large
gaps, by block agreement. Used by `chinaets demo` and `chinaets market demo`."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from chinaets.market import data
from chinaets.market.calendar import is_trading_day, next_trading_day
from chinaets.market.commands import (
    AcceptBlock,
    CloseDay,
    Deposit,
    ListVintage,
    OpenDay,
    Place,
    PostBlock,
)
from chinaets.market.rules import to_yuan
from chinaets.market.service import Market
from chinaets.registry.service import Registry

# 2025 year-end close of CEA, CNY/t: MEE release 2026-01-01 (rules reference §5.2, [S20]).
REFERENCE_CLOSE = Decimal("74.63")
DEMO_VINTAGE = "2025"


@dataclass(frozen=True)
class DemoEntity:
    """A registry holding account and its position: positive gap = allowances short."""

    account: str
    gap: int


def _first_day(start: dt.date) -> dt.date:
    return start if is_trading_day(start) else next_trading_day(start)


def run_trading_days(
    registry: Registry,
    entities: Sequence[DemoEntity],
    seed: int,
    days: int = 1,
    start: dt.date = dt.date(2026, 3, 2),
    vintage: str = DEMO_VINTAGE,
) -> list[dict[str, Any]]:
    """Trade for `days` trading days from `start`; returns each day's report.

    Entities must have registry holding accounts; surplus entities must hold free allowances
    of `vintage`. Buyers are funded with enough cash for their gap at the upper price limit.
    """
    market = Market(registry)
    market.init()
    market.reload()
    rng = random.Random(seed)
    day = _first_day(start)
    if vintage not in market.exchange.books:
        market.submit(ListVintage(dt.datetime.combine(day, dt.time(9)), vintage, REFERENCE_CLOSE))
    buyers = [e for e in entities if e.gap > 0]
    sellers = [e for e in entities if e.gap < 0]
    for buyer in buyers:
        cash = to_yuan(int(buyer.gap * market.exchange.closes[vintage] * 2))
        market.submit(Deposit(dt.datetime.combine(day, dt.time(9)), buyer.account, cash))
    reports = []
    for _ in range(days):
        reports.append(_one_day(market, rng, day, vintage, buyers, sellers))
        day = next_trading_day(day)
    return reports


def _one_day(
    market: Market,
    rng: random.Random,
    day: dt.date,
    vintage: str,
    buyers: list[DemoEntity],
    sellers: list[DemoEntity],
) -> dict[str, Any]:
    at = dt.datetime.combine(day, dt.time(9, 30))
    market.submit(OpenDay(at.replace(hour=9, minute=0)))
    close = market.exchange.closes[vintage]
    for minute in range(0, 110, 2):
        when = at + dt.timedelta(minutes=minute)
        who = rng.choice(sellers if rng.random() < 0.5 else buyers) if sellers and buyers else None
        if who is None:
            break
        side = "sell" if who.gap < 0 else "buy"
        tilt = 1 if side == "buy" else -1
        price = close + tilt * rng.randint(-30, 60)
        quantity = rng.randint(1, 40) * 100
        _try(market, Place(when, who.account, vintage, side, to_yuan(price), quantity))
    _block(market, rng, day, vintage, buyers, sellers, close)
    market.submit(CloseDay(dt.datetime.combine(day, dt.time(15, 30))))
    return data.daily_report(market.exchange, day)


def _block(
    market: Market,
    rng: random.Random,
    day: dt.date,
    vintage: str,
    buyers: list[DemoEntity],
    sellers: list[DemoEntity],
    close: int,
) -> None:
    """The largest buyer posts a block bid; the largest seller accepts it."""
    big_buyer = max(buyers, key=lambda e: e.gap, default=None)
    big_seller = min(sellers, key=lambda e: e.gap, default=None)
    if big_buyer is None or big_seller is None or big_buyer.gap < 100_000:
        return
    at = dt.datetime.combine(day, dt.time(13, 30))
    price = to_yuan(close + rng.randint(-100, 100))
    posted = _try(
        market, PostBlock(at, big_buyer.account, vintage, "buy", price, 100_000, big_seller.account)
    )
    if posted is not None:
        _try(market, AcceptBlock(at.replace(minute=45), big_seller.account, posted))


def _try(market: Market, command: Any) -> str | None:
    """Submit; a refused order (e.g. not enough holdings left) is skipped, as a trader would."""
    from chinaets.core.errors import InputError

    try:
        return market.submit(command).ref
    except InputError:
        return None
