"""`chinaets targets` under `--lang zh` prints Chinese: its progress table (notes, plans, units,
what is still needed), the trace of every chained figure, the S&T plan, adaptation and coverage
tables. What stays as written is a cited source, printed after "来源:" at the end of its line.
Every English note of the data the command reads has its Chinese form beside it (`_zh`)."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.cli.chinese_walk import untranslated
from typer.testing import CliRunner

from chinaets.cli.main import app
from chinaets.national.targets.coverage import COVERAGE_FILE
from chinaets.national.targets.indicators import INDICATORS_FILE
from chinaets.national.targets.plans import ADAPTATION_FILE, ST_PLAN_FILE

CITED = re.compile(r"来源: .*$", re.M)
RUNS = [[], ["--trace"], ["--as-of", "2021-12-31", "--trace"]]
# what a data file keeps as written: citations, links, and codes (a key, a kind, target names)
KEPT_KEYS = re.compile(r"source|url|^key$|^kind$|^linked_targets$")


def _targets(tmp: Path, lang: str, *args: str) -> str:
    # wide enough that no cell wraps, so a cited source is taken out whole
    result = CliRunner().invoke(
        app, ["--lang", lang, "targets", "--out", str(tmp), *args], env={"COLUMNS": "3000"}
    )
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("args", RUNS, ids=lambda a: " ".join(a) or "targets")
def test_targets_print_no_english_under_zh(tmp_path: Path, args: list[str]) -> None:
    out = _targets(tmp_path, "zh", *args)
    assert "国家目标进度" in out and "来源: " in out
    found = untranslated(CITED.sub(" ", out))
    assert not found, sorted(set(found))
    assert "co2_per_gdp" not in out  # a target is named by its description, never its parameter


def test_targets_stay_english_under_en(tmp_path: Path) -> None:
    out = _targets(tmp_path, "en", "--trace")
    assert "National targets: progress" in out and "S&T Support Plan" in out
    assert "if 15th Five-Year Plan target" in out and "co2_per_gdp_2030_fyp" not in out
    assert "来源" not in out and "目标值" not in out


def test_json_carries_both_languages(tmp_path: Path) -> None:
    data = json.loads(_targets(tmp_path, "zh", "--json"))
    for p in data["progress"]:
        assert len(p["uncertain_zh"]) == len(p["uncertain"])
        assert p["horizon_zh"] and p["description_zh"]
        assert all(s["uncertain_zh"] for s in p["steps"] if s["uncertain"])
    ndc = next(p for p in data["progress"] if p["projection"])
    assert ndc["projection"]["if_met_zh"].startswith("“十五五”")
    for key in ("st_plan", "adaptation"):
        assert all(r["latest_note_zh"] for r in data[key] if r["latest_note"])
        assert all(r["uncertain_zh"] for r in data[key] if r["uncertain"])
    assert all(r["uncertain_zh"] for r in data["coverage"] if r["uncertain"])


def _english_without_chinese(node: Any, where: str = "") -> list[str]:
    """Every English text of a data file (not a citation) whose `_zh` sibling is missing or
    still English (``en`` has ``zh``)."""
    found = []
    if isinstance(node, list):
        for i, item in enumerate(node):
            found += _english_without_chinese(item, f"{where}[{i}]")
    if not isinstance(node, dict):
        return found
    for key, value in node.items():
        if isinstance(value, dict | list) and not _is_text_list(value):
            found += _english_without_chinese(value, f"{where}.{key}")
            continue
        if key.endswith("zh") or KEPT_KEYS.search(str(key)) or not _has_english(value):
            continue
        zh = node.get("zh" if key == "en" else f"{key}_zh")
        if not zh or _has_english(zh):
            found.append(f"{where}.{key}")
    return found


def _is_text_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _has_english(value: Any) -> bool:
    texts = value if isinstance(value, list) else [value]
    return any(isinstance(t, str) and untranslated(t) for t in texts)


@pytest.mark.parametrize(
    "path", [ST_PLAN_FILE, ADAPTATION_FILE, COVERAGE_FILE], ids=lambda p: p.name
)
def test_every_english_note_of_the_plans_has_its_chinese(path: Path) -> None:
    found = _english_without_chinese(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert not found, found


def test_every_indicator_note_and_worded_unit_has_its_chinese() -> None:
    with INDICATORS_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    found = [
        f"line {i + 2}: {key}_zh"
        for i, row in enumerate(rows)
        for key in ("unit", "uncertain")
        if untranslated(row[key]) and (not row[f"{key}_zh"] or untranslated(row[f"{key}_zh"]))
    ]
    assert not found, found
