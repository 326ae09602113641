"""Cement: worked cases, every check, results, report tables and the example report."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from chinaets.cli.main import app
from chinaets.mrv.cement import accounting, checks, loader, report
from chinaets.mrv.cement.example import example_report
from chinaets.mrv.cement.sector import SECTOR
from chinaets.rules.cases import load_cases, run_case

GOOD: dict[str, Any] = json.loads((Path(__file__).parent / "good_report.json").read_text("utf-8"))


def codes(data: dict[str, Any]) -> set[str]:
    parsed = loader.parse_report(data)
    return {f.code for f in checks.check(parsed, accounting.account(parsed))}


@pytest.mark.parametrize("case", load_cases(SECTOR.cases_dir), ids=lambda c: c.name[:50])
def test_worked_case(case: Any) -> None:
    outcome = run_case(case, lambda d: accounting.account(loader.parse_report(d)).as_dict())
    assert outcome.passed, outcome.mismatches


def test_at_least_four_cases_per_formula_version() -> None:
    years = [c.year for c in load_cases(SECTOR.cases_dir)]
    assert sum(y < 2024 for y in years) >= 4 and sum(y >= 2024 for y in years) >= 4


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_example_report_is_realistic_and_clean(seed: int) -> None:
    parsed = loader.parse_report(example_report(seed))
    result = accounting.account(parsed)
    assert 0.78 < result.total_tco2 / result.clinker_t < 0.90  # tCO2 per t clinker
    assert checks.check(parsed, result) == []
    assert example_report(seed) == example_report(seed)


def _mutated(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(GOOD)
    data.update(changes)
    return data


CHECK_CASES: dict[str, dict[str, Any]] = {
    "CEM-DEDUCTION-EXCEEDS": {"alt_raw_materials": [
        {"unit_id": "L1", "month": 1, "material": "carbide_slag", "quantity_t": 200000}]},
    "CEM-CLINKER-NO-FUEL": {"clinker_output": [
        {"unit_id": "L1", "month": 1, "quantity_t": 120000}, {"unit_id": "L1", "month": 2, "quantity_t": 100000}]},
    "CEM-FUEL-NO-CLINKER": {"fuel_use": [
        {"unit_id": "L1", "month": 1, "fuel": "bituminous", "quantity": 15000},
        {"unit_id": "L1", "month": 2, "fuel": "diesel", "quantity": 5}]},
    "CEM-MONTH-MISSING": {
        "clinker_output": [{"unit_id": "L1", "month": m, "quantity_t": 100000} for m in (1, 3)],
        "fuel_use": [{"unit_id": "L1", "month": m, "fuel": "bituminous", "quantity": 14000} for m in (1, 3)]},
    "CEM-WHITE-ONLY": {"clinker_output": [
        {"unit_id": "L1", "month": 1, "clinker_type": "white_portland", "quantity_t": 100000}]},
    "CEM-COMPOSITION-UNUSED": {"clinker_composition": [{"unit_id": "L1", "month": 1, "cao_pct": 65, "mgo_pct": 2}]},
    "CEM-CAO-RANGE": {"year": 2020, "deposits": [], "clinker_composition": [{"unit_id": "L1", "month": 1, "cao_pct": 58, "mgo_pct": 2}]},
    "CEM-MGO-MAX": {"year": 2020, "deposits": [], "clinker_composition": [{"unit_id": "L1", "month": 1, "cao_pct": 65, "mgo_pct": 6}]},
    "CEM-FACTOR-RANGE": {"year": 2020, "deposits": [], "clinker_composition": [
        {"unit_id": "L1", "month": 1, "cao_pct": 65, "mgo_pct": 2, "noncarbonate_cao_pct": 20}]},
    "CEM-ALT-UNUSED": {"year": 2020, "deposits": [], "clinker_composition": [{"unit_id": "L1", "month": 1, "cao_pct": 65, "mgo_pct": 2}]},
}  # fmt: skip


@pytest.mark.parametrize("code", sorted(CHECK_CASES))
def test_each_check_fires(code: str) -> None:
    assert code not in codes(GOOD)
    assert code in codes(_mutated(**CHECK_CASES[code]))


def test_good_report_year_2025_has_shared_findings_for_missing_deposits() -> None:
    assert "IND-DEPOSIT-MISSING" in codes(GOOD)  # only January is deposited


def test_trace_and_tables_explain_the_figures() -> None:
    result = accounting.account(loader.parse_report(GOOD))
    lines = "\n".join(result.trace().lines())
    assert "carbide slag" in lines and "0.535" in lines and "UNCERTAIN" in lines
    tables = report.report_tables(result)
    assert set(tables) == {"entity", "lines", "fuels", "clinker", "deductions", "composition"}
    assert tables["entity"][0]["obligation_tco2"] == result.obligation_tco2
    assert all(k in report.COLUMN_LABELS for row in tables["lines"] for k in row)


def test_cli_accounts_and_writes_tables(tmp_path: Path) -> None:
    src = tmp_path / "cement.json"
    src.write_text(json.dumps(example_report(4), ensure_ascii=False), "utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["account", str(src), "--sector", "cement", "--json", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["sector"] == "cement"
    assert (out / "lines.csv").exists()
