"""`chinaets targets` through Typer (registered on a local app until the lead adds it to main)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import typer
from typer.testing import CliRunner

from chinaets.cli import targets_cmds

app = typer.Typer()
targets_cmds.register(app)


@app.callback()
def _root() -> None:
    """A group, so that `targets` is a sub-command as in the real CLI."""


def test_json_output_and_charts(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["targets", "--out", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    fyp = next(p for p in data["progress"] if p["target"] == "co2_per_gdp_2025")
    assert fyp["value"] == -12.4235 and fyp["status"] == "missed"
    assert len(data["charts"]) == 8
    for path in tmp_path.glob("*.svg"):
        root = ET.parse(path).getroot()  # well-formed SVG
        assert root.tag.endswith("svg")
    energy = ET.parse(tmp_path / "energy_per_gdp_2020.svg").getroot()
    assert len(energy.findall(".//{http://www.w3.org/2000/svg}polyline")) == 3  # three bases


def test_tables_and_bad_date(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["targets", "--out", str(tmp_path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for text in ("国家目标进度", "official cumulative", "S&T Support Plan", "ETS coverage"):
        assert text in result.stdout
    bad = runner.invoke(app, ["targets", "--out", str(tmp_path), "--as-of", "2025-13-01"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output


def test_missing_demo_folder_is_a_located_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["targets", "--out", str(tmp_path), "--data", str(tmp_path / "x")]
    )
    assert result.exit_code == 2 and "chinaets demo" in result.output
