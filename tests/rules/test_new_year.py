"""Adding data year 2027 touches parameter and case files only: a temporary copy of the
allocation, registry and compliance law books gets its 2027 values and cases (a hypothetical 2027
plan that lowers the benchmarks), and the unchanged engine allocates, determines and checks
compliance."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from chinaets.allocation import rules as allocation_rules
from chinaets.allocation.cases import compute as allocation_compute
from chinaets.compliance import rules as compliance_rules
from chinaets.compliance.cases import compute as compliance_compute
from chinaets.registry import vintages
from chinaets.rules.cases import load_cases, run_case
from chinaets.rules.lawbook import LawBook, forget_loaded

PLAN = "hypothetical 2027 plan (test)"
NEW_VALUES: dict[str, dict[str, Any]] = {
    "allocation/parameters/power_plan_last_year.yaml": {"value": 2027},
    "allocation/parameters/industry_plan_last_year.yaml": {"value": 2027},
    "allocation/parameters/power_benchmark_electricity.yaml": {
        "value": {"I": 0.7886, "II": 0.7953, "III": 0.7998, "IV": 0.3288}},
    "allocation/parameters/power_benchmark_heat.yaml": {
        "value": {"I": 0.1015, "II": 0.1015, "III": 0.1015, "IV": 0.0533}},
    "compliance/parameters/compliance_last_year.yaml": {"value": 2027},
    "compliance/parameters/compliance_deadline.yaml": {"value": "2028-12-31"},
    "registry/parameters/usable_vintages.yaml": {"value": {"earliest": 2025, "latest": 2027}},
    "registry/parameters/cea_vintages.yaml": {
        "value": {"first": 2019, "last": 2027, "combined_from": 2019, "combined_to": 2020}},
}  # fmt: skip
CASES_2027 = """
defaults:
  schema_version: allocation/1
  entity: {credit_code: 91370000MA3C5EJ50G, name: 示例发电有限公司, province: 山东}
cases:
  - name: 2027 coal unit at full load under the 2027 benchmarks
    source: hypothetical 2027 plan (test)
    year: 2027
    input:
      units: [{unit_id: U1, rated_mw: 600, main_fuel: bituminous, generation_mwh: 3000000, running_hours: 6000, verified_tco2: 2400000}]
    notes: F = 3,000,000 / (600 × 6,000) = 83 % ≥ 50 % → Ff = 1; 3,000,000 × 0.7886 = 2,365,800
    expect: {allocation_tco2: 2365800}
  - name: 2027 clinker line with the published balance value
    source: hypothetical 2027 plan (test)
    year: 2027
    input:
      sector: cement
      balance_value: 0.86
      lines: [{line_id: L1, verified_tco2: 850000, output_t: 1000000}]
    expect: {allocation_tco2: 851482}
"""


def _add_value(path: Path, entry: dict[str, Any]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["values"]["2027-01-01"] = {**entry, "reference": PLAN}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


BOOKS = ("allocation", "registry", "compliance")


def _clear() -> None:
    forget_loaded()
    vintages.cea_vintages.cache_clear()


@pytest.fixture
def law_2027(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    src = Path(allocation_rules.__file__).parents[1]
    for book in BOOKS:
        for folder in ("parameters", "cases"):
            if (src / book / folder).is_dir():
                shutil.copytree(src / book / folder, tmp_path / book / folder)
    for relative, entry in NEW_VALUES.items():
        _add_value(tmp_path / relative, entry)
    (tmp_path / "allocation/cases/power_2027.yaml").write_text(CASES_2027, encoding="utf-8")
    for case_file in ("allocation/cases/power_2025_2026.yaml", "compliance/cases/compliance.yaml"):
        path = tmp_path / case_file  # "no rules yet" moves on to the next year
        path.write_text(path.read_text(encoding="utf-8").replace("2027", "2028"), encoding="utf-8")
    # every book of the three packages reads its parameters from the copy
    moved = {src / book: tmp_path / book for book in BOOKS}
    monkeypatch.setattr(
        LawBook, "parameter_dir", property(lambda b: moved.get(b.folder, b.folder) / "parameters")
    )
    _clear()
    yield tmp_path
    monkeypatch.undo()
    _clear()


def test_2027_runs_on_parameter_and_case_files_alone(law_2027: Path) -> None:
    for folder, compute in (
        ("allocation/cases", allocation_compute),
        ("compliance/cases", compliance_compute),
    ):
        cases = load_cases(law_2027 / folder)
        failed = {c.name: o.mismatches for c in cases if not (o := run_case(c, compute)).passed}
        assert not failed, failed
    assert vintages.cea_vintages()[-1] == "2027"
    assert (
        compliance_rules.deadline(compliance_rules.rules_for(2027))[0].isoformat() == "2028-12-31"
    )


def test_without_the_new_values_2027_is_refused() -> None:
    with pytest.raises(Exception, match="no power allocation rules for data year 2027"):
        allocation_rules.rules_for("power", 2027)
