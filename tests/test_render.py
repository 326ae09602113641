"""Tables read in the user's language at any width; numbers are never broken."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chinaets.cli.main import app
from chinaets.core.numbers import exact, figure

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
COMMANDS = [
    ["account", str(EXAMPLES / "power-report-2023.json")],
    ["account", str(EXAMPLES / "cement-report-2025.json")],
    ["account", str(EXAMPLES / "steel-report-2024.json")],
    ["account", str(EXAMPLES / "aluminium-report-2025.json")],
    ["comply", str(EXAMPLES / "compliance-2025.json"), "--year", "2025"],
]


def run(args: list[str], lang: str, width: int) -> str:
    result = CliRunner().invoke(app, ["--lang", lang, *args], env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: Path(a[1]).stem)
def test_chinese_output_shows_no_internal_names(args: list[str]) -> None:
    out = run(args, "zh", 100)
    assert not SNAKE.findall(out), SNAKE.findall(out)
    assert "None" not in out and "{'" not in out


@pytest.mark.parametrize("width", [60, 80, 200])
def test_numbers_are_never_broken_at_any_width(width: int) -> None:
    out = run(COMMANDS[0], "both", width)
    for number in ("2,884,905.75", "2,884,906", "1,803,277.70"):
        assert number in out, (width, number)


def test_the_locale_chooses_the_language() -> None:
    args = ["comply", str(EXAMPLES / "compliance-2025.json"), "--year", "2025"]
    zh = CliRunner().invoke(app, args, env={"CHINAETS_LANG": "", "LC_ALL": "zh_CN.UTF-8"})
    en = CliRunner().invoke(app, args, env={"CHINAETS_LANG": "", "LC_ALL": "en_US.UTF-8"})
    assert "缺口" in zh.output and "shortfall" not in zh.output
    assert "shortfall" in en.output and "缺口" not in en.output


def test_figures_follow_one_policy() -> None:
    assert figure("obligation_tco2", 2884906, "zh") == "2,884,906"
    assert figure("year", 2025, "zh") == "2025"
    assert figure("direct_tco2", 2884905.754, "en") == "2,884,905.75"
    assert figure("load_factor", 0.61498, "en") == "0.6150"
    assert figure("province", "Xinjiang", "zh") == "新疆"
    assert figure("status", "partially_compliant", "zh") == "部分清缴"
    assert figure("indirect_in_obligation", False, "zh") == "否"
    assert figure("ncv", None, "zh") == "—"
    assert exact(1803277.7000000002) == 1803277.7
