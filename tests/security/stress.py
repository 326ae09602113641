"""Concurrent clients trading through the REST API of real uvicorn servers (the stress test of
`test_exchange_concurrency.py` and `benchmarks/exchange_concurrency.py`).

`prepare` opens a ledger with sellers (CEA 2024) and buyers, their API users, an exchange user
and a clearing-bank user; `serve` starts one API server process on 127.0.0.1 with a ticking
clock that starts inside a trading session; `trade` runs N client threads, each placing a fixed
number of crossing limit orders for its own account, spread over every server (several API
worker processes sharing one database), and counts the answers.

Run a server by hand: python -m tests.security.stress serve URL PORT
"""

from __future__ import annotations

import datetime as dt
import os
import random
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from chinaets.core.ids import credit_code_check_char
from chinaets.market.service import Market
from chinaets.registry import records as r
from chinaets.registry.serials import UnitClass, UnitKind
from chinaets.registry.service import Registry

PEPPER = "stress-test-pepper-7Hq2kLm9Zx4Vb8Nc3Rt6Yw1"
START = dt.datetime(2025, 7, 1, 10, 0)  # a Tuesday, inside the morning listed session
ROOT = Path(__file__).resolve().parents[2]
HOLDING = 1_000_000
CASH = "50000000.00"


@dataclass
class Fleet:
    url: str
    sellers: list[str] = field(default_factory=list)
    buyers: list[str] = field(default_factory=list)
    tokens: dict[str, str] = field(default_factory=dict)  # account or role name → token


def _uscc(n: int) -> str:
    body = f"91310000MA{n:07d}"
    return body + credit_code_check_char(body)


def _user(registry: Registry, user: str, role: r.Role, org: str) -> str:
    result = registry.execute(r.SYSTEM, f"user-{user}", r.AddUser(user, role, org))
    return str(result.detail["token"])


def prepare(url: str, clients: int) -> Fleet:
    """A ledger with clients/2 sellers and clients/2 buyers (at least one of each)."""
    registry = Registry.open(url, token_pepper=PEPPER)
    registry.init()
    Market(registry).init()
    fleet = Fleet(url)
    for n in range(max(2, clients)):
        code = _uscc(n + 1)
        account = f"ENT-{code}"
        registry.execute(
            r.SYSTEM, f"open-{n}", r.OpenAccount(r.AccountKind.HOLDING, code, f"E{n}", "31")
        )
        if n % 2 == 0:
            unit = UnitClass(UnitKind.CEA, "2024")
            issue = r.Issue("MEE", account, unit, HOLDING, r.IssueKind.PRE_ALLOCATION)
            registry.execute(r.SYSTEM, f"issue-{n}", issue)
            fleet.sellers.append(account)
        else:
            fleet.buyers.append(account)
        fleet.tokens[account] = _user(registry, f"trader-{n}", r.Role.ENTERPRISE, code)
    fleet.tokens["exchange"] = _user(registry, "seee-ops", r.Role.EXCHANGE, "SEEE")
    fleet.tokens["bank"] = _user(registry, "bank-ops", r.Role.CLEARING_BANK, "ICBC")
    registry.engine.dispose()
    return fleet


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(url: str, port: int) -> subprocess.Popen[bytes]:
    """An API server process on 127.0.0.1:port, ready when this returns."""
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}"}
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.security.stress", "serve", url, str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    for _ in range(200):  # bounded: about 20 s
        if process.poll() is not None:
            error = process.stderr.read().decode()[-2000:] if process.stderr else ""
            stop(process)
            raise RuntimeError(f"the API server exited: {error}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    process.kill()
    raise RuntimeError("the API server did not start")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stderr is not None:
        process.stderr.close()


def _post(client: httpx.Client, base: str, token: str, path: str, body: dict[str, Any]) -> int:
    headers = {"Authorization": f"Bearer {token}"}
    return client.post(f"{base}{path}", json=body, headers=headers, timeout=60).status_code


def open_market(fleet: Fleet, base: str) -> None:
    """The exchange lists 2024 and opens the day; the bank pays in the buyers' cash."""
    with httpx.Client() as client:
        steps = [
            ("exchange", {"kind": "list_vintage", "vintage": "2024", "reference_close": "70.00"}),
            ("exchange", {"kind": "open_day"}),
        ]
        steps += [
            ("bank", {"kind": "deposit", "trader": b, "amount": CASH, "bank_ref": f"in-{i}"})
            for i, b in enumerate(fleet.buyers)
        ]
        for who, body in steps:
            status = _post(client, base, fleet.tokens[who], "/market/commands", body)
            if status != 200:
                raise RuntimeError(f"{body['kind']} answered {status}")


def trade(fleet: Fleet, bases: list[str], clients: int, orders: int) -> tuple[Counter[int], float]:
    """`clients` threads, each placing `orders` crossing limit orders for its own account."""
    accounts = [a for pair in zip(fleet.sellers, fleet.buyers, strict=False) for a in pair]
    statuses: Counter[int] = Counter()
    lock = threading.Lock()

    def client_loop(i: int) -> None:
        account = accounts[i % len(accounts)]
        side = "sell" if account in fleet.sellers else "buy"
        rng = random.Random(i)
        with httpx.Client() as client:
            for k in range(orders):
                price = f"{70 + rng.randint(-5, 5) / 100:.2f}"
                body = {"trader": account, "vintage": "2024", "side": side, "price": price}
                base = bases[(i + k) % len(bases)]
                status = _post(
                    client, base, fleet.tokens[account], "/market/orders", {**body, "quantity": 100}
                )
                with lock:
                    statuses[status] += 1

    threads = [threading.Thread(target=client_loop, args=(i,)) for i in range(clients)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return statuses, time.perf_counter() - began


def consistency(url: str) -> list[str]:
    """Every check: the exchange's cash ledger, the log replayed, the registry's invariants."""
    from chinaets.registry import invariants

    market = Market.open(url)
    try:
        problems = market.cash_problems() + market.replay_problems()
        with market.registry.reading() as session:
            problems += [str(f) for f in invariants.run_all(session)]
    finally:
        market.engine.dispose()
    return problems


def trade_count(url: str) -> int:
    market = Market.open(url)
    try:
        with market.view() as exchange:
            return len(exchange.trades)
    finally:
        market.engine.dispose()


def _serve_main(url: str, port: int) -> None:
    import uvicorn

    from chinaets.api.app import create_app
    from chinaets.core.clock import ticking
    from chinaets.registry.settings import RegistrySettings

    app = create_app(url, RegistrySettings(url, PEPPER), clock=ticking(START))
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__" and sys.argv[1:2] == ["serve"]:
    _serve_main(sys.argv[2], int(sys.argv[3]))
