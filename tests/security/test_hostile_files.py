"""Issue 16, items 3, 10, 13, 14: hostile files through the real CLI. Each is refused with exit
code 2, a located bilingual message with a fix, and no traceback. The corpus is generated here
(small files that stand for the probe's big ones: the limits are the same code paths)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from chinaets.cli.main import app
from chinaets.core import limits
from chinaets.inputs.excel import write_template
from chinaets.mrv.power.schema import TABLE_LABELS, TABLES
from chinaets.mrv.sectors import detect_sector

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
GOOD = json.loads((EXAMPLES / "power-report-2023.json").read_text(encoding="utf-8"))


def _json(text: str | bytes) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        path = tmp / "report.json"
        path.write_bytes(text if isinstance(text, bytes) else text.encode())
        return path

    return make


def _csv(text: bytes) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        folder = tmp / "report"
        folder.mkdir()
        (folder / "entity.csv").write_bytes(text)
        return folder

    return make


def _xlsx(change: Callable[[Path], None]) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        path = tmp / "report.xlsx"
        write_template(path, TABLES, TABLE_LABELS, 2023)
        change(path)
        return path

    return make


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])


def _boolean_capacity(path: Path) -> None:
    book = load_workbook(path)
    sheet = book["units"]
    keys = [c.value for c in sheet[2]]
    for column, key in enumerate(keys, 1):
        sheet.cell(3, column, True if key == "rated_mw" else "x")
    book.save(path)


CORPUS: dict[str, tuple[Callable[[Path], Path], str, str]] = {
    "gbk_csv": (_csv("企业名称,年度\n".encode("gbk")), "not UTF-8", "UTF-8"),
    "utf16_json": (_json('{"year": 2023}'.encode("utf-16")), "not UTF-8", "UTF-8"),
    "binary_json": (_json(bytes(range(256))), "not UTF-8", "UTF-8"),
    "deep_json": (_json("[" * 5000 + "]" * 5000), "nested more than", "嵌套"),
    "long_number": (_json('{"year": 1' + "0" * 5000 + "}"), "digits", "位的数字"),
    "duplicate_keys": (_json('{"year": 2023, "year": 2024}'), "appears twice", "出现两次"),
    "nul_in_text": (_json('{"entity": {"name": "a\\u0000b"}}'), "control characters", "控制字符"),
    "long_csv_field": (_csv(b"name\n" + b"x" * 200_000 + b"\n"), "characters", "字符"),
    "truncated_xlsx": (_xlsx(_truncate), "not a readable .xlsx", "工作簿"),
    "excel_boolean_number": (_xlsx(_boolean_capacity), "yes/no value", "逻辑值"),
}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_hostile_file_is_refused_with_place_and_fix(name: str, tmp_path: Path) -> None:
    make, en, zh = CORPUS[name]
    result = runner.invoke(app, ["account", str(make(tmp_path)), "--sector", "power"])
    assert result.exit_code == 2, result.output
    assert ("Traceback" not in result.output and result.exception is None) or isinstance(
        result.exception, SystemExit
    )
    assert en in result.output and zh in result.output, result.output
    assert "Fix: " in result.output and "修改方法：" in result.output


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_sector_detection_reads_a_hostile_file_within_the_limits(name: str, tmp_path: Path) -> None:
    """Without --sector the file is first read for its sector (`detect_sector`): that read keeps
    the same limits, and the sector's loader then gives the located message."""
    make, en, zh = CORPUS[name]
    result = runner.invoke(app, ["account", str(make(tmp_path))])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert en in result.output and zh in result.output, result.output


def test_sector_detection_survives_nesting_past_the_interpreters_limit(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    path.write_text('{"sector": "steel", "x": ' + "[" * 200_000 + "]" * 200_000 + "}")
    assert detect_sector(path, "power") == "power"  # unreadable: the loader reports it
    result = runner.invoke(app, ["account", str(path)])
    assert result.exit_code == 2 and "nested more than" in result.output, result.output


def test_row_and_cell_caps_stop_a_huge_sheet_early(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_ROWS", 50)
    monkeypatch.setattr(limits.check_rows, "__defaults__", (50,))
    folder = tmp_path / "report"
    folder.mkdir()
    (folder / "entity.csv").write_text("name\n" + "x\n" * 1000, encoding="utf-8")
    result = runner.invoke(app, ["account", str(folder), "--sector", "power"])
    assert result.exit_code == 2 and "more than 50 rows" in result.output, result.output


def test_comply_does_not_read_outside_the_input_folder(tmp_path: Path) -> None:
    secret = tmp_path / "secret.json"
    secret.write_text(json.dumps(GOOD), encoding="utf-8")
    inner = tmp_path / "inputs"
    inner.mkdir()
    position = json.loads((EXAMPLES / "compliance-2025.json").read_text(encoding="utf-8"))
    position.pop("verified_tco2")
    for report in ("../secret.json", str(secret)):
        (inner / "position.json").write_text(
            json.dumps({**position, "report": report}), encoding="utf-8"
        )
        result = runner.invoke(app, ["comply", str(inner / "position.json")])
        assert result.exit_code == 2 and "input's own folder" in result.output, result.output


def test_unknown_fields_are_named_not_echoed(tmp_path: Path) -> None:
    position = json.loads((EXAMPLES / "compliance-2025.json").read_text(encoding="utf-8"))
    path = tmp_path / "position.json"
    path.write_text(json.dumps({**position, "api_key": "sk-very-secret-value"}), encoding="utf-8")
    result = runner.invoke(app, ["comply", str(path)])
    assert result.exit_code == 2 and "api_key" in result.output
    assert "sk-very-secret-value" not in result.output
