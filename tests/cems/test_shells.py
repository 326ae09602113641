"""The CLI and the REST router call the same service; errors come back bilingual."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

from fastapi import FastAPI
from tests.cems.conftest import Fleet
from typer.testing import CliRunner

from chinaets.api.cems import router
from chinaets.cli.main import app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

BAD = Path(__file__).parent / "bad_inputs"


def test_cli_ingest_reports_refused_lines(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "cems",
            "ingest",
            str(BAD / "packets.txt"),
            "--devices",
            str(BAD / "devices.csv"),
            "--store",
            str(tmp_path),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["bad_packets"] == 9 and data["by_reason"]["PACKET_CRC"] == 1


def test_cli_totals_and_bad_level(fleet: Fleet) -> None:
    store = str(fleet.store.root)
    result = CliRunner().invoke(
        app, ["cems", "totals", "--store", store, "--level", "year", "--json"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows and all(r["tco2"] > 0 for r in rows)
    bad = CliRunner().invoke(app, ["cems", "totals", "--store", store, "--level", "week"])
    assert bad.exit_code == 2 and "统计层级" in bad.output


def test_cli_reconcile_needs_accounts(fleet: Fleet) -> None:
    result = CliRunner().invoke(app, ["cems", "reconcile", "--store", str(fleet.store.root)])
    assert result.exit_code == 2 and "核算" in result.output


def test_rest_totals_and_errors(fleet: Fleet, tmp_path: Path) -> None:
    api = FastAPI()
    api.include_router(router)
    api.state.cems_store = str(fleet.store.root)
    client = TestClient(api)
    rows = client.get("/cems/totals", params={"year": 2024, "level": "year"}).json()
    assert len(rows) == len(set(fleet.accounts.column("unit_id").to_pylist()))
    unit = rows[0]["unit_id"]
    hours = client.get(f"/cems/units/{unit}/hours", params={"year": 2024}).json()
    assert len(hours) == 8784
    assert client.get("/cems/totals", params={"year": 2024, "level": "week"}).status_code == 422
