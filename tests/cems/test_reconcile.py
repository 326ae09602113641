"""Reconciliation with the power accounting finds every planted fault, and raises false alarms
on at most FALSE_ALARM_RATE of the clean unit-months (stated in docs/cems.md), on both engines."""

from __future__ import annotations

from collections import Counter

import pytest
from tests.cems.conftest import YEAR, Fleet

from chinaets.analytics.engine import DuckDBEngine, Engine
from chinaets.cems import compute, findings
from chinaets.demo import cems_synthetic as synthetic

FALSE_ALARM_RATE = 0.01
_RESULTS: dict[str, list[dict[str, object]]] = {}  # one reconciliation per engine and run


def _reconcile(engine: Engine, fleet: Fleet) -> list[dict[str, object]]:
    if engine.name not in _RESULTS:
        period = compute.Period.year(YEAR)
        compute.prepare(engine, fleet.store, period)
        engine.register_arrow("accounts", fleet.accounts)
        _RESULTS[engine.name] = compute.run(engine, "reconcile", period).to_pylist()
    return _RESULTS[engine.name]


def test_finds_every_planted_fault_and_few_false_ones(engine: Engine, fleet: Fleet) -> None:
    rows = _reconcile(engine, fleet)
    found = Counter((f["unit_id"], f["code"]) for r in rows for f in findings._month_findings(r))
    expected = synthetic.expected_findings(fleet.faults)
    assert {k: found.get(k, 0) for k in expected} == expected
    faulty = {f.unit_id for f in fleet.faults}
    false_alarms = sum(n for (unit, _), n in found.items() if unit not in faulty)
    clean_months = sum(1 for r in rows if r["unit_id"] not in faulty)
    assert clean_months > 0 and false_alarms <= FALSE_ALARM_RATE * clean_months
    assert {kind for kind in synthetic.FAULT_MONTHS} == {f.kind for f in fleet.faults}


def test_clean_months_reconcile_within_one_percent(fleet: Fleet) -> None:
    rows = _reconcile(DuckDBEngine(), fleet)
    faulty = {f.unit_id for f in fleet.faults}
    clean = [r for r in rows if r["unit_id"] not in faulty and r["substituted_share"] < 0.02]
    assert clean and all(abs(float(str(r["deviation"]))) < 0.01 for r in clean)
    explained = [r for r in clean if float(str(r["fgd_tco2"])) > 0]
    assert explained  # coal units: FGD CO2 is part of the explained gap


def test_reconciliation_identical_on_both_engines(engine: Engine, fleet: Fleet) -> None:
    want = _reconcile(DuckDBEngine(), fleet)
    got = _reconcile(engine, fleet)
    tonnes = [k for k in want[0] if k.endswith("tco2")]
    assert [[round(float(str(r[k]))) for k in tonnes] for r in got] == [
        [round(float(str(r[k]))) for k in tonnes] for r in want
    ]
    assert [r["status"] for r in got] == [r["status"] for r in want]


def test_screening_rows_have_the_shared_columns(fleet: Fleet) -> None:
    rows = findings.screening_table(compute_rows := _reconcile_table(fleet))
    assert tuple(rows.column_names) == findings.COLUMNS
    assert set(rows.column("source").to_pylist()) == {"cems"}
    assert set(rows.column("severity").to_pylist()) <= {"error", "warning", "info"}
    assert all(r["en"] and r["zh"] for r in rows.to_pylist())
    assert len(compute_rows) > 0


def _reconcile_table(fleet: Fleet):  # type: ignore[no-untyped-def]
    engine = DuckDBEngine()
    period = compute.Period.year(YEAR)
    compute.prepare(engine, fleet.store, period)
    engine.register_arrow("accounts", fleet.accounts)
    return compute.run(engine, "reconcile", period)


@pytest.mark.parametrize("regime", ["eu", "us"])
def test_other_regimes_also_find_the_faults(fleet: Fleet, regime: str) -> None:
    engine = DuckDBEngine()
    period = compute.Period.year(YEAR)
    compute.prepare(engine, fleet.store, period)
    engine.register_arrow("accounts", fleet.accounts)
    rows = compute.run(engine, "reconcile", period, regime).to_pylist()
    codes = Counter(f["code"] for r in rows for f in findings._month_findings(r))
    assert codes["CEMS_DEVIATION_ALERT"] >= 1 and codes["CEMS_FLOW_STUCK"] >= 1
