"""Benchmark: the exchange's matching throughput against published Python matching engines on
the same random order stream, and trades per second with settlement and persistence.

    .venv/bin/pip install -r benchmarks/requirements.txt   # the peers: benchmark-only
    .venv/bin/python benchmarks/matching.py [--orders 200000] [--peer-orders 20000] [--trades 300]

Stream (seeded): limit orders on one instrument around CNY 74.63 (normal, sd 30 fen, buyers
bid a little below, sellers ask a little above, so about half the orders trade), size 1-1,000
t, and 15 % cancellations of a random earlier order (skipped by every engine when that order
is no longer resting). Every engine gets the same events one at a time, as an exchange would.
Writes the "Exchange" section of benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import secrets
import statistics
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from results_file import write_section

from chinaets.market.book import BUY, SELL, Order, OrderBook

Event = tuple[str, str, str, int, int]  # (kind, order id, side, price fen, quantity)
PG_BASE = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def order_stream(n: int, seed: int = 2026) -> list[Event]:
    rng = random.Random(seed)
    events: list[Event] = []
    placed: list[str] = []
    for i in range(n):
        if placed and rng.random() < 0.15:
            events.append(("cancel", rng.choice(placed), "", 0, 0))
            continue
        side = BUY if rng.random() < 0.5 else SELL
        price = 7463 + round(rng.gauss(0, 30)) + (-3 if side == BUY else 3)
        oid = f"o{i}"
        placed.append(oid)
        events.append(("place", oid, side, price, rng.randint(1, 1000)))
    return events


def run_ours(events: list[Event]) -> int:
    book, trades = OrderBook(), 0
    orders = book.orders
    for kind, oid, side, price, qty in events:
        if kind == "place":
            trades += len(book.add(Order(oid, "T", side, price, qty)))
        elif oid in orders:
            book.cancel(oid)
    return trades


def run_lightmatchingengine(events: list[Event]) -> int:
    from lightmatchingengine.lightmatchingengine import LightMatchingEngine, Side

    engine, ids, trades = LightMatchingEngine(), {}, 0
    sides = {BUY: Side.BUY, SELL: Side.SELL}
    for kind, oid, side, price, qty in events:
        if kind == "place":
            order, fills = engine.add_order("CEA", price, qty, sides[side])
            # it reports one execution per maker and one per price level for the taker
            trades += sum(1 for f in fills if f.order_id != order.order_id)
            if order.leaves_qty:
                ids[oid] = order.order_id
        elif oid in ids:
            book = engine.order_books["CEA"]
            if ids[oid] in book.order_id_map and book.order_id_map[ids[oid]].leaves_qty:
                engine.cancel_order(ids.pop(oid), "CEA")
            else:
                ids.pop(oid)
    return trades


def run_order_matching(events: list[Event]) -> int:
    from loguru import logger
    from order_matching.enums import Side
    from order_matching.matching_engine import MatchingEngine
    from order_matching.order import LimitOrder
    from order_matching.orders import Orders

    logger.remove()  # it logs every call at debug level
    engine, trades = MatchingEngine(seed=1), 0
    ts = dt.datetime(2026, 3, 2, 9, 30)
    sides = {BUY: Side.BUY, SELL: Side.SELL}
    for i, (kind, oid, side, price, qty) in enumerate(events):
        now = ts + dt.timedelta(microseconds=i)
        if kind == "place":
            order = LimitOrder(
                side=sides[side],
                price=price / 100,
                size=qty,
                timestamp=now,
                order_id=oid,
                trader_id="T",
                price_number_of_digits=2,
            )
            engine.place(Orders([order]))
        elif engine.unprocessed_orders.find_order_by_id(oid) is not None:
            engine.cancel_order(oid)
        trades += len(engine.match(timestamp=now).trades)
    return trades


def timed(
    run: Callable[[list[Event]], int], events: list[Event], repeat: int
) -> tuple[float, float, int]:
    """Best and median orders/s over `repeat` runs, and the trades of the last run. The best
    run is the figure least disturbed by other load on a shared machine (as `timeit` advises);
    every engine is measured the same way."""
    rates, trades = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        trades = run(events)
        rates.append(len(events) / (time.perf_counter() - start))
    return max(rates), statistics.median(rates), trades


def _version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


Row = tuple[str, str, int, float, float, int]


def matching(n: int, peer_n: int) -> list[Row]:
    events = order_stream(n)
    rows = []
    for name, package, run, size, repeat in [
        ("chinaets.market.book", "chinaets", run_ours, n, 7),
        ("lightmatchingengine", "lightmatchingengine", run_lightmatchingengine, n, 7),
        ("order-matching", "order-matching", run_order_matching, peer_n, 3),
    ]:
        if _version(package) == "not installed":
            rows.append((name, "not installed", size, 0.0, 0.0, 0))
            continue
        best, median, trades = timed(run, events[:size], repeat)
        rows.append((name, _version(package), size, best, median, trades))
        print(
            f"{name:22s} best {best:10,.0f} median {median:10,.0f} orders/s ({size:,} events, {trades:,} trades)"
        )
    return rows


def settlement(url: str, n: int) -> float:
    """Trades/s through `Market.submit`: a sell (escrow in the registry) then a crossing buy
    (matching, DvP: registry delivery + cash ledger + trade row) per trade, each command one
    committed transaction."""
    from chinaets.core.ids import credit_code_check_char
    from chinaets.market.commands import Deposit, ListVintage, OpenDay, Place
    from chinaets.market.service import Market
    from chinaets.registry import records as r
    from chinaets.registry.serials import UnitClass, UnitKind

    market = Market.open(url)
    accounts = []
    for k in (1, 2):
        body = f"91310000MA{k:07d}"
        code = body + credit_code_check_char(body)
        market.registry.execute(
            r.SYSTEM, f"bench-open-{k}", r.OpenAccount(r.AccountKind.HOLDING, code, f"B{k}", "31")
        )
        accounts.append(f"ENT-{code}")
    seller, buyer = accounts
    unit = UnitClass(UnitKind.CEA, "2025")
    market.registry.execute(
        r.SYSTEM,
        "bench-issue",
        r.Issue("MEE", seller, unit, 10_000_000, r.IssueKind.PRE_ALLOCATION),
    )
    t0 = dt.datetime(2026, 3, 2, 9, 0)
    for c in (
        ListVintage(t0, "2025", Decimal("74.63")),
        OpenDay(t0),
        Deposit(t0, buyer, Decimal("1000000000")),
    ):
        market.submit(c)
    start = time.perf_counter()
    at = t0.replace(hour=9, minute=30)
    for i in range(n):
        market.submit(
            Place(at + dt.timedelta(seconds=2 * i), seller, "2025", "sell", Decimal("74.63"), 100)
        )
        market.submit(
            Place(at + dt.timedelta(seconds=2 * i + 1), buyer, "2025", "buy", Decimal("74.63"), 100)
        )
    rate = n / (time.perf_counter() - start)
    assert len(market.exchange.trades) == n and market.cash_problems() == []
    market.engine.dispose()
    return rate


def settlement_rates(n: int) -> dict[str, float | str]:
    import tempfile

    from sqlalchemy import create_engine, text

    rates: dict[str, float | str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        rates["SQLite (file, WAL, synchronous=FULL)"] = settlement(f"sqlite:///{tmp}/bench.db", n)
    schema = f"chinaets_bench_{secrets.token_hex(4)}"
    try:
        admin = create_engine(PG_BASE)
        with admin.begin() as c:
            c.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # no server: say so in the results
        rates["PostgreSQL"] = f"not measured ({type(exc).__name__})"
        return rates
    try:
        rates["PostgreSQL 127.0.0.1"] = settlement(f"{PG_BASE}?options=-csearch_path%3D{schema}", n)
    finally:
        with admin.begin() as c:
            c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
    for name, rate in rates.items():
        print(f"settlement {name:40s} {rate if isinstance(rate, str) else f'{rate:,.0f} trades/s'}")
    return rates


def write_results(rows: list[Row], rates: dict[str, float | str], n: int) -> None:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    lines = [
        "",
        "## Exchange",
        "",
        f"`.venv/bin/python benchmarks/matching.py --orders {n}` on {dt.date.today()}, "
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}.",
        "",
        "Matching only, the same seeded stream for every engine (limit orders around 74.63 "
        "and 15 % cancellations), best and median of 7 runs (3 for order-matching); load "
        f"average {os.getloadavg()[0]:.1f} when written (the machine is shared):",
        "",
        "| engine | version | events | best orders/s | median orders/s | maker fills |",
        "|---|---|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {name} | {ver} | {size:,} | {best:,.0f} | {median:,.0f} | {fills:,} |"
        for name, ver, size, best, median, fills in rows
    ]
    lines += [
        "",
        "Trades with settlement and persistence (`Market.submit`: "
        "registry escrow and delivery, cash ledger, event log, one transaction per command):",
        "",
        "| database | trades/s |",
        "|---|---:|",
    ]
    lines += [f"| {k} | {v if isinstance(v, str) else f'{v:,.0f}'} |" for k, v in rates.items()]
    write_section("\n".join(lines), before="## Dashboard")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--orders", type=int, default=200_000)
    parser.add_argument(
        "--peer-orders", type=int, default=20_000, help="events for order-matching (slow)"
    )
    parser.add_argument("--trades", type=int, default=300)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    rows = matching(args.orders, args.peer_orders)
    rates = settlement_rates(args.trades)
    if not args.no_write:
        write_results(rows, rates, args.orders)


if __name__ == "__main__":
    main()
