"""Every steel finding: a report built to trigger it gets it, with a stable code, the severity
the table in `checks.py` gives and messages in both languages; the good report gets none."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from chinaets.mrv.findings import Finding
from chinaets.mrv.steel.accounting import account
from chinaets.mrv.steel.checks import check
from chinaets.mrv.steel.loader import parse_report

GOOD: dict[str, Any] = json.loads(
    (Path(__file__).parent / "good_report.json").read_text(encoding="utf-8")
)


def findings(data: dict[str, Any]) -> list[Finding]:
    report = parse_report(data, "test")
    return check(report, account(report))


def variant(**tables: Any) -> dict[str, Any]:
    data = copy.deepcopy(GOOD)
    for key, value in tables.items():
        if key == "route":
            data["entity"]["route"] = value
        else:
            data[key] = value
    return data


def codes(data: dict[str, Any]) -> dict[str, Finding]:
    return {f.code: f for f in findings(data)}


def test_the_good_report_has_no_findings() -> None:
    assert findings(GOOD) == []


def _units_overstated() -> dict[str, Any]:
    return variant(
        unit_fuels=[{"unit_id": "P1", "month": 1, "fuel": "blast_furnace_gas", "quantity": 300000}]
    )


def _processes_overstated() -> dict[str, Any]:
    flows = [*GOOD["process_flows"]]
    flows[5] = {**flows[5], "quantity": 100}  # almost no blast-furnace gas leaves the BF
    flows.append(
        {"process_id": "BF1", "month": 2, "fuel": "coke", "direction": "in", "quantity": 250000}
    )
    return variant(process_flows=flows)


CASES: dict[str, tuple[Any, str]] = {
    "STL-OTHER-NEGATIVE": (_units_overstated, "error"),
    "STL-PROC-EXCEEDS": (_processes_overstated, "error"),
    "STL-INTENSITY-BAND": (
        lambda: variant(products=[{"month": 1, "product": "crude_steel", "quantity": 100000}]),
        "warning",
    ),
    "STL-PROC-OUTPUT": (
        lambda: variant(
            process_flows=[
                *GOOD["process_flows"],
                {"process_id": "CK1", "month": 1, "fuel": "blast_furnace_gas", "direction": "out", "quantity": 10},
            ]
        ),
        "warning",
    ),
    "STL-ROUTE-PROCESS": (lambda: variant(route="eaf"), "warning"),
    "STL-UNIT-NO-FUEL": (
        lambda: variant(power_units=[*GOOD["power_units"], {"unit_id": "P2"}]),
        "warning",
    ),
    "STL-MATERIAL-UNLISTED": (
        lambda: variant(materials=[*GOOD["materials"], {"month": 1, "material": "萤石", "quantity": 800}]),
        "info",
    ),
    "STL-NET-NEGATIVE": (
        lambda: variant(fuels=[*GOOD["fuels"], {"month": 3, "fuel": "coke", "sold": 20000}]),
        "info",
    ),
    "IND-NCV-COKE": (
        lambda: variant(ncv_samples=[*GOOD["ncv_samples"], {"month": 1, "fuel": "coke", "ncv": 29.0}]),
        "warning",
    ),
}  # fmt: skip


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_check_fires_with_its_severity_in_both_languages(code: str) -> None:
    build, severity = CASES[code]
    found = codes(build())
    assert code in found, sorted(found)
    finding = found[code]
    assert finding.severity == severity
    assert finding.en and finding.zh and finding.reference
    assert any("\u4e00" <= ch <= "\u9fff" for ch in finding.zh)


def test_intensity_band_depends_on_the_route() -> None:
    """The same EAF-like intensity is plausible for EAF and a finding for BF-BOF."""
    eaf = {
        "route": "eaf",
        "processes": [{"process_id": "E1", "process": "eaf"}],
        "power_units": [],
        "fuels": [{"month": 1, "fuel": "natural_gas", "purchased": 300}],
        "ncv_samples": [],
        "materials": [
            {"month": 1, "material": "electrode", "quantity": 600},
            {"month": 1, "material": "scrap", "quantity": 330000},
        ],
        "products": [{"month": 1, "product": "crude_steel", "quantity": 300000}],
        "process_flows": [],
        "unit_fuels": [],
    }
    assert "STL-INTENSITY-BAND" not in codes(variant(**eaf))
    assert "STL-INTENSITY-BAND" in codes(variant(**{**eaf, "route": "bf_bof"}))


def test_coke_ncv_finding_is_said_once_although_coke_appears_in_three_balances() -> None:
    data = variant(
        fuels=[*GOOD["fuels"], {"month": 1, "fuel": "coke", "purchased": 100}],
        ncv_samples=[*GOOD["ncv_samples"], {"month": 1, "fuel": "coke", "ncv": 29.0}],
    )
    assert [f.code for f in findings(data)].count("IND-NCV-COKE") == 1


def test_errors_come_first() -> None:
    found = findings(_units_overstated())
    ranks = [{"error": 0, "warning": 1, "info": 2}[f.severity] for f in found]
    assert ranks == sorted(ranks)


def test_control_plan_and_deposits_apply_from_2025() -> None:
    found = codes(variant(year=2025))
    assert "IND-DQCP-MISSING" in found
    assert "IND-DEPOSIT-MISSING" in found
