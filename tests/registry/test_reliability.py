"""Concurrency and crashes.

- 16 clients make random transfers between shared accounts at once: totals are conserved, no
  holding goes negative, and every account ends exactly where the acknowledged transfers put
  it (no lost update).
- The API server is killed with SIGKILL in the middle of a stream of transfers from several
  clients and restarted: every acknowledged transfer is there, none is half-applied, and
  `registry check` passes.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from sqlalchemy import select
from tests.registry.conftest import PEPPER, Backend
from tests.registry.support import findings, held, open_enterprise, run

from chinaets.core.errors import InputError
from chinaets.registry import records as r
from chinaets.registry.models import PostingRow, TransactionRow
from chinaets.registry.serials import unit_class
from chinaets.registry.service import Registry
from chinaets.registry.store import make_engine

CEA21 = unit_class("CEA", "2021")
START = 1000


def _funded(registry: Registry, count: int) -> list[str]:
    accounts = [open_enterprise(registry, 50 + n) for n in range(count)]
    for account in accounts:
        run(registry, r.Issue("MEE", account, CEA21, START, r.IssueKind.PRE_ALLOCATION))
    return accounts


def test_parallel_clients_conserve_and_lose_no_update(registry: Registry) -> None:
    accounts = _funded(registry, 4)

    def client(seed: int) -> list[r.Transfer]:
        rng, done = random.Random(seed), []
        for i in range(25):
            a, b = rng.sample(accounts, 2)
            transfer = r.Transfer(a, b, CEA21, rng.randint(1, 400))
            try:
                registry.execute(r.SYSTEM, f"c{seed}-{i}", transfer)
                done.append(transfer)
            except InputError:  # over-spend: refused, nothing written
                pass
        return done

    with ThreadPoolExecutor(16) as pool:
        acknowledged = [t for batch in pool.map(client, range(16)) for t in batch]
    expected: Counter[str] = Counter(dict.fromkeys(accounts, START))
    for transfer in acknowledged:
        expected[transfer.source] -= transfer.quantity
        expected[transfer.destination] += transfer.quantity
    assert findings(registry) == []
    assert all(v >= 0 for v in expected.values())
    assert {a: held(registry, a).get("CEA-2021", (0, 0))[0] for a in accounts} == dict(expected)
    assert sum(expected.values()) == START * len(accounts)
    assert len(acknowledged) > 100


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_server(url: str, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CHINAETS_DB_URL": url, "CHINAETS_TOKEN_PEPPER": PEPPER}
    env.pop("CHINAETS_FOUR_EYES_THRESHOLD", None)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "chinaets.api.app:app_from_env",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/registry/stats", timeout=1)
            return process
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise AssertionError("the API server did not start")


def test_sigkill_mid_stream_loses_no_acknowledged_transfer(backend: Backend) -> None:
    engine = make_engine(backend.url)
    registry = Registry(engine, token_pepper=PEPPER)
    registry.init()
    accounts = _funded(registry, 3)
    token = run(registry, r.AddUser("operator-ministry", r.Role.MINISTRY, "MEE")).detail["token"]
    # ministry may not move enterprise units; the clients stream from the MEE account instead
    run(registry, r.Issue("MEE", "MEE", CEA21, 1_000_000, r.IssueKind.PRE_ALLOCATION))
    port = _free_port()
    server = _start_server(backend.url, port)
    acked: dict[str, int] = {}
    lock, stop = threading.Lock(), threading.Event()

    def stream(worker: int) -> None:
        headers = {"Authorization": f"Bearer {token}"}
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers=headers, timeout=10) as http:
            for i in range(100_000):
                if stop.is_set():
                    return
                body = {
                    "request_id": f"w{worker}-{i}",
                    "source": "MEE",
                    "destination": accounts[(worker + i) % 3],
                    "unit": "CEA-2021",
                    "quantity": 1 + i % 7,
                }
                try:
                    response = http.post("/registry/transfer", json=body)
                except httpx.TransportError:
                    return
                if response.status_code == 200:
                    with lock:
                        acked[body["request_id"]] = response.json()["tx_id"]

    threads = [threading.Thread(target=stream, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    while len(acked) < 80:
        time.sleep(0.01)
    server.send_signal(signal.SIGKILL)
    server.wait()
    stop.set()
    for thread in threads:
        thread.join()

    restarted = _start_server(backend.url, port)
    try:
        _assert_recovered(registry, acked)
    finally:
        restarted.send_signal(signal.SIGKILL)
        restarted.wait()
        engine.dispose()


def _assert_recovered(registry: Registry, acked: dict[str, int]) -> None:
    with registry.reading() as session:
        keys = select(TransactionRow.request_id, TransactionRow.id).where(
            TransactionRow.op == "transfer"
        )
        # the journal keeps ids in the caller's namespace (`org/id`)
        stored = {key.split("/", 1)[1]: tx for key, tx in session.execute(keys)}
        legs = Counter(session.scalars(select(PostingRow.tx_id)))
    assert {rid: stored.get(rid) for rid in acked} == acked  # every acknowledged transfer is there
    assert all(legs[tx] == 2 for tx in stored.values())  # none half-applied
    assert findings(registry) == []
