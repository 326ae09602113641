"""Market data: daily OHLCV per vintage and mode, trade lists, order-book snapshots, the daily
report, and their CSV / JSON export. Everything is computed from the exchange's state, so it is
the same after a replay."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

from chinaets.market.book import BUY, SELL
from chinaets.market.engine import Exchange
from chinaets.market.rules import to_yuan


def trades(
    ex: Exchange, day: dt.date | None = None, vintage: str | None = None
) -> list[dict[str, Any]]:
    return [
        t.as_json()
        for t in ex.trades
        if (day is None or t.ts.date() == day) and (vintage is None or t.vintage == vintage)
    ]


def bars(ex: Exchange, day: dt.date | None = None) -> list[dict[str, Any]]:
    return [b.as_json() for b in ex.bars if day is None or b.day == day]


def snapshot(ex: Exchange, vintage: str, levels: int = 5) -> dict[str, Any]:
    """Best `levels` price levels of each side, and every resting order on them (time order)."""
    book = ex.books[vintage]

    def side(name: str) -> list[dict[str, Any]]:
        return [
            {
                "price": str(to_yuan(price)),
                "quantity": quantity,
                "orders": [
                    {"id": o.id, "trader": o.trader, "remaining": o.remaining}
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
            {**q.__dict__, "price": str(to_yuan(q.price))}
            for q in ex.block_quotes.values()
            if q.vintage == vintage
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
    writer.writerows(rows)
    return out.getvalue()


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)
