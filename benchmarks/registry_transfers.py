"""Registry transfers per second on SQLite and PostgreSQL, 1 and 8 clients, side by side with
pgbench's built-in TPC-B-like script on the same PostgreSQL server in the same run.

    .venv/bin/python benchmarks/registry_transfers.py [--seconds 8] [--pg-url URL] [--no-write]

A transfer (one registry operation) reads the idempotency key, locks two accounts, splits and
merges serial blocks, writes a transaction row, two postings and a hash-chained audit entry in
one database transaction: comparable work to TPC-B's three updates, a select and an insert.
Clients are separate processes (each with its own connection), as pgbench's are. PostgreSQL
runs in a fresh schema (registry) and a fresh database (pgbench), both dropped afterwards.
Results go to benchmarks/RESULTS.md under "Registry transfers".
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import random
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from urllib.parse import quote

from results_file import write_section
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from chinaets.core.ids import credit_code_check_char
from chinaets.registry import records as r
from chinaets.registry.serials import unit_class
from chinaets.registry.service import Registry
from chinaets.registry.store import make_engine

ACCOUNTS = 64
CEA = unit_class("CEA", "2021")
HEADING = "## Registry transfers"


def _uscc(n: int) -> str:
    body = f"91420100MB{n:07d}"
    return body + credit_code_check_char(body)


def prepare(url: str) -> list[str]:
    registry = Registry(make_engine(url))
    registry.init()
    accounts = []
    for n in range(ACCOUNTS):
        code = _uscc(n)
        registry.execute(
            r.SYSTEM, f"open-{n}", r.OpenAccount(r.AccountKind.HOLDING, code, "b", "42")
        )
        registry.execute(
            r.SYSTEM,
            f"fund-{n}",
            r.Issue("MEE", f"ENT-{code}", CEA, 10**9, r.IssueKind.PRE_ALLOCATION),
        )
        accounts.append(f"ENT-{code}")
    with registry.engine.begin() as connection:
        connection.execute(text("ANALYZE"))  # planner statistics, as `pgbench -i` does too
    registry.engine.dispose()
    return accounts


def client(
    url: str, accounts: list[str], seconds: float, worker: int, out: multiprocessing.Queue
) -> None:  # type: ignore[type-arg]
    registry = Registry(make_engine(url, pool_size=1))
    rng, done = random.Random(worker), 0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        a, b = rng.sample(accounts, 2)
        registry.execute(
            r.SYSTEM,
            f"b{worker}-{done}-{secrets.token_hex(4)}",
            r.Transfer(a, b, CEA, rng.randint(1, 1000)),
        )
        done += 1
    registry.engine.dispose()
    out.put(done)


def measure(url: str, accounts: list[str], clients: int, seconds: float) -> float:
    queue: multiprocessing.Queue[int] = multiprocessing.Queue()
    workers = [
        multiprocessing.Process(target=client, args=(url, accounts, seconds, w, queue))
        for w in range(clients)
    ]
    start = time.perf_counter()
    for process in workers:
        process.start()
    total = sum(queue.get() for _ in workers)
    for process in workers:
        process.join()
    return total / (time.perf_counter() - start)


def _check(url: str) -> None:
    from chinaets.registry import invariants

    registry = Registry(make_engine(url))
    with registry.reading() as session:
        found = invariants.run_all(session)
    registry.engine.dispose()
    if found:
        raise SystemExit(f"invariants broken after the benchmark: {found[:3]}")


def registry_rates(url: str, seconds: float) -> dict[int, float]:
    accounts = prepare(url)
    rates = {n: measure(url, accounts, n, seconds) for n in (1, 8)}
    _check(url)
    return rates


def pgbench_rates(pg_url: str, seconds: float) -> dict[int, float] | str:
    if shutil.which("pgbench") is None:
        return (
            "pgbench not found: install it with `apt-get install postgresql-client` "
            "(Debian/Ubuntu; it ships pgbench) and run again"
        )
    url = make_url(pg_url)
    name = f"chinaets_pgbench_{secrets.token_hex(4)}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    env = {**os.environ, "PGPASSWORD": url.password or ""}
    base = [
        "-h",
        url.host or "127.0.0.1",
        "-p",
        str(url.port or 5432),
        "-U",
        url.username or "postgres",
    ]
    try:
        subprocess.run(
            ["pgbench", "-i", "-q", "-s", "1", *base, name],
            env=env,
            check=True,
            capture_output=True,
        )
        rates = {}
        for clients in (1, 8):
            run = subprocess.run(
                [
                    "pgbench",
                    "-c",
                    str(clients),
                    "-j",
                    str(min(clients, 2)),
                    "-T",
                    str(int(seconds)),
                    *base,
                    name,
                ],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            rates[clients] = float(re.findall(r"tps = ([\d.]+)", run.stdout)[-1])
        return rates
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def with_schema(pg_url: str) -> tuple[str, str]:
    schema = f"chinaets_bench_{secrets.token_hex(4)}"
    engine = create_engine(pg_url)
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    sep = "&" if "?" in pg_url else "?"
    return f"{pg_url}{sep}options={quote(f'-csearch_path={schema}')}", schema


def drop_schema(pg_url: str, schema: str) -> None:
    engine = create_engine(pg_url)
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        models = re.findall(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = models[0].strip() if models else cpu
    return f"{os.cpu_count()} CPUs ({cpu}), {platform.system()} {platform.release()}, Python {platform.python_version()}"


def report(
    seconds: float,
    sqlite: dict[int, float],
    pg: dict[int, float] | None,
    bench: dict[int, float] | str | None,
) -> str:
    lines = [
        HEADING,
        "",
        f"Run `.venv/bin/python benchmarks/registry_transfers.py --seconds {seconds:g}` on "
        f"{date.today().isoformat()}: {machine()}.",
        "",
        "Transfers per second (each a full registry operation: idempotency check, account "
        "locks, block split/merge, two postings, audit entry, commit); clients are processes.",
        "",
        "| backend | 1 client | 8 clients |",
        "|---|---:|---:|",
        f"| SQLite (file, WAL) | {sqlite[1]:,.0f} | {sqlite[8]:,.0f} |",
    ]
    if pg is not None:
        lines.append(f"| PostgreSQL | {pg[1]:,.0f} | {pg[8]:,.0f} |")
    if isinstance(bench, dict) and pg is not None:
        lines.append(
            f"| pgbench TPC-B-like (scale 1), same server | {bench[1]:,.0f} | {bench[8]:,.0f} |"
        )
        lines.append(
            f"| **ratio registry / pgbench** | **{pg[1] / bench[1]:.2f}** | **{pg[8] / bench[8]:.2f}** |"
        )
    elif isinstance(bench, str):
        lines += ["", f"pgbench: {bench}"]
    if pg is None:
        lines += ["", "PostgreSQL: not run (no server reachable)."]
    return "\n".join(lines) + "\n"


def write_results(section: str) -> None:
    write_section(section)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument(
        "--pg-url",
        default=os.environ.get(
            "CHINAETS_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
        ),
    )
    parser.add_argument("--no-write", action="store_true", help="do not update RESULTS.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sqlite = registry_rates(f"sqlite:///{tmp}/bench.db", args.seconds)
    print(f"SQLite: {sqlite[1]:,.0f} /s (1 client), {sqlite[8]:,.0f} /s (8 clients)")
    pg: dict[int, float] | None = None
    bench: dict[int, float] | str | None = None
    try:
        url, schema = with_schema(args.pg_url)
    except Exception as exc:  # no server: report SQLite only
        print(f"PostgreSQL not reachable ({exc.__class__.__name__}); SQLite only", file=sys.stderr)
    else:
        try:
            pg = registry_rates(url, args.seconds)
        finally:
            drop_schema(args.pg_url, schema)
        print(f"PostgreSQL: {pg[1]:,.0f} /s (1 client), {pg[8]:,.0f} /s (8 clients)")
        bench = pgbench_rates(args.pg_url, args.seconds)
        print(f"pgbench: {bench}")
        if isinstance(bench, dict):
            print(
                f"ratio registry/pgbench: {pg[1] / bench[1]:.2f} (1 client), {pg[8] / bench[8]:.2f} (8 clients)"
            )
    section = report(args.seconds, sqlite, pg, bench)
    print(section)
    if not args.no_write:
        write_results(section)


if __name__ == "__main__":
    main()
