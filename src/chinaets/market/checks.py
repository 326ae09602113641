"""Checks shared by the trading modes: open day and hours, vintage, price (tick, band),
quantity (lot, mode size), funds and tradable holdings. Each returns the problems it found."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from chinaets.core.errors import InputError, Problem
from chinaets.market import problems as why
from chinaets.market.calendar import is_trading_day
from chinaets.market.commands import BUY, SELL
from chinaets.market.rules import MarketRules, Session, band, to_fen
from chinaets.market.state import ExchangeState


def session(
    ex: ExchangeState, ts: dt.datetime, mode: str, sessions: tuple[Session, ...]
) -> list[Problem]:
    if ex.day is None or ts.date() != ex.day:
        return [why.market_closed(ts, ex.day)]
    if not ex.rules(ts).in_sessions(ts.time(), sessions):
        return [why.outside_hours(mode, ts.time(), sessions)]
    return []


def trading_day(day: dt.date) -> list[Problem]:
    return [] if is_trading_day(day, "ts") else [why.not_trading_day(day)]


def vintage(ex: ExchangeState, name: str) -> list[Problem]:
    return [] if name in ex.books else [why.unknown_vintage(name, sorted(ex.books))]


def side(name: str) -> list[Problem]:
    return [] if name in (BUY, SELL) else [why.bad_side(name)]


def price(
    ex: ExchangeState,
    rules: MarketRules,
    vintage_name: str,
    value: Decimal,
    limit: Decimal,
    mode: str,
) -> tuple[int | None, list[Problem]]:
    """The price in fen (None if unusable) and its problems: tick, then the band."""
    try:
        fen = to_fen(value)
    except InputError as exc:
        return None, exc.problems
    if fen % rules.tick_fen:
        return None, [why.bad_tick(fen, rules.tick_fen)]
    close = ex.closes.get(vintage_name)
    if close is None:
        return fen, []
    low, high = band(close, limit)
    if not low <= fen <= high:
        return None, [why.outside_band(fen, low, high, mode, close)]
    return fen, []


def lot(quantity: int, rules: MarketRules) -> list[Problem]:
    if not isinstance(quantity, int) or quantity <= 0 or quantity % rules.lot:
        return [why.bad_lot(quantity, rules.lot)]
    return []


def funds(ex: ExchangeState, trader: str, needed: int) -> list[Problem]:
    free = ex.cash_available(trader)
    return [] if needed <= free else [why.unfunded(trader, needed, free)]


def holdings(ex: ExchangeState, trader: str, vintage_name: str, quantity: int) -> list[Problem]:
    free, bought = ex.tradable(trader, vintage_name)
    if quantity <= free - bought:
        return []
    return [why.not_enough_allowances(trader, vintage_name, quantity, free, bought)]


def backing(
    ex: ExchangeState,
    trader: str,
    side_name: str,
    vintage_name: str,
    fen: int | None,
    quantity: int,
) -> list[Problem]:
    """A buy must be fully pre-funded; a sell backed by tradable (not same-day) holdings."""
    if side_name == BUY:
        return [] if fen is None else funds(ex, trader, fen * quantity)
    return holdings(ex, trader, vintage_name, quantity)
