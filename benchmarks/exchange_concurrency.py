"""Settled trades per second through the REST API with 1 and 16 concurrent clients, on SQLite
and PostgreSQL (when CHINAETS_TEST_PG_URL reaches a server), with the consistency checks of the
stress test (cash ledger, log replay, registry invariants) run after every pass.

Each pass: a fresh ledger (`tests.security.stress.prepare`), API server processes on 127.0.0.1
(one for 1 client, two for 16: several workers over one database), every client placing crossing
limit orders of 100 t for its own account. Baseline: the same single client through
`Market.submit` in-process ("Exchange" section, benchmarks/matching.py).

    python benchmarks/exchange_concurrency.py [--orders 240]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from results_file import write_section  # noqa: E402
from tests.postgres import PG_ENV, pg_problem, pg_schema  # noqa: E402
from tests.security import stress  # noqa: E402


def one_pass(url: str, clients: int, orders: int) -> tuple[float, int, int]:
    """(settled trades per second, trades, consistency problems) of one pass."""
    fleet = stress.prepare(url, max(clients, 2))
    servers = [stress.serve(url, stress.free_port()) for _ in range(1 if clients == 1 else 2)]
    try:
        bases = [f"http://127.0.0.1:{s.args[-1]}" for s in servers]  # type: ignore[index]
        stress.open_market(fleet, bases[0])
        before = stress.trade_count(url)
        if clients == 1:  # one client alternates sides so that its orders cross
            statuses, seconds = _alternating(fleet, bases, orders)
        else:
            statuses, seconds = stress.trade(fleet, bases, clients, orders // clients)
    finally:
        for server in servers:
            stress.stop(server)
    trades = stress.trade_count(url) - before
    assert set(statuses) == {200}, statuses
    return trades / seconds, trades, len(stress.consistency(url))


def _alternating(fleet: stress.Fleet, bases: list[str], orders: int) -> tuple[object, float]:
    import time
    from collections import Counter

    import httpx

    statuses: Counter[int] = Counter()
    began = time.perf_counter()
    with httpx.Client() as client:
        for k in range(orders):
            account = fleet.sellers[0] if k % 2 == 0 else fleet.buyers[0]
            side = "sell" if k % 2 == 0 else "buy"
            body = {"trader": account, "vintage": "2024", "side": side, "price": "70.00"}
            headers = {"Authorization": f"Bearer {fleet.tokens[account]}"}
            answer = client.post(
                f"{bases[0]}/market/orders", json={**body, "quantity": 100}, headers=headers
            )
            statuses[answer.status_code] += 1
    return statuses, time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=240, help="orders per pass")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for clients in (1, 16):
            url = f"sqlite:///{Path(tmp) / f'bench{clients}.db'}"
            rows.append(("SQLite (file, WAL)", clients, *one_pass(url, clients, args.orders)))
    if pg_problem() is None:
        for clients in (1, 16):
            with pg_schema("chinaets_bench") as url:
                rows.append(("PostgreSQL 127.0.0.1", clients, *one_pass(url, clients, args.orders)))
    else:
        print(f"PostgreSQL skipped: {pg_problem()} (set {PG_ENV})")
    write_section(section(rows, args.orders))
    for row in rows:
        print(row)


def section(rows: list[tuple[str, int, float, int, int]], orders: int) -> str:
    lines = [
        "## Exchange under concurrent clients",
        "",
        f"`python benchmarks/exchange_concurrency.py --orders {orders}` on "
        f"{dt.date.today()}, {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores (shared), Python {platform.python_version()}; load average "
        f"{os.getloadavg()[0]:.1f} when written.",
        "",
        "Orders through the REST API of real uvicorn servers (1 server for 1 client, 2 server "
        "processes for 16 clients), each command one sequenced transaction (writer row, "
        "catch-up, registry escrow/delivery, cash ledger, event). After each pass `market check` "
        "(cash ledger and log replay) and `registry check` run; the problems column must be 0. "
        "Baseline: in-process `Market.submit`, section Exchange (165/s SQLite, 59/s PostgreSQL).",
        "",
        "| database | clients | orders | trades | settled trades/s | consistency problems |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for database, clients, rate, trades, problems in rows:
        lines.append(f"| {database} | {clients} | {orders} | {trades} | {rate:.0f} | {problems} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
