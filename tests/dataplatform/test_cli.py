"""The platform's commands: submit, screen, review (and what account and check now say)."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook
from tests.dataplatform.conftest import REPORTS
from typer.testing import CliRunner

from chinaets.cli.main import app
from chinaets.platform.store import PlatformStore
from chinaets.registry.models import UserRow

BAD = Path(__file__).parent / "bad_inputs"


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.stdout + result.stderr


def test_submit_lists_every_file_and_exits_2_on_refusals(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'p.db'}"
    code, out = _run(
        "submit", str(REPORTS["power"]), str(BAD / "broken.json"), "--db", db, "--json"
    )
    assert code == 2
    listed = json.loads(out[: out.rindex("]") + 1])
    assert [o["status"] for o in listed] == ["stored", "refused"]
    assert listed[1]["problems"][0]["zh"]
    code, out = _run("submit", str(REPORTS["power"]), "--db", db)
    assert code == 0 and "重复提交 duplicate" in out


def test_screen_review_history(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'p.db'}"
    _run("submit", str(REPORTS["power"]), "--db", db)
    store = PlatformStore.open(db)
    with store.writing() as session:
        session.add(
            UserRow(id="sd", org="37", role="provincial", scope="[]", created_at="2026-01-01")
        )
    store.close()
    code, out = _run("screen", "--db", db, "--as", "sd", "--province", "山东",
                     "--xlsx", str(tmp_path / "s.xlsx"))  # fmt: skip
    assert code == 0 and "PWR-CC-SWITCH" in out
    assert load_workbook(tmp_path / "s.xlsx")["screening 筛查"].max_row > 1
    code, out = _run("screen", "--db", db, "--limit", "1", "--json")
    first = json.loads(out)
    code, out = _run("screen", "--db", db, "--limit", "1", "--after", first["next"], "--json")
    second = json.loads(out)
    assert code == 0 and second["findings"][0]["finding_id"] != first["findings"][0]["finding_id"]
    code, out = _run("screen", "--db", db, "--limit", "1", "--after", first["next"])
    assert code == 0 and "--after" in out  # the text output says how to get the next page
    findings = tmp_path / "f.json"
    findings.write_text(
        json.dumps([{"code": "REV-1", "en": "lab report missing", "zh": "缺化验报告"}])
    )
    assert _run("review", "start", "1", "--db", db, "--as", "sd")[0] == 0
    code, out = _run("review", "return", "1", "--db", db, "--as", "sd", "--findings", str(findings),
                     "--verified-on", "2025-06-16")  # fmt: skip
    assert code == 0 and "2025-06-25" in out
    code, out = _run("review", "history", "1", "--db", db, "--json")
    assert [e["to"] for e in json.loads(out)] == ["submitted", "under_review", "returned"]
    code, out = _run("review", "accept", "1", "--db", db, "--as", "sd")
    assert code == 2 and "不能执行" in out


def test_account_says_findings_and_default_tonnes() -> None:
    code, out = _run("account", str(REPORTS["power"]))
    assert code == 0 and "error(s)" in out and "computed with default values" in out
    assert "采用缺省值计算" in out


def test_check_exits_1_on_errors() -> None:
    assert _run("check", str(REPORTS["power"]))[0] == 1
    assert _run("check", str(REPORTS["power"]), "--exit-zero")[0] == 0
