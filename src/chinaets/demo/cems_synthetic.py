"""Synthetic CEMS data for the demo fleet, consistent with its accounted monthly fuel use.

Each unit's monthly CEMS mass is what its power accounting implies once the parts explained by
construction are added (FGD CO2, unburnt carbon, density basis), so a clean unit reconciles to
within noise. On top come realistic imperfections (measurement noise, calibration hours,
maintenance, lost packets, outages — each hour's operating mark sent as HJ 212 ``SB1-RS``: 0
stopped, 1 running, 2 calibration) and planted faults the reconciliation must find:

==================  ======================================  ==================================
kind                what is planted                          expected findings
==================  ======================================  ==================================
flow_bias           flow meter reads +8 % for 4 months       CEMS_DEVIATION ×4, CEMS_DRIFT ×1
analyser_drift      CO2 analyser reads −4.5 % for 3 months   CEMS_DRIFT ×1
flow_stuck          flow value frozen for 10 hours            CEMS_FLOW_STUCK ×1
data_loss           a quarter of a month's hours lost         CEMS_SUBSTITUTED ×1
under_report        CO2 reads −15 % for one month             CEMS_DEVIATION_ALERT ×1
==================  ======================================  ==================================
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from chinaets.analytics.engine import DuckDBEngine
from chinaets.cems import crc, rules, service
from chinaets.cems.accounts import accounts_table
from chinaets.cems.compute import Period
from chinaets.cems.devices import devices_from_rows
from chinaets.cems.ingest import READINGS_SCHEMA
from chinaets.cems.sql import query
from chinaets.demo.power_fleet import build_fleet
from chinaets.mrv.power.accounting import account

FAULT_MONTHS = {  # kind: (first month, last month, expected findings)
    "flow_bias": (3, 6, {"CEMS_DEVIATION": 4, "CEMS_DRIFT": 1}),
    "analyser_drift": (8, 10, {"CEMS_DRIFT": 1}),
    "flow_stuck": (5, 5, {"CEMS_FLOW_STUCK": 1}),
    "data_loss": (9, 9, {"CEMS_SUBSTITUTED": 1}),
    "under_report": (11, 11, {"CEMS_DEVIATION_ALERT": 1}),
}
MIN_FAULT_HOURS = 400  # a fault month needs this many running hours to be detectable
FACTORS = {  # what the synthetic devices declare: (code, unit, basis)
    "co2": ("a05001", "%", "dry"),
    "o2": ("a19001", "%", "dry"),
    "flow": ("a00000", "m3/s", "actual_wet"),
    "temp": ("a01012", "°C", "actual"),
    "press": ("a01013", "kPa", "gauge"),
    "moist": ("a01014", "%", "actual"),
}
PACKET_SCALE = {"flow": 1 / 3600, "press": 1 / 1000}  # canonical → declared unit


@dataclass(frozen=True)
class Fault:
    unit_id: str
    kind: str
    month_from: int
    month_to: int


def fleet_accounts(year: int, limit: int | None = None) -> pa.Table:
    """Monthly accounted emissions of the demo fleet's units (first `limit` plants)."""
    _, reports = build_fleet(year, limit=limit)
    return accounts_table(account(r) for r in reports)


def plan_faults(accounts: pa.Table, every: int = 4, most: int | None = None) -> list[Fault]:
    """One fault on every `every`-th eligible unit (sorted by id), cycling through the kinds;
    at most `most` faults."""
    hours: dict[str, dict[int, float]] = {}
    for r in accounts.select(["unit_id", "month", "running_hours"]).to_pylist():
        hours.setdefault(r["unit_id"], {})[r["month"]] = r["running_hours"]
    kinds = list(FAULT_MONTHS)
    faults: list[Fault] = []
    eligible = 0
    for unit in sorted(hours):
        kind = kinds[len(faults) % len(kinds)]
        first, last, _ = FAULT_MONTHS[kind]
        if any(hours[unit].get(m, 0.0) < MIN_FAULT_HOURS for m in range(first, last + 1)):
            continue
        eligible += 1
        if eligible % every == 1 % every and (most is None or len(faults) < most):
            faults.append(Fault(unit, kind, first, last))
    return faults


def expected_findings(faults: list[Fault]) -> dict[tuple[str, str], int]:
    return {(f.unit_id, code): n for f in faults for code, n in FAULT_MONTHS[f.kind][2].items()}


def device_id(unit_id: str) -> str:
    """A stable 24-hex-digit HJ 212 MN for a unit."""
    return hashlib.sha256(unit_id.encode()).hexdigest()[:24].upper()


def devices_table(accounts: pa.Table) -> pa.Table:
    units = sorted(
        set(zip(accounts["unit_id"].to_pylist(), accounts["province"].to_pylist(), strict=True))
    )
    rows = [
        {"mn": device_id(unit), "unit_id": unit, "province": province, "code": code,
         "unit": declared, "basis": basis, "ambient_pa": None}
        for unit, province in units for code, declared, basis in FACTORS.values()
    ]  # fmt: skip
    return devices_from_rows(rows, "synthetic")


def targets_table(accounts: pa.Table, year: int) -> pa.Table:
    """Monthly CEMS mass (kg) each unit should show: accounts plus the explained parts."""
    p = rules.sql_params(year)
    acct = accounts.column("acct_t")
    oxidised = pc.multiply(pc.divide(acct, accounts.column("oxidation")), p["stack_oxidation"])
    fgd = pc.multiply(
        accounts.column("coal_t"), p["coal_sulphur_share"] * p["fgd_removal"] * 44.01 / 32.06
    )
    kg = pc.multiply(pc.add(oxidised, fgd), 1000 * p["density"] / p["reference_density"])
    mn = pa.array([device_id(u) for u in accounts.column("unit_id").to_pylist()], pa.string())
    return pa.table(
        {
            "unit_id": accounts.column("unit_id"), "province": accounts.column("province"),
            "mn": mn, "year": accounts.column("year"), "month": accounts.column("month"),
            "target_kg": kg, "running_hours": accounts.column("running_hours"),
        }
    )  # fmt: skip


def synthesise(accounts: pa.Table, year: int, faults: list[Fault]) -> pa.Table:
    """Hourly readings (``READINGS_SCHEMA``) for every unit of `accounts` in `year`."""
    fault_table = pa.Table.from_pylist(
        [f.__dict__ for f in faults],
        schema=pa.schema([("unit_id", pa.string()), ("kind", pa.string()),
                          ("month_from", pa.int32()), ("month_to", pa.int32())]),
    )  # fmt: skip
    engine = DuckDBEngine()
    try:
        engine.register_arrow("targets", targets_table(accounts, year))
        engine.register_arrow("faults", fault_table)
        engine.register_arrow("calendar", Period.year(year).calendar())
        readings = engine.query(query("synthetic_hours"), rules.sql_params(year))
    finally:
        engine.close()
    return readings.cast(READINGS_SCHEMA)


def packet_lines(readings: pa.Table) -> pa.Array:
    """HJ 212-2017 hourly packets (CN=2061) carrying `readings` in the synthetic devices' units."""
    engine = DuckDBEngine()
    try:
        engine.register_arrow("readings", readings)
        segments = engine.query(_segment_sql()).column("seg")
    finally:
        engine.close()
    lengths = pc.utf8_lpad(pc.cast(pc.binary_length(segments), pa.string()), 4, "0")
    return pc.binary_join_element_wise("##", lengths, segments, _hex(crc.crc16(segments)), "")


def write_packets(readings: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    options = pacsv.WriteOptions(include_header=False, quoting_style="none", delimiter="\t")
    pacsv.write_csv(pa.table({"raw": packet_lines(readings)}), path, options)


def _segment_sql() -> str:
    items = " || ';' || ".join(
        f"'{code}-Avg=' || printf('%.4f', {q} * {PACKET_SCALE.get(q, 1)}) || ',{code}-Flag=' || {q}_flag"
        for q, (code, _, _) in FACTORS.items()
    )
    return (
        "SELECT 'QN=' || strftime(ts, '%Y%m%d%H%M%S') || '000;ST=31;CN=2061;PW=123456;MN=' || mn"
        " || ';Flag=4;CP=&&DataTime=' || strftime(ts, '%Y%m%d%H%M%S') || ';SB1-RS='"
        " || CASE mark WHEN 'stopped' THEN '0' WHEN 'calibration' THEN '2' ELSE '1' END || ';' || "
        + items
        + " || '&&' AS seg FROM readings ORDER BY unit_id, ts"
    )


def _hex(values: np.ndarray) -> pa.Array:
    digits = np.frombuffer(b"0123456789ABCDEF", dtype=np.uint8)
    shifts = np.array([12, 8, 4, 0], dtype=np.uint16)
    chars = digits[(values[:, None] >> shifts) & 0xF].astype(np.uint8).tobytes()
    offsets = np.arange(0, 4 * len(values) + 1, 4, dtype=np.int32).tobytes()
    return pa.Array.from_buffers(
        pa.string(), len(values), [None, pa.py_buffer(offsets), pa.py_buffer(chars)]
    )


def cems_demo(root: Path, year: int, limit: int | None = 20) -> dict[str, Any]:
    """The demo fleet's CEMS year: packets written under `root`/packets, ingested into the
    store, the accounts saved beside it (``accounts.parquet``) for reconciliation."""
    accounts = fleet_accounts(year, limit=limit)
    faults = plan_faults(accounts)
    readings = synthesise(accounts, year, faults)
    packets = root / "packets" / f"cems-{year}.txt"
    write_packets(readings, packets)
    store = service.open_store(root, must_exist=False)
    report = store.ingest([packets], devices_table(accounts))
    service.save_accounts(root, accounts)
    return {
        "units": len(set(accounts.column("unit_id").to_pylist())),
        "faults": [f.__dict__ for f in faults],
        "ingest": report.as_dict(limit=10),
    }
