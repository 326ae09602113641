"""Hourly mass, validity, substitution and totals: the worked check of the rules reference, the
HJ 75 lookback against a brute-force reference, and the same results on DuckDB and Spark."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pyarrow as pa
import pytest
from tests.cems.conftest import YEAR, Fleet

from chinaets.analytics.engine import DuckDBEngine, Engine
from chinaets.cems import compute
from chinaets.cems.devices import devices_from_rows
from chinaets.cems.ingest import READINGS_SCHEMA
from chinaets.cems.store import CemsStore

MN = "0" * 24


def _devices(co2_basis: str, flow_basis: str, flow_unit: str = "m3/h") -> pa.Table:
    declared = [
        ("a05001", "%", co2_basis),
        ("a00000", flow_unit, flow_basis),
        ("a01012", "°C", "actual"),
        ("a01013", "Pa", "gauge"),
        ("a01014", "%", "actual"),
    ]
    return devices_from_rows(
        [
            {"mn": MN, "unit_id": "U1", "province": "Hebei", "code": c, "unit": u, "basis": b}
            for c, u, b in declared
        ]
    )


def _reading(
    ts: dt.datetime, co2: float, flow: float, flag: str = "N", **extra: float
) -> dict[str, object]:
    row: dict[str, object] = {
        "unit_id": "U1",
        "province": "Hebei",
        "mn": MN,
        "ts": ts,
        "period": "hour",
        "co2": co2,
        "co2_flag": flag,
        "flow": flow,
        "flow_flag": flag,
        "source": "t",
        "line": 0,
    }
    for q in ("temp", "press", "moist", "o2"):
        row[q], row[f"{q}_flag"] = extra.get(q), "N" if q in extra else None
    return row


def _store(tmp_path: Path, rows: list[dict[str, object]], devices: pa.Table) -> CemsStore:
    store = CemsStore(tmp_path / "store")
    store._save_devices(devices)
    store.write(pa.Table.from_pylist(rows, schema=READINGS_SCHEMA))
    return store


def test_worked_check_of_the_rules_reference(engine: Engine, tmp_path: Path) -> None:
    """F 50 m2 × 15 m/s, 50 °C, −200 Pa, 10 % moisture, CO2 11.25 % wet → 503,409.8 kg/h."""
    ts = dt.datetime(2024, 1, 15, 8)
    row = _reading(ts, 11.25, 2_700_000.0, temp=50.0, press=-200.0, moist=10.0)
    store = _store(tmp_path, [row], _devices("wet", "actual_wet"))
    period = compute.Period(ts, ts + dt.timedelta(hours=1))
    compute.prepare(engine, store, period)
    hour = compute.run(engine, "hour_series", period, unit="U1").to_pylist()
    assert hour[0]["state"] == "valid" and hour[0]["rule"] == "measured"
    assert hour[0]["co2_dry"] == pytest.approx(12.5)
    assert hour[0]["q_snh"] == pytest.approx(2_049_785, abs=1)
    assert hour[0]["tco2"] == pytest.approx(503.4098, abs=1e-4)


def _gappy_series() -> tuple[list[dict[str, object]], list[float | None]]:
    """Three weeks of hourly data with short, long and stopped gaps; kg per hour returned."""
    rng = random.Random(7)
    start = dt.datetime(2024, 1, 1)
    gaps = set(range(200, 203)) | set(range(400, 430)) | {5, 6, 700, 701}
    stopped = set(range(600, 620))
    rows, kg = [], []
    for h in range(24 * 31):
        ts = start + dt.timedelta(hours=h)
        flow = rng.uniform(1.5e6, 2.2e6)
        if h in stopped:
            rows.append(_reading(ts, 0.0, 0.0, "F"))
            kg.append(None)
        elif h in gaps:
            if h % 2:
                rows.append(_reading(ts, 10.0, flow, "D"))
            kg.append(None)
        else:
            rows.append(_reading(ts, 10.0, flow))
            kg.append(10.0 / 100 * 44.01 / 22.4 * flow)
    return rows, kg


def _hj75_reference(kg: list[float | None], stopped: set[int]) -> list[float]:
    valid = [v for v in kg if v is not None]
    alpha = len(valid) / (len(kg) - len(stopped))  # one quarter in the data
    out, history, gap = [], [], 0
    for h, value in enumerate(kg):
        if h in stopped:
            out.append(0.0)
        elif value is not None:
            history.append(value)
            out.append(value)
            gap = 0
        else:
            if gap == 0:
                run = next(i for i in range(h, len(kg)) if kg[i] is not None) - h
                run -= sum(1 for i in range(h, h + run) if i in stopped)
                n = (180 if run <= 24 else 720) if alpha >= 0.9 else 2160
                sub = max(history[-n:]) if history else max(valid)
            gap += 1
            out.append(sub)
    return out


def test_hj75_lookback_matches_a_brute_force_reference(engine: Engine, tmp_path: Path) -> None:
    rows, kg = _gappy_series()
    store = _store(tmp_path, rows, _devices("dry", "standard_dry"))
    period = compute.Period.month(2024, 1)
    compute.prepare(engine, store, period)
    got = compute.run(engine, "hour_series", period, unit="U1").column("tco2").to_pylist()
    want = _hj75_reference(kg, set(range(600, 620)))
    assert got == pytest.approx([w / 1000 for w in want], abs=2e-4)


@pytest.mark.parametrize("regime", ["hj75", "eu", "us"])
def test_fleet_totals_identical_on_both_engines(engine: Engine, fleet: Fleet, regime: str) -> None:
    period = compute.Period.year(YEAR)
    reference = DuckDBEngine()
    compute.prepare(reference, fleet.store, period)
    compute.prepare(engine, fleet.store, period)
    want = compute.run(reference, "totals_month", period, regime)
    got = compute.run(engine, "totals_month", period, regime)
    assert got.schema == want.schema
    assert _to_tonne(got) == _to_tonne(want)
    assert sum(r["substituted_hours"] for r in got.to_pylist()) > 0


def _to_tonne(table: pa.Table) -> list[dict[str, object]]:
    return [
        {
            k: round(v) if isinstance(v, float) and k.endswith("tco2") else v
            for k, v in row.items()
            if not k.endswith("share")
        }
        for row in table.to_pylist()
    ]


def test_minutes_make_hours_by_the_45_minute_rule(engine: Engine, tmp_path: Path) -> None:
    """Hour 0: 50 valid minutes → valid (mean of the valid ones); hour 1: 40 valid → invalid,
    substituted from hour 0; hour 2: 40 stopped minutes → the unit is off."""
    start = dt.datetime(2024, 2, 1)
    rows = []
    for m in range(180):
        hour, minute = divmod(m, 60)
        flag = "N"
        if (hour == 0 and minute >= 50) or (hour == 1 and minute >= 40):
            flag = "D"
        if hour == 2 and minute < 40:
            flag = "F"
        row = _reading(start + dt.timedelta(minutes=m), 10.0 + (minute % 2), 1.0e6, flag)
        row["period"] = "minute"
        rows.append(row)
    store = _store(tmp_path, rows, _devices("dry", "standard_dry"))
    period = compute.Period(start, start + dt.timedelta(hours=3))
    compute.prepare(engine, store, period)
    hours = compute.run(engine, "hour_series", period, unit="U1").to_pylist()
    assert [h["state"] for h in hours] == ["valid", "invalid", "off"]
    assert hours[0]["co2_dry"] == pytest.approx(10.5)
    assert hours[1]["tco2"] == hours[0]["tco2"] and hours[2]["tco2"] == 0.0
    days = compute.run(engine, "totals_day", period, unit="U1").to_pylist()
    assert days[0]["valid_minutes"] == 50


def test_a_clause_written_once_is_expanded_for_each_factor() -> None:
    from chinaets.cems.sql import expand, query

    text = "SELECT a,\n  -- each f in x y:\n  -- why\n  min({f}) AS {f}\n  -- end each\nFROM t\n"
    assert expand(text) == "SELECT a,\n  -- why\n  min(x) AS x,\n  min(y) AS y\nFROM t\n"
    hours = query("hours")
    assert "{f}" not in hours and "-- each" not in hours
    for factor in ("co2", "o2", "flow", "temp", "press", "moist"):
        assert f"END AS {factor}_flag" in hours
