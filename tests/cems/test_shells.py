"""The CLI and the REST router call the same service; errors come back bilingual."""

from __future__ import annotations

import json
import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from tests.cems.conftest import YEAR, Fleet
from typer.testing import CliRunner

from chinaets.api.app import create_app
from chinaets.api.cems import router
from chinaets.cems import service
from chinaets.cli.main import app
from chinaets.registry import records as r
from chinaets.registry.settings import RegistrySettings

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


PEPPER = "test-pepper-" + "k3Jd9sLq0Zx8Vb7Nm6Wc5Er4Ty2Ui1Op"


@pytest.fixture(scope="module")
def reconcilable(fleet: Fleet, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the fleet's store with its accounts saved beside the readings."""
    root = tmp_path_factory.mktemp("cems-copy") / "store"
    shutil.copytree(fleet.store.root, root)
    service.save_accounts(root, fleet.accounts)
    return root


def _cems_findings(db: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(app, ["screen", "--db", db, "--limit", "1000", "--json"])
    assert result.exit_code == 0, result.output
    return [f for f in json.loads(result.output)["findings"] if f["source"] == "cems"]


def test_cli_reconcile_stores_its_findings_on_the_screening_list(
    reconcilable: Path, tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'platform.db'}"
    args = ["cems", "reconcile", "--store", str(reconcilable), "--year", str(YEAR), "--db", db]
    first = CliRunner().invoke(app, [*args, "--json"])
    assert first.exit_code == 0, first.output
    made = json.loads(first.output)
    assert made["stored_findings"] == len(made["findings"]) > 0
    listed = _cems_findings(db)
    assert sorted((f["unit_id"], f["month"], f["code"]) for f in listed) == sorted(
        (f["unit_id"], f["month"], f["code"]) for f in made["findings"]
    )
    assert all(f["province"] and f["tco2_at_stake"] >= 0 for f in listed)
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 0 and "筛查清单" in again.output
    assert len(_cems_findings(db)) == len(listed)  # replaced, not duplicated


@pytest.fixture
def api(reconcilable: Path, tmp_path: Path) -> Iterator[TestClient]:
    url = f"sqlite:///{tmp_path / 'api.db'}"
    application = create_app(url, RegistrySettings(url, PEPPER))
    application.state.registry.init()
    application.state.cems_store = str(reconcilable)
    with TestClient(application) as client:
        yield client
    application.state.registry.engine.dispose()


def _token(client: TestClient, user: str, role: str, org: str) -> dict[str, str]:
    registry = client.app.state.registry  # type: ignore[attr-defined]
    result = registry.execute(r.SYSTEM, f"user-{user}", r.AddUser(user, r.Role(role), org))
    return {"Authorization": f"Bearer {result.detail['token']}"}


def test_rest_reconcile_stores_findings_for_the_national_roles(api: TestClient) -> None:
    enterprise = _token(api, "ent", "enterprise", "91370000MA3C5D6E74")
    ministry = _token(api, "mee", "ministry", "MEE")
    params = {"year": YEAR}
    assert api.post("/cems/reconcile", params=params, headers=enterprise).status_code == 403
    for _ in range(2):
        response = api.post("/cems/reconcile", params=params, headers=ministry)
        assert response.status_code == 200, response.text
    stored = response.json()["stored_findings"]
    listed = api.get("/platform/findings", params={"source": "cems", "limit": 1000},
                     headers=ministry).json()  # fmt: skip
    assert listed["total"] == stored > 0


OCTET = {"Content-Type": "application/octet-stream"}


def test_rest_ingest_upload_counts_refusals_and_is_idempotent(
    api: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "uploaded"
    api.app.state.cems_store = str(root)  # type: ignore[attr-defined]
    ministry = {**_token(api, "mee", "ministry", "MEE"), **OCTET}
    enterprise = {**_token(api, "ent", "enterprise", "91370000MA3C5D6E74"), **OCTET}
    packets = (BAD / "packets.txt").read_bytes()
    hj212 = {"format": "hj212", "name": "packets.txt"}
    early = api.post("/cems/ingest", params=hj212, content=packets, headers=ministry)
    assert early.status_code == 422 and "监测配置" in early.text  # devices first
    devices = (BAD / "devices.csv").read_bytes()
    declare = {"format": "csv"}
    assert (
        api.post("/cems/devices", params=declare, content=devices, headers=enterprise).status_code
        == 403
    )
    declared = api.post("/cems/devices", params=declare, content=devices, headers=ministry)
    assert declared.status_code == 200 and declared.json()["devices"] > 0, declared.text
    assert (
        api.post("/cems/ingest", params=hj212, content=packets, headers=enterprise).status_code
        == 403
    )
    first = api.post("/cems/ingest", params=hj212, content=packets, headers=ministry)
    assert first.status_code == 200, first.text
    report = first.json()
    assert report["bad_packets"] == 9 and report["by_reason"]["PACKET_CRC"] == 1
    assert report["rows"] == 5 and report["packets"] > report["rows"]
    assert all(b["source"] == "packets.txt" and b["line"] > 0 and b["en"] and b["zh"]
               for b in report["lines"])  # fmt: skip
    stored = {f: f.read_bytes() for f in sorted(root.rglob("*.parquet")) if "readings" in f.parts}
    again = api.post("/cems/ingest", params=hj212, content=packets, headers=ministry)
    assert again.json() == report
    assert {f: f.read_bytes() for f in stored} == stored  # same rows, not added twice
    csv = api.post("/cems/ingest", params={"format": "csv"},
                   content=(BAD / "export.csv").read_bytes(), headers=ministry).json()  # fmt: skip
    assert sorted(b["line"] for b in csv["lines"]) == [5, 6, 7, 8]
    junk = api.post(
        "/cems/ingest", params={"format": "parquet"}, content=b"PAR1?", headers=ministry
    )
    assert junk.status_code == 422 and junk.json()["problems"][0]["zh"]
    from chinaets.core import limits

    monkeypatch.setattr(limits, "MAX_FILE_BYTES", len(packets) - 1)
    big = api.post("/cems/ingest", params=hj212, content=packets, headers=ministry)
    assert big.status_code == 413


def test_rest_ingest_declares_its_octet_stream_body(api: TestClient) -> None:
    paths = api.get("/openapi.json").json()["paths"]
    for path in ("/cems/ingest", "/cems/devices"):
        content = paths[path]["post"]["requestBody"]["content"]
        assert list(content) == ["application/octet-stream"]
