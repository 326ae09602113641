"""`chinaets demo` end to end on a few plants, through Typer's test runner."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from chinaets.cli.demo_cmd import register
from chinaets.mrv.power.loader import load_report


def _app() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.callback()
    def main() -> None:
        """A one-command app needs a callback to keep the `demo` name."""

    return app


def test_demo_runs_and_writes_everything(tmp_path: Path) -> None:
    result = CliRunner().invoke(_app(), ["demo", "--limit", "6", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "ratio" in result.stdout
    assert "chinaets account" in result.stdout
    tables = {p.name for p in (tmp_path / "readmodel").iterdir()}
    assert {"entities", "units", "monthly_values", "allocation", "accounts"} <= tables
    assert any((tmp_path / "readmodel" / "entities").glob("year=*/sector=*/*.parquet"))
    # 2025: the industrial sectors' balance values are solved over their entities and printed
    assert "平衡值" in result.stdout and "BP solved" in result.stdout
    [example_json] = tmp_path.glob("example_*.json")
    assert load_report(example_json) == load_report(example_json.with_suffix(".xlsx"))


def test_demo_json_is_machine_readable(tmp_path: Path) -> None:
    args = ["demo", "--limit", "4", "--out", str(tmp_path), "--json", "--year", "2022"]
    result = CliRunner().invoke(_app(), args)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["year"] == 2022
    assert payload["summary"]["total"]["entities"] == 4
    assert payload["check_figure"]["covered_gt"] > 5
    assert 0 < payload["ratio"] < 1
    assert Path(payload["files"]["readmodel"]).is_dir()
