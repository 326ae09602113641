"""Worked cases of CEMS computation, a suite of ``chinaets rules test``.

A case's input is a few hours of one unit — ``hours``: ``[start, co2, flow, flag]`` rows, with
an optional fifth item, the hour's operating mark (``marks.yaml``); optionally ``temp``,
``press``, ``moist`` for all hours; the declared ``co2_basis`` and ``flow_basis``; and the
``regime``. The result is the period's tonnes and each hour's tonnes, rule and state, computed
by the same SQL as everything else (on DuckDB).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import pyarrow as pa

from chinaets.analytics.engine import DuckDBEngine
from chinaets.cems import compute as cems_compute
from chinaets.cems.devices import devices_from_rows
from chinaets.cems.ingest import READINGS_SCHEMA
from chinaets.cems.rules import LAW
from chinaets.cems.store import CemsStore

MN = "0" * 24


def compute(data: dict[str, Any]) -> dict[str, Any]:
    rows = [_row(h, data) for h in data["hours"]]
    start = min(r["ts"] for r in rows)
    end = max(r["ts"] for r in rows) + dt.timedelta(hours=1)
    with tempfile.TemporaryDirectory() as tmp:
        store = CemsStore(Path(tmp))
        store._save_devices(_devices(data))
        store.write(pa.Table.from_pylist(rows, schema=READINGS_SCHEMA))
        engine = DuckDBEngine()
        period = cems_compute.Period(start, end)
        cems_compute.prepare(engine, store, period)
        series = cems_compute.run(engine, "hour_series", period, data.get("regime", "hj75"), "U1")
        engine.close()
    hours = series.to_pylist()
    return {
        "tco2": round(sum(h["tco2"] or 0.0 for h in hours), 4),
        "hour_tco2": [h["tco2"] for h in hours],
        "rules": [h["rule"] for h in hours],
        "states": [h["state"] for h in hours],
    }


def _row(hour: list[Any], data: dict[str, Any]) -> dict[str, Any]:
    start, co2, flow, flag = hour[:4]
    mark = hour[4] if len(hour) > 4 else None
    extra = {q: data.get(q) for q in ("temp", "press", "moist")}
    return {
        "unit_id": "U1", "province": "Hebei", "mn": MN,
        "ts": dt.datetime.fromisoformat(str(start)), "period": "hour",
        "co2": co2, "co2_flag": flag, "flow": flow, "flow_flag": flag,
        **{q: v for q, v in extra.items()},
        **{f"{q}_flag": ("N" if v is not None else None) for q, v in extra.items()},
        "mark": mark, "source": "case", "line": 0,
    }  # fmt: skip


def _devices(data: dict[str, Any]) -> pa.Table:
    declared = [("a05001", "%", data.get("co2_basis", "dry")),
                ("a00000", "m3/h", data.get("flow_basis", "standard_dry")),
                ("a01012", "°C", "actual"), ("a01013", "Pa", "gauge"), ("a01014", "%", "actual")]  # fmt: skip
    return devices_from_rows(
        [
            {"mn": MN, "unit_id": "U1", "province": "Hebei", "code": c, "unit": u, "basis": b}
            for c, u, b in declared
        ]
    )


LAW_BOOK = LAW.computing(compute)
