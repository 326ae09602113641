"""Bad compliance inputs and the comply/plan commands."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from chinaets.cli import compliance_cmds
from chinaets.compliance.api import check, parse_input
from chinaets.core.errors import InputError

ENTITY = {"credit_code": "91370000MA3C5EJ50G", "name": "示例", "province": "山东"}
app = typer.Typer()
compliance_cmds.register(app)
runner = CliRunner()


def _doc(**changes: object) -> dict[str, object]:
    doc: dict[str, object] = {"year": 2023, "entity": ENTITY, "verified_tco2": 1000,
                              "holdings": [{"vintage": 2023, "quantity": 1000}]}  # fmt: skip
    doc.update(changes)
    return doc


BAD = {
    "negative holdings": (
        _doc(holdings=[{"vintage": 2023, "quantity": -5}]),
        "holdings[0].quantity",
        "不能小于",
    ),
    "bad vintage": (
        _doc(holdings=[{"vintage": "next year", "quantity": 5}]),
        "holdings[0].vintage",
        "配额年份",
    ),
    "bad ccer date": (
        _doc(ccer_lots=[{"lot_id": "A", "quantity": 1, "registered": "soon"}]),
        "ccer_lots[0].registered",
        "取值无效",
    ),
    "unknown field": (_doc(price=90), "price", "未知字段"),
    "negative price": (_doc(average_price=-1), "average_price", "不能小于"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_is_located_and_bilingual(name: str) -> None:
    doc, field, zh = BAD[name]
    with pytest.raises(InputError) as caught:
        parse_input(doc, "in.json")
    problem = caught.value.problems[0]
    assert problem.where.field == field and problem.where.file == "in.json"
    assert zh in problem.zh and problem.en


def test_year_without_rules(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text(json.dumps(_doc(year=2030)), encoding="utf-8")
    result = runner.invoke(app, ["comply", str(path), "--json"])
    assert result.exit_code == 2 and "status" not in result.stdout
    assert "2030" in result.output


def test_comply_accounts_the_named_mrv_report(tmp_path: Path) -> None:
    shutil.copy(Path(__file__).parents[1] / "power" / "good_report.json", tmp_path / "report.json")
    path = tmp_path / "c.json"
    path.write_text(json.dumps({"year": 2023, "entity": ENTITY, "report": "report.json",
                                "holdings": [{"vintage": 2023, "quantity": 500000}], "average_price": "97.49"}),
                    encoding="utf-8")  # fmt: skip
    result = check(path)
    assert result.verified_tco2 > 500000 and result.status == "partially_compliant"
    fine = result.penalties[0]
    assert fine.fine_min == (
        result.shortfall_tco2 * 5 * __import__("decimal").Decimal("97.49")
    ).quantize(fine.fine_min)  # type: ignore[arg-type]


def test_plan_command(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text(json.dumps(_doc(verified_tco2=100000)), encoding="utf-8")
    result = runner.invoke(
        app, ["plan", str(path), "--price-cea", "90", "--price-ccer", "60", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["ccer_surrendered_tco2"] == 5000 and data["cost"] == "8850000.00"
    bad = runner.invoke(app, ["plan", str(path), "--price-cea", "-3", "--price-ccer", "60"])
    assert bad.exit_code == 2 and "不是有效价格" in bad.output
