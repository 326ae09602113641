"""The read model built from the store: the latest version of every entity's report, never a
superseded one, with the allocation categories the platform filled in; `chinaets readmodel build
--db` and `chinaets targets`' reads go through it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from tests.dataplatform.conftest import REPORTS
from tests.web.conftest import TestClient
from typer.testing import CliRunner

from chinaets.cli.main import app
from chinaets.national.readmodel import Listing, ReadModel
from chinaets.platform.readmodel import build_from_store, stored_summaries
from chinaets.platform.store import PlatformStore
from chinaets.platform.submit import CHINA, Upload, submit_one
from chinaets.web.app import create_app


def _upload(path: Path, data: dict[str, object]) -> Upload:
    return Upload(path.name, {path.name: json.dumps(data, ensure_ascii=False).encode()})


def test_the_latest_version_reaches_the_read_model(tmp_path: Path) -> None:
    store = PlatformStore.open(f"sqlite:///{tmp_path / 'p.db'}")
    first = json.loads(REPORTS["power"].read_text(encoding="utf-8"))
    second = json.loads(json.dumps(first))
    second["entity"]["name"] = first["entity"]["name"] + "（更正）"
    at = dt.datetime(2024, 3, 20, 10, tzinfo=CHINA)
    for doc in (first, second):
        assert submit_one(store, _upload(REPORTS["power"], doc), "ent", at).status == "stored"
    [summary] = stored_summaries(store)
    assert summary.name.endswith("（更正）")
    assert summary.monthly and {u.category for u in summary.perimeter} <= {"I", "II", "III", "IV"}
    build_from_store(store, tmp_path / "rm")
    store.close()
    model = ReadModel.open(tmp_path / "rm")
    try:
        rows = model.page("entities", Listing()).rows
        assert [r["name"] for r in rows] == [summary.name]
    finally:
        model.close()


def test_readmodel_build_from_the_store_on_the_command_line(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'p.db'}"
    runner = CliRunner()
    stored = runner.invoke(app, ["submit", *(str(p) for p in REPORTS.values()), "--db", db])
    assert stored.exit_code == 0, stored.output
    built = runner.invoke(app, ["readmodel", "build", "--db", db, "--out", str(tmp_path / "rm")])
    assert built.exit_code == 0, built.output
    totals = runner.invoke(app, ["readmodel", "totals", "--data", str(tmp_path / "rm"), "--json"])
    assert {r["key"] for r in json.loads(totals.stdout)} == set(REPORTS)
    nothing = runner.invoke(app, ["readmodel", "build", "--out", str(tmp_path / "x")])
    assert nothing.exit_code == 2 and "--db" in nothing.output


def test_the_dashboard_picks_up_a_submission_made_after_it_started(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    store = PlatformStore.open(f"sqlite:///{site / 'registry.db'}")
    at = dt.datetime(2024, 3, 20, 10, tzinfo=CHINA)
    power, cement = (
        json.loads(REPORTS[s].read_text(encoding="utf-8")) for s in ("power", "cement")
    )
    cement["entity"]["credit_code"] = "91420100MA4K2XRE6Q"  # another entity
    assert submit_one(store, _upload(REPORTS["power"], power), "ent", at).status == "stored"
    build_from_store(store, site / "readmodel")
    try:
        with TestClient(create_app(site, open_demo=True)) as client:
            before = client.get("/entities?lang=en").text
            assert power["entity"]["credit_code"] in before
            assert cement["entity"]["credit_code"] not in before
            outcome = submit_one(store, _upload(REPORTS["cement"], cement), "ent", at)
            assert outcome.status == "stored"
            after = client.get("/entities?lang=en").text
            overview = client.get("/?lang=en").text
    finally:
        store.close()
    assert cement["entity"]["credit_code"] in after and power["entity"]["credit_code"] in after
    assert "sector=cement" in overview
    rebuilt = ReadModel.open(site / "readmodel")  # the files too, not only the server's copy
    try:
        assert len(rebuilt.page("entities", Listing()).rows) == 2
    finally:
        rebuilt.close()
