"""US 40 CFR Part 75 substitution: availability as of the hour before each gap, and percentiles
and maximum over the last 720 quality-assured monitor operating hours (valid hours) before it,
against a brute-force reference, identical on DuckDB and Spark."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from tests.cems.test_compute import _devices, _reading, _store

from chinaets.analytics.engine import Engine
from chinaets.cems import compute, rules

START = dt.datetime(2024, 1, 1)
HOURS = 1680
# each tier of §75.33(b) once: initial, around (short), p_high, p_95 (mid, long), max (low)
GAPS = [range(0, 2), range(100, 103), range(800, 830), range(900, 960), range(1000, 1010),
        range(1100, 1200), range(1300, 1301), range(1500, 1502)]  # fmt: skip
STOPPED = range(1400, 1420)


def _series() -> tuple[list[dict[str, object]], list[float | None], set[int]]:
    bad = {h for g in GAPS for h in g}
    rows, kg = [], []
    for h in range(HOURS):
        ts = START + dt.timedelta(hours=h)
        flow = 1.0e6 * (1 + h / HOURS) * (1 + 0.05 * ((h * 7919) % 13) / 13)  # rising, jagged
        if h in STOPPED:
            rows.append(_reading(ts, 0.0, 0.0, "F"))
            kg.append(None)
        elif h in bad:
            rows.append(_reading(ts, 10.0, flow, "D"))
            kg.append(None)
        else:
            rows.append(_reading(ts, 10.0, flow))
            kg.append(10.0 / 100 * 44.01 / 22.4 * flow)
    return rows, kg, set(STOPPED)


def _quantile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    at = p * (len(ordered) - 1)
    low = int(at)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (at - low)


def _us_reference(kg: list[float | None], stopped: set[int]) -> tuple[list[float], list[str]]:
    p = rules.sql_params(2024)
    lookback = int(p["us_lookback_hours"])
    out: list[float] = []
    tiers: list[str] = []
    for h, value in enumerate(kg):
        if h in stopped:
            out.append(0.0)
            tiers.append("off")
            continue
        if value is not None:
            out.append(value)
            tiers.append("measured")
            continue
        start = h
        while start > 0 and (kg[start - 1] is None):
            start -= 1  # the gap's first hour (stopped hours inside a gap do not split it)
        while start in stopped:
            start += 1
        history = [v for v in kg[:start] if v is not None]
        operating = sum(1 for i in range(start) if i not in stopped)
        end = h
        while end < len(kg) and kg[end] is None:
            end += 1
        gap_hours = sum(1 for i in range(start, end) if i not in stopped)
        before = history[-1] if history else None
        after = kg[end] if end < len(kg) else None
        around = ((before or after) + (after or before)) / 2  # type: ignore[operator]
        if not history:
            out.append(around)
            tiers.append("us:initial")
            continue
        window = history[-lookback:]
        availability = len(history) / operating
        if availability >= p["band_high"] and gap_hours <= p["high_gap_hours"]:
            value, tier = around, "us:around"
        elif availability >= p["band_high"]:
            value, tier = max(_quantile(window, p["high_percentile"]), around), "us:p_high"
        elif availability >= p["band_mid"] and gap_hours <= p["mid_gap_hours"]:
            value, tier = around, "us:around"
        elif availability >= p["band_mid"]:
            value, tier = max(_quantile(window, p["mid_percentile"]), around), "us:p_mid"
        else:
            value, tier = max(window), "us:max"
        out.append(value)
        tiers.append(tier)
    return out, tiers


def test_us_lookback_matches_a_brute_force_reference(engine: Engine, tmp_path: Path) -> None:
    rows, kg, stopped = _series()
    store = _store(tmp_path, rows, _devices("dry", "standard_dry"))
    period = compute.Period(START, START + dt.timedelta(hours=HOURS))
    compute.prepare(engine, store, period)
    got = compute.run(engine, "hour_series", period, "us", unit="U1").to_pylist()
    want, tiers = _us_reference(kg, stopped)
    assert [h["rule"] for h in got] == tiers
    assert {"us:initial", "us:around", "us:p_high", "us:p_mid", "us:max"} <= set(tiers)
    assert [h["tco2"] for h in got] == pytest.approx([w / 1000 for w in want], abs=2e-4)
    # the lookback is the last 720 valid hours, not the whole period: with the flow rising, the
    # period's 90th percentile lies far above the one before the gap at hour 800
    whole = [v for v in kg if v is not None]
    assert got[800]["rule"] == "us:p_high"
    assert got[800]["tco2"] < 0.9 * _quantile(whole, 0.9) / 1000
