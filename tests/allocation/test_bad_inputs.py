"""Bad allocation inputs: refused with a located, bilingual message and a fix; nothing printed
as a result, exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from chinaets.allocation.inputs import parse_input
from chinaets.cli import allocation_cmds
from chinaets.core.errors import InputError

ENTITY = {"credit_code": "91370000MA3C5EJ50G", "name": "示例", "province": "山东"}
UNIT = {"unit_id": "U1", "rated_mw": 600, "main_fuel": "bituminous", "generation_mwh": 1e6,
        "running_hours": 3000, "verified_tco2": 8e5}  # fmt: skip
app = typer.Typer()
allocation_cmds.register(app)
app.command("noop")(lambda: None)


def _doc(**changes: object) -> dict[str, object]:
    doc: dict[str, object] = {
        "schema_version": "allocation/1",
        "year": 2023,
        "entity": ENTITY,
        "units": [UNIT],
    }
    doc.update(changes)
    return doc


BAD = {
    "unknown category": (
        _doc(units=[{**UNIT, "category": "V"}]),
        "units[0].category",
        "取值必须为",
    ),
    "year without rules": (_doc(year=2018), "year", "无配额分配规则"),
    "negative output": (
        _doc(units=[{**UNIT, "generation_mwh": -1}]),
        "units[0].generation_mwh",
        "不能小于",
    ),
    "unknown fuel": (_doc(units=[{**UNIT, "main_fuel": "peat"}]), "units[0].main_fuel", "燃料品种"),
    "no units": (_doc(units=[]), "units", "至少需要"),
    "unknown sector": (_doc(sector="shipping"), "sector", "未知行业"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_is_located_and_bilingual(name: str) -> None:
    doc, field, zh = BAD[name]
    with pytest.raises(InputError) as caught:
        parse_input(doc, "in.json") if name != "year without rules" else _allocate(doc)
    problem = caught.value.problems[0]
    assert problem.where.field == field
    assert zh in problem.zh and problem.en and (problem.fix_en or problem.fix_zh)


def _allocate(doc: dict[str, object]) -> None:
    from chinaets.allocation import allocate

    allocate(parse_input(doc))


def test_cli_refuses_with_exit_2_and_no_result(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(_doc(year=2027)), encoding="utf-8")
    result = CliRunner().invoke(app, ["allocate", str(path), "--json"])
    assert result.exit_code == 2
    assert "allocation_tco2" not in result.stdout
    assert "2027" in result.output


def test_cli_allocates_a_list_of_entities(tmp_path: Path) -> None:
    path = tmp_path / "set.json"
    path.write_text(json.dumps([_doc(), _doc(year=2024)]), encoding="utf-8")
    result = CliRunner().invoke(app, ["allocate", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [d["year"] for d in data] == [2023, 2024]


def test_cli_allocates_an_mrv_report_with_trace() -> None:
    report = Path(__file__).parents[1] / "power" / "good_report.json"
    result = CliRunner().invoke(app, ["allocate", str(report), "--json", "--trace"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["allocation_tco2"] >= 0.8 * data["verified_tco2"] - 1
    assert data["trace"]["children"]
