"""Issue 16, item 1: 16 clients trading at once through two API server processes over one
database end with the exchange's cash ledger, its replayed log and the registry agreeing."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.postgres import pg_schema
from tests.security import stress

CLIENTS, ORDERS = 16, 12
CLI = "from chinaets.cli.main import app; app(prog_name='chinaets')"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'stress.db'}"
        return
    with pg_schema("chinaets_stress") as found:
        yield found


def test_sixteen_clients_two_servers_stay_consistent(url: str) -> None:
    fleet = stress.prepare(url, CLIENTS)
    servers = [stress.serve(url, stress.free_port()) for _ in range(2)]
    try:
        bases = [f"http://127.0.0.1:{s.args[-1]}" for s in servers]  # type: ignore[index]
        stress.open_market(fleet, bases[0])
        statuses, _ = stress.trade(fleet, bases, CLIENTS, ORDERS)
    finally:
        for server in servers:
            stress.stop(server)
    assert sum(statuses.values()) == CLIENTS * ORDERS
    assert statuses[200] == CLIENTS * ORDERS, statuses  # funded, backed, in the band: all taken
    assert stress.trade_count(url) > 0
    assert stress.consistency(url) == []
    for command in (["market", "check"], ["registry", "check"]):  # the CLI, as an operator runs it
        done = subprocess.run(
            [sys.executable, "-c", CLI, *command, "--db", url],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(stress.ROOT / "src")},
            timeout=120,
            check=False,
        )
        assert done.returncode == 0 and "/" in done.stdout, done.stdout + done.stderr
