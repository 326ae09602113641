"""Market data: daily OHLCV per vintage and mode, trade lists, order-book snapshots, the daily
report, and their CSV / JSON export. Everything is computed from the exchange's state, so it is
the same after a replay.

Who traded is private: a `Viewer` says whose identities a reader may see. The exchange and the
regulator see everyone (`EVERYONE`, also the operator's console); a trader sees its own orders,
quotes and trade sides; the public sees prices and quantities only. Block quotes addressed to a
named counterparty are shown only to the two parties. CSV cells that a spreadsheet would run as
a formula (starting with = + - @, tab or CR) are neutralised on export."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from typing import Any

from chinaets.core.cells import neutralise_rows
from chinaets.market.book import BUY, SELL
from chinaets.market.engine import Exchange
from chinaets.market.rules import to_yuan


@dataclass(frozen=True)
class Viewer:
    accounts: frozenset[str] = frozenset()
    everything: bool = False

    def sees(self, account: str | None) -> bool:
        return self.everything or (account is not None and account in self.accounts)


EVERYONE = Viewer(everything=True)
PUBLIC = Viewer()
HIDDEN = ""  # what a reader sees instead of an identity it may not see


def trades(
    ex: Exchange,
    day: dt.date | None = None,
    vintage: str | None = None,
    viewer: Viewer = EVERYONE,
) -> list[dict[str, Any]]:
    return [
        _trade_for(t.as_json(), viewer)
        for t in ex.trades
        if (day is None or t.ts.date() == day) and (vintage is None or t.vintage == vintage)
    ]


def _trade_for(row: dict[str, Any], viewer: Viewer) -> dict[str, Any]:
    for party, order in (("buyer", "buy_order"), ("seller", "sell_order")):
        if not viewer.sees(row[party]):
            row[party] = row[order] = HIDDEN
    return row


def bars(ex: Exchange, day: dt.date | None = None) -> list[dict[str, Any]]:
    return [b.as_json() for b in ex.bars if day is None or b.day == day]


def snapshot(
    ex: Exchange, vintage: str, levels: int = 5, viewer: Viewer = EVERYONE
) -> dict[str, Any]:
    """Best `levels` price levels of each side, and every resting order on them (time order);
    a trader's identity only where `viewer` may see it."""
    book = ex.books[vintage]

    def side(name: str) -> list[dict[str, Any]]:
        return [
            {
                "price": str(to_yuan(price)),
                "quantity": quantity,
                "orders": [
                    {
                        "id": o.id,
                        "trader": o.trader if viewer.sees(o.trader) else HIDDEN,
                        "remaining": o.remaining,
                    }
                    for o in book.level_orders(name, price)
                ],
                "count": count,
            }
            for price, quantity, count in book.depth(name, levels)
        ]

    return {
        "vintage": vintage,
        "previous_close": str(to_yuan(ex.closes[vintage])),
        "bids": side(BUY),
        "asks": side(SELL),
        "block_quotes": [
            {
                **q.__dict__,
                "price": str(to_yuan(q.price)),
                "trader": q.trader if viewer.sees(q.trader) else HIDDEN,
            }
            for q in ex.block_quotes.values()
            if q.vintage == vintage
            and (q.counterparty is None or viewer.sees(q.trader) or viewer.sees(q.counterparty))
        ],
    }


def daily_report(ex: Exchange, day: dt.date) -> dict[str, Any]:
    """The exchange's report of one closed trading day: bars, totals, trades by mode."""
    day_bars = bars(ex, day)
    day_trades = trades(ex, day)
    volume = sum(t["quantity"] for t in day_trades)
    turnover = sum(t.price * t.quantity for t in ex.trades if t.ts.date() == day)
    return {
        "day": day.isoformat(),
        "bars": day_bars,
        "volume": volume,
        "turnover": str(to_yuan(turnover)),
        "trades": len(day_trades),
        "closes": {b["vintage"]: b["close"] for b in day_bars if b["mode"] == "listed"},
    }


def to_csv(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return ""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(neutralise_rows(rows))
    return out.getvalue()


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)
