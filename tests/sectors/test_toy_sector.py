"""A sector is one folder: a toy sector (``toy_lime/``, lime kilns) copied to a temporary folder
and named by CHINAETS_SECTOR_PATH goes through the CLI (sectors, template, schema, account,
check, rules show/test) and through `submit` into the store, the read model and the dashboard,
with no file outside its folder edited; allocation refuses it, as a reporting sector, with a
clear message."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from tests.web.conftest import TestClient
from typer.testing import CliRunner

from chinaets.cli.main import app
from chinaets.mrv.sectors import SECTOR_PATH_ENV, reset_sectors, sectors
from chinaets.web.app import create_app

TOY = Path(__file__).parent / "toy_lime"
REPORT = {
    "sector": "lime",
    "year": 2025,
    "entity": {"credit_code": "91370000MA3C5EJ50G", "name": "示例石灰有限公司", "province": "山东"},
    "kilns": [
        {"kiln_id": "K1", "limestone_t": 1000, "lime_t": 560},
        {"kiln_id": "K2", "limestone_t": 100, "lime_t": 180},
    ],
}


@pytest.fixture
def lime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "lime"
    shutil.copytree(TOY, folder, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setenv(SECTOR_PATH_ENV, str(folder))
    reset_sectors()
    yield tmp_path
    monkeypatch.delenv(SECTOR_PATH_ENV)
    reset_sectors()


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def test_the_folder_is_a_sector(lime: Path) -> None:
    assert "lime" in sectors() and list(sectors())[:4] == ["power", "steel", "cement", "aluminium"]
    code, out = _run("sectors", "--json")
    assert code == 0
    assert {"sector": "lime", "zh": "石灰", "status": "reporting", "allocation": ""} in json.loads(
        out
    )


def test_template_and_schema(lime: Path) -> None:
    out = lime / "lime.xlsx"
    code, text = _run("template", "lime", str(out), "--year", "2025")
    assert code == 0, text
    assert set(load_workbook(out).sheetnames) >= {"entity", "kilns"}
    code, text = _run("schema", "lime", "--markdown")
    assert code == 0 and "# Input format: lime / 石灰" in text and "石灰石消耗量" in text


def test_account_and_check_read_the_sector_from_the_file(lime: Path) -> None:
    path = lime / "report.json"
    path.write_text(json.dumps(REPORT, ensure_ascii=False), encoding="utf-8")
    code, text = _run("account", str(path), "--json", "--trace")
    assert code == 0, text
    result = json.loads(text)
    assert result["total_tco2"] == 484.0 and result["kilns"] == {"K1": 440.0, "K2": 44.0}
    assert "AD × EF = 1000 × 0.44" in json.dumps(result["trace"], ensure_ascii=False)
    code, text = _run("check", str(path), "--json")
    assert code == 0, text
    assert [(f["code"], f["unit_id"]) for f in json.loads(text)] == [("LIME-001", "K2")]


def test_bad_input_is_located(lime: Path) -> None:
    path = lime / "report.json"
    bad = {**REPORT, "kilns": [{"kiln_id": "K1", "limestone_t": -5, "lime_t": 1}]}
    path.write_text(json.dumps(bad), encoding="utf-8")
    code, text = _run("account", str(path), "--sector", "lime")
    assert code == 2 and "limestone_t" in text


def test_rules_show_and_test(lime: Path) -> None:
    code, text = _run("rules", "show", "lime", "--year", "2025", "--json")
    assert code == 0, text
    assert [p["name"] for p in json.loads(text)] == ["calcination_factor"]
    code, text = _run("rules", "test", "--suite", "lime", "--json")
    assert code == 0, text
    assert [c["passed"] for c in json.loads(text)] == [True]


def test_a_reporting_sector_is_not_allocated(lime: Path) -> None:
    path = lime / "report.json"
    path.write_text(json.dumps(REPORT, ensure_ascii=False), encoding="utf-8")
    code, text = _run("allocate", str(path))
    assert code == 2 and "not allocated" in text and "尚未纳入配额分配" in text


def test_unknown_sector_choice_names_the_found_ones(lime: Path) -> None:
    code, text = _run("template", "kiln", str(lime / "x.xlsx"))
    assert code != 0 and "lime" in text and "power" in text


def test_submitted_into_the_store_the_read_model_and_the_dashboard(lime: Path) -> None:
    """Issue 13's evidence: the toy sector through `submit`, the store, the read model and a
    server-rendered dashboard page, as a reporting (not yet trading) sector."""
    path = lime / "report.json"
    path.write_text(json.dumps(REPORT, ensure_ascii=False), encoding="utf-8")
    site = lime / "site"
    db = f"sqlite:///{site / 'registry.db'}"
    site.mkdir()
    code, text = _run("submit", str(path), "--db", db, "--json")
    assert code == 0 and json.loads(text)[0]["status"] == "stored", text
    code, text = _run("readmodel", "build", "--db", db, "--out", str(site / "readmodel"))
    assert code == 0, text
    with TestClient(create_app(site, open_demo=True)) as client:
        overview = client.get("/?lang=zh").text
        listed = client.get("/entities?sector=lime&lang=en").text
    row = overview[overview.index('<table id="sectors"') :].split("</tr>")[1]
    assert "石灰" in row and "报告行业，尚未纳入交易" in row
    assert "示例石灰有限公司" in listed and "reporting, not yet trading" in listed
    assert re.search(r">484(\.0)?<", listed)  # the kilns' 440 + 44 tCO2
