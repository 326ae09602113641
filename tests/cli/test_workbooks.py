"""`account --out x.xlsx` and `check --out x.xlsx` write workbooks laid out as the MEE report
tables: a cover, a sheet per table, bilingual headers with units, frozen headers, typed numbers."""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from chinaets.cli.main import app
from chinaets.inputs.excel import COVER

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CHINESE_FIRST = re.compile(r"^[\u4e00-\u9fff]")


def test_account_writes_the_report_tables_as_people_read_them(tmp_path: Path) -> None:
    out = tmp_path / "tables.xlsx"
    report = EXAMPLES / "power-report-2023.json"
    result = CliRunner().invoke(app, ["account", str(report), "--out", str(out)])
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    assert book.sheetnames == [COVER, "企业", "机组", "燃料月度数据", "机组月度数据"]
    cover = [v for row in book[COVER].iter_rows(values_only=True) for v in row if v is not None]
    for shown in ("浙能新疆阿克苏纺织工业城热电厂", 2023, "发电 power", report.name, "来源文件"):
        assert shown in cover, shown
    units = book["机组"]
    heads = [c.value for c in units[1]]
    assert all(CHINESE_FIRST.match(h) for h in heads), heads
    assert "化石燃料燃烧排放 tCO2 direct (tCO2)" in heads and units.freeze_panes == "A3"
    direct = units.cell(3, heads.index("化石燃料燃烧排放 tCO2 direct (tCO2)") + 1)
    assert direct.value == 1473147.79 and direct.number_format == "#,##0.00"
    assert units.cell(3, 1).number_format == "General"  # a unit id is text, not a number
    assert book["企业"].cell(3, 1).number_format == "0"  # the year, plain
    assert all(d.width >= 10 for d in units.column_dimensions.values())


def test_check_writes_the_findings_and_still_exits_on_errors(tmp_path: Path) -> None:
    out = tmp_path / "findings.xlsx"
    report = EXAMPLES / "aviation-report-2025.json"
    result = CliRunner().invoke(app, ["check", str(report), "--out", str(out)])
    assert result.exit_code == 0, result.output  # an info finding: no error
    sheet = load_workbook(out)["核查发现"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("级别 severity", "代码 code") and sheet.freeze_panes == "A3"
    assert rows[2][0] == "提示 info" and rows[2][1] == "AVI-OUTSIDE-TABLE"
    assert "核查发现 verification findings" in next(load_workbook(out)[COVER].values)
