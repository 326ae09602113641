"""Aluminium: worked cases, every check, results, report tables and the example report."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from chinaets.mrv.aluminium import accounting, checks, loader, report
from chinaets.mrv.aluminium.example import example_report
from chinaets.mrv.aluminium.sector import SECTOR
from chinaets.rules.cases import load_cases, run_case

GOOD: dict[str, Any] = json.loads((Path(__file__).parent / "good_report.json").read_text("utf-8"))


def codes(data: dict[str, Any]) -> set[str]:
    parsed = loader.parse_report(data)
    return {f.code for f in checks.check(parsed, accounting.account(parsed))}


@pytest.mark.parametrize("case", load_cases(SECTOR.cases_dir), ids=lambda c: c.name[:50])
def test_worked_case(case: Any) -> None:
    outcome = run_case(case, lambda d: accounting.account(loader.parse_report(d)).as_dict())
    assert outcome.passed, outcome.mismatches


def test_at_least_four_cases() -> None:
    assert len([c for c in load_cases(SECTOR.cases_dir) if c.expect_error is None]) >= 4


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_example_report_is_realistic_and_clean(seed: int) -> None:
    parsed = loader.parse_report(example_report(seed))
    result = accounting.account(parsed)
    electrolysis = result.processes[0]
    assert electrolysis.intensity is not None and 1.45 < electrolysis.intensity < 1.75
    assert checks.check(parsed, result) == []


def _mutated(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(GOOD)
    data.update(changes)
    return data


CHECK_CASES: dict[str, dict[str, Any]] = {
    "ALU-NAC-RANGE": {"anode_data": [{"unit_id": "E1", "month": 1, "net_anode_t_per_t": 0.6}]},
    "ALU-AEM-HIGH": {"anode_effects": [{"unit_id": "E1", "month": 1, "aem_min_per_cell_day": 3}]},
    "ALU-PFC-DEFAULT": {"anode_effects": []},
    "ALU-ANODE-DEFAULT": {"anode_data": []},
    "ALU-GWP-OLDER": {"gwp_set": "SAR"},
    "ALU-MONTH-MISSING": {"aluminium_output": [
        {"unit_id": "E1", "month": m, "quantity_t": 25000} for m in (1, 3)]},
    "ALU-OUTPUT-NO-FUEL": {"aluminium_output": [
        {"unit_id": "E1", "month": m, "quantity_t": 25000} for m in (1, 2)]},
}  # fmt: skip


@pytest.mark.parametrize("code", sorted(CHECK_CASES))
def test_each_check_fires(code: str) -> None:
    assert code not in codes(GOOD)
    assert code in codes(_mutated(**CHECK_CASES[code]))


def test_trace_and_tables_explain_the_figures() -> None:
    result = accounting.account(loader.parse_report(GOOD))
    lines = "\n".join(result.trace().lines())
    assert "NC × (1 − S − Ash) × 44/12" in lines and "GWP set AR5" in lines
    tables = report.report_tables(result)
    assert set(tables) == {"entity", "processes", "fuels", "months", "carbonates"}
    assert tables["months"][0]["ef_cf4"] == 0.007  # 0.143 × 0.05 = 0.00715, shown at 3 dp
    assert all(k in report.COLUMN_LABELS for row in tables["processes"] for k in row)
