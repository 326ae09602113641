"""The bad-input corpus: every broken file is refused with a located, bilingual error and a fix,
by the CLI (exit 2, nothing written) and by the library (the exact `Location`).

The corpus is `bad_inputs/`, described file by file in `bad_inputs/expected.yaml`. The .xlsx
files are committed, written once by `bad_inputs/make_xlsx.py`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from chinaets.cli.main import app
from chinaets.core.errors import InputError, Location
from chinaets.mrv.power.loader import load_report

CORPUS = Path(__file__).parent / "bad_inputs"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load(
    (CORPUS / "expected.yaml").read_text(encoding="utf-8")
)
NOT_INPUTS = {"expected.yaml", "make_xlsx.py", "__pycache__"}
runner = CliRunner()


def _year(args: list[str]) -> int | None:
    return int(args[args.index("--year") + 1]) if "--year" in args else None


def test_corpus_and_manifest_agree() -> None:
    on_disk = {p.name for p in CORPUS.iterdir()} - NOT_INPUTS
    assert on_disk == set(EXPECTED)
    assert len(on_disk) >= 24


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_cli_refuses_with_place_and_fix(name: str, tmp_path: Path) -> None:
    spec = EXPECTED[name]
    out = tmp_path / "out.json"
    args = ["account", str(CORPUS / name), *spec.get("args", []), "--out", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    message = result.stderr
    assert Location(**spec["where"]).describe() + ":" in message
    for key in ("en", "zh", "fix_en", "fix_zh"):
        for fragment in spec[key]:
            assert str(fragment) in message, f"{key} lacks {fragment!r}:\n{message}"
    assert "Fix: " in message and "修改方法：" in message
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_library_locates_exactly(name: str) -> None:
    spec = EXPECTED[name]
    with pytest.raises(InputError) as caught:
        load_report(CORPUS / name, _year(spec.get("args", [])))
    assert len(caught.value.problems) == 1, caught.value.render()
    problem = caught.value.problems[0]
    assert problem.where == Location(**spec["where"])
    for key in ("en", "zh", "fix_en", "fix_zh"):
        text = getattr(problem, key)
        assert text, f"{key} is empty"
        for fragment in spec[key]:
            assert str(fragment) in text, f"{key} lacks {fragment!r}: {text!r}"


@pytest.mark.parametrize("name", ["month_13.json", "csv_non_numeric", "xlsx_wrong_sheet_name.xlsx"])
def test_json_errors_are_machine_readable(name: str, tmp_path: Path) -> None:
    spec = EXPECTED[name]
    out = tmp_path / "out.xlsx"
    result = runner.invoke(app, ["account", str(CORPUS / name), "--json", "--out", str(out)])
    assert result.exit_code == 2
    error = json.loads(result.stderr)
    assert error["error"] == "invalid_input"
    assert error["problems"][0]["where"] == Location(**spec["where"]).as_dict()
    assert list(tmp_path.iterdir()) == []


def test_every_problem_is_reported_not_only_the_first(tmp_path: Path) -> None:
    report = json.loads((Path(__file__).parent / "good_report.json").read_text(encoding="utf-8"))
    report["fuel_use"][0]["month"] = 13
    report["fuel_use"][1]["quantity"] = -1
    path = tmp_path / "two_errors.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_report(path)
    fields = [p.where.field for p in caught.value.problems]
    assert fields == ["fuel_use[0].month", "fuel_use[1].quantity"]
