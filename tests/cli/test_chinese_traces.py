"""The traces of allocate, comply, plan, cbam and ccer calc, printed with --lang zh --trace on the
examples (and the CCER methodologies' worked cases), read in Chinese line by line: no English
words, internal names or reprs beyond codes, units and symbols. What follows "来源:" is a cited
source, kept as written. With --lang en the same trees read in English."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.cli.chinese_walk import untranslated
from typer.testing import CliRunner

from chinaets.allocation import allocate
from chinaets.allocation.inputs import parse_input
from chinaets.cbam.cases import case_result as cbam_case
from chinaets.ccer import cases
from chinaets.ccer.methodologies import get_methodology
from chinaets.cli.main import app
from chinaets.compliance.api import case_result as compliance_case
from chinaets.rules.cases import load_cases
from chinaets.rules.trace import TraceNode

E = Path(__file__).resolve().parents[2] / "examples"
SRC = Path(cases.__file__).resolve().parents[1]
CCER_CASES = SRC / "ccer" / "cases"
CITED = re.compile(r"来源: .*$")
# what a formula or code keeps: function symbols (max, min), the symbol Ash of an anode, a
# refinery's fcc unit, and a species code a worked case's project gives itself (its data)
SYMBOLS = frozenset({"max", "min", "Ash", "fcc", "local_oak"})
# wide enough that no line wraps: a wrapped citation would continue on a line of its own
WIDE = {"COLUMNS": "20000"}

RUNS = {
    "allocate power": ["allocate", f"{E}/power-report-2023.json", "--year", "2023"],
    "comply": ["comply", f"{E}/compliance-2025.json", "--year", "2025"],
    "plan": ["plan", f"{E}/compliance-2025.json", "--year", "2025", "--price-cea", "74.63",
             "--price-ccer", "70.76"],
    "cbam steel": ["cbam", f"{E}/steel-report-2024.json", "--goods",
                   f"{E}/cbam/steel-goods-2024.csv"],
    # the 2025 industry allocation inside needs the sector's balance value (as published)
    "cbam aluminium": ["cbam", f"{E}/aluminium-report-2025.json", "--goods",
                       f"{E}/cbam/aluminium-goods-2025.csv", "--balance-value", "1.577"],
    "cbam cement": ["cbam", f"{E}/cement-report-2025.json", "--goods",
                    f"{E}/cbam/cement-goods-2025.csv", "--balance-value", "0.835"],
}  # fmt: skip


def printed(args: list[str], lang: str = "zh") -> list[str]:
    result = CliRunner().invoke(app, ["--lang", lang, *args, "--trace"], env=WIDE)
    assert result.exit_code == 0, (args, result.output)
    return result.stdout.splitlines()


def english_in(lines: list[str]) -> list[str]:
    return sorted({w for line in lines for w in untranslated(CITED.sub(" ", line), SYMBOLS)})


@pytest.mark.parametrize("run", sorted(RUNS))
def test_traces_print_in_chinese(run: str) -> None:
    assert not english_in(printed(RUNS[run])), run


def test_allocation_trace_names_formula_versions_and_reasons_in_chinese() -> None:
    lines = printed(RUNS["allocate power"])
    assert any("机组供电配额的修正系数 Ff = 自 2023-01-01 起施行的版本" in line for line in lines)
    assert any("类别 = 第二类  ！常规燃煤机组，额定功率 350 MW < 400 MW" in line for line in lines)
    assert not any("peak_regulation" in line or "power_pre_allocation" in line for line in lines)


def test_a_parameters_terms_and_yes_no_read_in_chinese() -> None:
    lines = printed(RUNS["comply"])
    assert any("可用于该年度清缴的配额年份范围 = 最早配额年份 2025；最晚配额年份 2026" in line
               for line in lines)  # fmt: skip
    assert any("未清缴部分是否在下一年度配额中等量核减 = 否" in line for line in lines)
    assert any("= 部分清缴" in line for line in lines)


# the worked cases of the law books: every path a trace can take (special cases, excluded units,
# earlier plans, older obligations, CBAM installations given directly)
WORKED: dict[str, Any] = {
    "allocation": lambda data: allocate(parse_input(data, "<case>")).trace(),
    "compliance": lambda data: compliance_case(data).trace(),
    "cbam": lambda data: cbam_case(data).trace(),
}


@pytest.mark.parametrize("book", sorted(WORKED))
def test_traces_of_every_worked_case_read_in_chinese(book: str) -> None:
    found, ran = {}, 0
    for case in load_cases(SRC / book / "cases"):
        if case.expect_error:
            continue
        ran += 1
        bad = english_in(WORKED[book](case.input).lines(lang="zh"))
        if bad:
            found[case.name] = bad
    assert ran > 5 and not found, found


def _ccer_inputs() -> list[dict[str, Any]]:
    """The input of every worked CCER case that computes (not those that expect a refusal)."""
    found = []
    for path in sorted(CCER_CASES.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            if "expect_error" not in case:
                found.append(case["input"])
    return found


def _ccer_trace(data: dict[str, Any]) -> TraceNode:
    start = dt.date.fromisoformat(str(data["period_start"]))
    applied = data.get("applied_on")
    method = get_methodology(str(data["methodology"]), *([applied] if applied else []))
    site = cases.applicable_site(method, data.get("project"), start)
    return cases.calculate(method, site, data.get("monitoring"), start).trace


def test_ccer_traces_of_every_worked_case_read_in_chinese() -> None:
    inputs = _ccer_inputs()
    methods = {str(data["methodology"]) for data in inputs}
    assert len(methods) >= 4  # grid power, afforestation, coal-mine methane, tunnel lighting
    found = {}
    for data in inputs:
        bad = english_in(_ccer_trace(data).lines(lang="zh"))
        if bad:
            found[str(data["methodology"])] = bad
    assert not found, found


def test_ccer_calc_prints_its_trace_and_result_in_chinese(tmp_path: Path) -> None:
    data = next(d for d in _ccer_inputs() if str(d["methodology"]) == "CCER-01-001-V01")
    path = tmp_path / "calc.json"
    path.write_text(json.dumps(data, default=str), encoding="utf-8")
    lines = printed(["ccer", "calc", str(path)])
    assert not english_in(lines)
    assert any("ER_y 减排量" in line for line in lines)


def _nodes(node: TraceNode) -> list[TraceNode]:
    return [node, *(n for child in node.children for n in _nodes(child))]


@pytest.mark.parametrize("run", ["allocate power", "comply", "cbam steel"])
def test_english_traces_stay_in_english(run: str) -> None:
    """The Chinese fields never reach an English reader: each line starts with its English
    label, and no Chinese formula or note is printed."""
    lines = "\n".join(printed(RUNS[run], "en"))
    assert "来源:" not in lines and "起施行的版本" not in lines
    for word in ("适用的公式版本", "预分配配额", "计入的配额", "生产工序", "多退少补"):
        assert word not in lines, word


def test_english_headline_of_every_node_starts_with_its_label() -> None:
    data = next(d for d in _ccer_inputs() if str(d["methodology"]) == "CCER-01-001-V01")
    for node in _nodes(_ccer_trace(data)):
        assert node.headline("en").startswith(node.label)
        if node.formula_zh and node.formula_zh != node.formula:
            assert node.formula_zh not in node.headline("en")
