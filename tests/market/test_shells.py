"""The `chinaets market` CLI (typer CliRunner), the REST router, and the demo trading days."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import typer
from fastapi import FastAPI
from market_support import open_entity
from typer.testing import CliRunner

from chinaets.api import market as market_api
from chinaets.cli import market_cmds
from chinaets.market.demo import DemoEntity, run_trading_days
from chinaets.market.service import Market

runner = CliRunner()

with warnings.catch_warnings():
    # Starlette wants `httpx2` for its test client; the lock has `httpx`, which still works.
    from starlette.exceptions import StarletteDeprecationWarning

    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient


def _cli() -> typer.Typer:
    app = typer.Typer()
    market_cmds.register(app)
    return app


def test_cli_session(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    m = Market.open(db)
    seller, buyer = open_entity(m.registry, 1, 300_000), open_entity(m.registry, 2)
    m.engine.dispose()
    app = _cli()
    steps = [
        ["list-vintage", "--vintage", "2024", "--price", "70.00", "--at", "2025-07-01T09:00"],
        ["open-day", "--at", "2025-07-01T09:00"],
        ["deposit", "--trader", buyer, "--amount", "1000000", "--at", "2025-07-01T09:10"],
        [
            "place",
            "--trader",
            seller,
            "--vintage",
            "2024",
            "--side",
            "sell",
            "--price",
            "70.20",
            "-q",
            "500",
            "--at",
            "2025-07-01T10:00",
        ],
    ]
    for args in steps:
        result = runner.invoke(app, ["market", *args, "--db", db])
        assert result.exit_code == 0, result.output
    book = runner.invoke(app, ["market", "book", "--vintage", "2024", "--db", db, "--json"])
    quote = json.loads(book.output)["asks"][0]["orders"][0]["id"]
    result = runner.invoke(
        app,
        [
            "market",
            "click",
            "--trader",
            buyer,
            "--quote",
            quote,
            "-q",
            "200",
            "--at",
            "2025-07-01T10:05",
            "--db",
            db,
            "--json",
        ],
    )
    assert json.loads(result.output)["trades"][0]["price"] == "70.20"
    bad = runner.invoke(
        app,
        [
            "market",
            "place",
            "--trader",
            buyer,
            "--vintage",
            "2024",
            "--side",
            "buy",
            "--price",
            "80",
            "-q",
            "1",
            "--at",
            "2025-07-01T10:06",
            "--db",
            db,
        ],
    )
    assert (
        bad.exit_code == 2
        and "outside the listed limits" in bad.output
        and "价格限制" in bad.output
    )
    assert (
        runner.invoke(
            app, ["market", "close-day", "--at", "2025-07-01T15:30", "--db", db]
        ).exit_code
        == 0
    )
    csv = runner.invoke(app, ["market", "trades", "--csv", "--db", db])
    assert csv.output.startswith("id,seq,ts,vintage,mode,price")
    report = runner.invoke(app, ["market", "report", "--day", "2025-07-01", "--json", "--db", db])
    assert json.loads(report.output)["closes"] == {"2024": "70.20"}
    assert runner.invoke(app, ["market", "check", "--db", db]).exit_code == 0


def test_api(tmp_path: Path) -> None:
    m = Market.open(f"sqlite:///{tmp_path / 'api.db'}")
    seller = open_entity(m.registry, 1, 300_000)
    app = FastAPI()
    app.state.registry, app.state.market = m.registry, m
    app.include_router(market_api.router)
    client = TestClient(app)
    m.submit(
        market_api.command_from_json(
            {
                "kind": "list_vintage",
                "ts": "2025-07-01T09:00",
                "vintage": "2024",
                "reference_close": "70",
            }
        )
    )
    m.submit(market_api.command_from_json({"kind": "open_day", "ts": "2025-07-01T09:00"}))
    # without a token the caller is the public: it reads market data but cannot trade
    body = {
        "trader": seller,
        "vintage": "2024",
        "side": "sell",
        "price": "70.10",
        "quantity": 10,
    }
    assert client.post("/market/orders", json=body).status_code == 403
    # the time is the server's: a client-supplied one is refused
    assert client.post("/market/orders", json={**body, "ts": "2025-07-01T10:00"}).status_code == 422
    m.submit(market_api.command_from_json({"kind": "place", "ts": "2025-07-01T10:00", **body}))
    book = client.get("/market/book/2024").json()
    assert book["asks"][0]["price"] == "70.10"
    assert client.get("/market/book/2031").status_code == 404
    assert client.get("/market/trades").json() == []


def test_demo_trading_days(tmp_path: Path) -> None:
    m = Market.open(f"sqlite:///{tmp_path / 'demo.db'}")
    sellers = [open_entity(m.registry, n, 0) for n in (1, 2)]
    from chinaets.registry import records as r
    from chinaets.registry.serials import UnitClass, UnitKind

    for i, account in enumerate(sellers):
        m.registry.execute(
            r.SYSTEM,
            f"iss-{i}",
            r.Issue(
                "MEE", account, UnitClass(UnitKind.CEA, "2025"), 400_000, r.IssueKind.PRE_ALLOCATION
            ),
        )
    buyers = [open_entity(m.registry, n) for n in (3, 4)]
    entities = [
        DemoEntity(sellers[0], -300_000),
        DemoEntity(sellers[1], -50_000),
        DemoEntity(buyers[0], 250_000),
        DemoEntity(buyers[1], 20_000),
    ]
    reports = run_trading_days(m.registry, entities, seed=7, days=2)
    again = run_trading_days.__module__  # the function is importable for `chinaets demo`
    assert again == "chinaets.market.demo"
    assert len(reports) == 2 and reports[0]["trades"] > 0
    assert {b["mode"] for b in reports[0]["bars"]} >= {"listed", "block"}
    check = Market.open(f"sqlite:///{tmp_path / 'demo.db'}")
    assert check.cash_problems() == []
