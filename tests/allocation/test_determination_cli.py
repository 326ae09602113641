"""`chinaets determine` and `chinaets certificate` end to end on a file of verified results."""

from __future__ import annotations

import json
from pathlib import Path

from tests.allocation.test_determination import code
from tests.allocation.test_tables import _inputs
from typer.testing import CliRunner

from chinaets.cli.main import app


def test_determine_writes_tables_issues_and_certifies(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs.json"
    inputs.write_text(
        json.dumps([i.model_dump(mode="json") for i in _inputs()], ensure_ascii=False),
        encoding="utf-8",
    )
    db = f"sqlite:///{tmp_path / 'ledger.db'}"
    runner = CliRunner()
    args = ["determine", str(inputs), "--year", "2026", "--province", "山东", "--db", db]
    pre = runner.invoke(app, [*args, "--issue", "pre-allocation", "--json"])
    assert pre.exit_code == 0, pre.output
    done = runner.invoke(
        app, [*args, "--issue", "true-up", "--tables", str(tmp_path / "out"), "--json"]
    )
    assert done.exit_code == 0, done.output
    data = json.loads(done.output)
    assert data["balances"]["cement"]["balance_value"] > 0 and len(data["tables"]) == 2
    cement = next(e for e in data["entities"] if e["credit_code"] == code(12))
    short = runner.invoke(app, ["certificate", code(12), "--year", "2026", "--obligation",
                                str(cement["obligation_tco2"]), "--db", db])  # fmt: skip
    assert short.exit_code != 0 and "尚未足额完成" in short.output
    surrender = runner.invoke(app, ["registry", "surrender", f"ENT-{code(10)}", "--unit", "CEA-2026",
                                    "--quantity", "800000", "--entity", code(10), "--year", "2026", "--db", db])  # fmt: skip
    assert surrender.exit_code == 0, surrender.output
    cert = runner.invoke(
        app, ["certificate", code(10), "--year", "2026", "--obligation", "800000", "--db", db]
    )
    assert (
        cert.exit_code == 0
        and "履约证明" in cert.output
        and "Compliance certificate" in cert.output
    )


def test_bad_balance_option_is_a_clear_error(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs.json"
    inputs.write_text(
        json.dumps([i.model_dump(mode="json") for i in _inputs()], ensure_ascii=False),
        encoding="utf-8",
    )
    out = CliRunner().invoke(
        app, ["determine", str(inputs), "--year", "2026", "--balance", "cement"]
    )
    assert out.exit_code != 0 and "KEY=VALUE" in out.output and "键=值" in out.output


def test_determine_prints_balance_values_and_entities_in_the_chosen_language(
    tmp_path: Path,
) -> None:
    inputs = tmp_path / "inputs.json"
    inputs.write_text(
        json.dumps([i.model_dump(mode="json") for i in _inputs()], ensure_ascii=False),
        encoding="utf-8",
    )
    args = ["determine", str(inputs), "--year", "2026"]
    zh = CliRunner().invoke(app, ["--lang", "zh", *args], env={"COLUMNS": "200"})
    assert zh.exit_code == 0, zh.output
    assert "行业平衡值" in zh.output and "水泥" in zh.output and "测算" in zh.output
    en = CliRunner().invoke(app, ["--lang", "en", *args], env={"COLUMNS": "200"})
    assert "sector balance values" in en.output and "balance value" in en.output
    assert "cement" not in zh.output  # no internal sector names in Chinese output
