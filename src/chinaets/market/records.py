"""What the exchange produces: trades, effects to record, daily bars. Immutable and exact."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from chinaets.market.rules import to_yuan

BANK = "BANK"  # the contra account of cash paid in and out (its balance is −cash held)


def available(trader: str) -> str:
    return f"{trader}/available"


def reserved(trader: str) -> str:
    return f"{trader}/reserved"


@dataclass(frozen=True)
class Trade:
    id: str
    seq: int  # the log position of the command that made it
    ts: dt.datetime
    vintage: str
    mode: str
    price: int  # fen
    quantity: int
    buyer: str
    seller: str
    buy_order: str
    sell_order: str

    @property
    def value(self) -> int:
        return self.price * self.quantity

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "seq": self.seq,
            "ts": self.ts.isoformat(),
            "vintage": self.vintage,
            "mode": self.mode,
            "price": str(to_yuan(self.price)),
            "quantity": self.quantity,
            "value": str(to_yuan(self.value)),
            "buyer": self.buyer,
            "seller": self.seller,
            "buy_order": self.buy_order,
            "sell_order": self.sell_order,
        }


@dataclass(frozen=True)
class CashMove:
    """Cash (fen) from one cash-ledger account to another."""

    source: str
    destination: str
    fen: int
    reason: str
    ref: str

    @property
    def amount(self) -> Decimal:
        return to_yuan(self.fen)


@dataclass(frozen=True)
class AllowanceMove:
    """Allowances the registry must move for the exchange.

    escrow: trader's holding account → exchange clearing account (an order or quote is backed);
    release: clearing → the same trader (cancelled, expired or unsold);
    deliver: clearing → buyer (a trade settles).
    """

    action: str
    trader: str
    vintage: str
    quantity: int
    ref: str


Effect = CashMove | AllowanceMove


@dataclass(frozen=True)
class DailyBar:
    """OHLCV of one vintage and trading mode on one day. For the listed mode, open is the first
    trade (else the previous close) and close the volume-weighted average (else the previous
    close): the official close. Block and auction bars report their own VWAP as close."""

    day: dt.date
    vintage: str
    mode: str
    open: int
    high: int | None
    low: int | None
    close: int
    volume: int
    turnover: int  # fen
    trades: int

    def as_json(self) -> dict[str, Any]:
        def price(fen: int | None) -> str | None:
            return None if fen is None else str(to_yuan(fen))

        return {
            "day": self.day.isoformat(),
            "vintage": self.vintage,
            "mode": self.mode,
            "open": price(self.open),
            "high": price(self.high),
            "low": price(self.low),
            "close": price(self.close),
            "volume": self.volume,
            "turnover": str(to_yuan(self.turnover)),
            "trades": self.trades,
        }
