"""The exchange's rule values on one day, from the dated parameters in `parameters/`.

Prices inside the exchange are integer fen (CNY 0.01, the price tick), quantities integer
tonnes: exact integer arithmetic in the matching loop, about ten times faster than Decimal,
and lossless because every valid price is a whole number of ticks. Decimal yuan is used at the
edges (orders in, reports, the cash ledger's NUMERIC columns); `to_fen` and `to_yuan` convert.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from chinaets.core.errors import InputError, Location, RulesError
from chinaets.rules.lawbook import LawBook
from chinaets.rules.parameters import ParametersAt

FEN = Decimal("0.01")
MAX_YUAN_DIGITS = 12  # a system limit (column size), not a rule of the exchange
Session = tuple[dt.time, dt.time]


LAW = LawBook("market", "交易规则", Path(__file__).resolve().parent)
"""The market law book: its dated, cited parameters and worked cases."""
parameters = LAW.parameters
PARAMETER_DIR = LAW.parameter_dir


def _sessions(text: str) -> tuple[Session, ...]:
    out = []
    for part in text.split(","):
        start, end = part.strip().split("-")
        out.append((dt.time.fromisoformat(start), dt.time.fromisoformat(end)))
    return tuple(out)


def _fraction(value: object) -> Decimal:
    return Decimal(str(value))


@dataclass(frozen=True)
class AuctionRules:
    quantity_min: int
    floor_discount: Decimal
    bid_premium_max: Decimal
    application_lead: int
    decision_days: int
    lodge_lead: int
    allocation_rules: tuple[str, ...]


@dataclass(frozen=True)
class MarketRules:
    """Every rule value of the exchange in force on `day`."""

    day: dt.date
    listed_quantity_below: int
    block_quantity_min: int
    listed_price_limit: Decimal
    block_price_limit: Decimal
    tick_fen: int
    lot: int
    listed_sessions: tuple[Session, ...]
    block_sessions: tuple[Session, ...]
    click_depth: int
    same_day_resale: bool
    trading_days: str
    auction: AuctionRules | None  # None before one-way bidding was enabled

    def in_sessions(self, when: dt.time, sessions: tuple[Session, ...]) -> bool:
        return any(start <= when < end for start, end in sessions)


def _auction_rules(p: ParametersAt) -> AuctionRules | None:
    try:
        return AuctionRules(
            quantity_min=int(p("auction_quantity_min")),
            floor_discount=_fraction(p("auction_floor_discount")),
            bid_premium_max=_fraction(p("auction_bid_premium_max")),
            application_lead=int(p("auction_application_lead")),
            decision_days=int(p("auction_decision_days")),
            lodge_lead=int(p("auction_lodge_lead")),
            allocation_rules=tuple(str(p("auction_allocation_rules")).split(",")),
        )
    except RulesError:
        return None


@cache
def rules_on(day: dt.date) -> MarketRules:
    """The rules in force on `day` (cached: the parameters never change while running)."""
    p = parameters().at(day)
    try:
        tick = _fraction(p("price_tick"))
        return MarketRules(
            day=day,
            listed_quantity_below=int(p("listed_quantity_below")),
            block_quantity_min=int(p("block_quantity_min")),
            listed_price_limit=_fraction(p("listed_price_limit")),
            block_price_limit=_fraction(p("block_price_limit")),
            tick_fen=int(tick / FEN),
            lot=int(p("quantity_lot")),
            listed_sessions=_sessions(str(p("listed_sessions"))),
            block_sessions=_sessions(str(p("block_sessions"))),
            click_depth=int(p("click_depth_levels")),
            same_day_resale=bool(p("same_day_resale")),
            trading_days=str(p("trading_days")),
            auction=_auction_rules(p),
        )
    except RulesError as exc:
        first = first_trading_day()
        raise InputError.one(
            Location(field="date"),
            f"the national carbon market did not trade on {day}: {exc}",
            f"{day} 全国碳市场尚未开市",
            f"use a date on or after {first}, the first trading day",
            f"请使用 {first}（首个交易日）或之后的日期",
        ) from None


def first_trading_day() -> dt.date:
    """The day the national market opened: the first date of its trading-day rule."""
    return parameters()["trading_days"].values[0].start


def band(previous_close_fen: int, limit: Decimal) -> tuple[int, int]:
    """Lowest and highest allowed price (fen) around a previous close, rounded half-up."""
    base = Decimal(previous_close_fen)
    low = (base * (1 - limit)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    high = (base * (1 + limit)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(low), int(high)


def to_fen(price: Decimal | str | int, field: str = "price") -> int:
    """Yuan → fen; a price that is not a whole number of fen is refused (tick CNY 0.01), and so
    is one of CNY 10^12 or more (the cash ledger's columns hold 20 digits)."""
    try:
        value = Decimal(str(price))
    except InvalidOperation:
        value = Decimal("NaN")
    fits = value.is_finite() and value > 0 and -3 < value.adjusted() < MAX_YUAN_DIGITS
    if not fits or value != value.quantize(FEN):
        raise InputError.one(
            Location(field=field),
            f"price {price} is not a positive amount in whole fen (tick CNY 0.01)",
            f"价格 {price} 不是以分为单位的正数（最小变动单位 0.01 元）",
            "give a price such as 74.63",
            "请填写形如 74.63 的价格",
        )
    return int(value * 100)


def to_yuan(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(FEN)


def vwap_fen(turnover_fen: int, volume: int) -> int:
    """Volume-weighted average price in fen, rounded half-up to the tick."""
    return int((Decimal(turnover_fen) / volume).quantize(Decimal(1), rounding=ROUND_HALF_UP))
