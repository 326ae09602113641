"""Operating-condition marks (工况标记) per unit-hour: read from HJ 212 packets (SBxxx-RS) and
from tabular exports (column ``mark``), and used in validity and substitution: a stopped hour is
neither substituted nor missing, a calibration hour is substituted, start-up and shut-down
hours are counted as measured, and an hour marked operating is not 'off' for want of data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from tests.cems.make_bad_inputs import DEVICES, MN, _segment
from tests.cems.test_compute import _devices, _reading, _store

from chinaets.analytics.engine import Engine
from chinaets.cems import compute
from chinaets.cems.crc import frame
from chinaets.cems.devices import load_devices
from chinaets.cems.ingest import read_packets
from chinaets.cems.tabular import read_export

CP = "a05001-Avg=12.5,a05001-Flag=N;a00000-Avg=569.38,a00000-Flag=N;a01014-Avg=10.0,a01014-Flag=N"


@pytest.fixture
def devices(tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "devices.csv"
    path.write_text(DEVICES, encoding="utf-8")
    return load_devices(path)


def test_packets_keep_the_equipment_status_as_the_hours_mark(tmp_path: Path, devices) -> None:  # type: ignore[no-untyped-def]
    lines = [
        frame(_segment(time="20240115080000", cp="SB1-RS=0;" + CP)),
        frame(_segment(time="20240115090000", cp="SB1-RS=2;" + CP)),
        frame(_segment(time="20240115100000", cp=CP)),
        frame(_segment(time="20240115110000", cp="SB1-RS=9;" + CP)),
    ]
    path = tmp_path / "marks.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    readings, report = read_packets(path, devices)
    assert [(b.line, b.code) for b in report.bad] == [(4, "ITEM_MARK")]
    assert readings.column("mark").to_pylist() == ["stopped", "calibration", None, None]
    assert readings.column("co2").to_pylist() == [12.5] * 4  # a bad mark keeps the data
    assert report.as_dict()["lines"][0]["zh"]


def test_exports_carry_marks_in_chinese_or_english(tmp_path: Path, devices) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "export.csv"
    path.write_text(
        "mn,ts,period,code,value,flag,mark\n"
        f"{MN},2024-01-15 08:00:00,hour,a05001,12.5,N,停运\n"
        f"{MN},2024-01-15 08:00:00,hour,a00000,569.38,N,停运\n"
        f"{MN},2024-01-15 09:00:00,hour,a05001,12.5,N,startup\n"
        f"{MN},2024-01-15 10:00:00,hour,,,,解列\n"
        f"{MN},2024-01-15 11:00:00,hour,a05001,12.5,N,sleeping\n",
        encoding="utf-8",
    )
    readings, report = read_export(path, devices)
    assert [(b.line, b.code) for b in report.bad] == [(6, "ITEM_MARK")]
    assert report.undeclared_items == 0  # a mark-only row is not an undeclared factor
    marks = {r["ts"].hour: r["mark"] for r in readings.to_pylist()}
    assert marks == {8: "stopped", 9: "startup", 10: "shutdown", 11: None}


def _marked(ts: dt.datetime, flag: str, mark: str | None, flow: float = 1.0e6) -> dict[str, object]:
    row = _reading(ts, 10.0, flow, flag)
    row["mark"] = mark
    return row


def test_marks_decide_validity_and_substitution(engine: Engine, tmp_path: Path) -> None:
    start = dt.datetime(2024, 3, 1)
    hour = [start + dt.timedelta(hours=h) for h in range(7)]
    rows = [
        _marked(hour[0], "N", None),
        _marked(hour[1], "N", "running", 1.2e6),
        _marked(hour[2], "D", "stopped"),  # unit stopped: off, whatever the instrument says
        _marked(hour[3], "F", "running"),  # instrument stopped, unit running: substituted
        _marked(hour[4], "N", "calibration"),  # calibration: substituted though flagged N
        _marked(hour[5], "N", "startup", 0.5e6),  # start-up: real emissions, counted
    ]  # hour 6: no data and no mark → missing, substituted
    store = _store(tmp_path, rows, _devices("dry", "standard_dry"))
    period = compute.Period(start, start + dt.timedelta(hours=7))
    compute.prepare(engine, store, period)
    hours = compute.run(engine, "hour_series", period, unit="U1").to_pylist()
    assert [h["state"] for h in hours] == [
        "valid", "valid", "off", "invalid", "invalid", "valid", "missing"
    ]  # fmt: skip
    assert [h["mark"] for h in hours] == [
        None, "running", "stopped", "running", "calibration", "startup", None
    ]  # fmt: skip
    assert hours[2]["tco2"] == 0.0 and hours[2]["rule"] == "off"
    assert hours[3]["tco2"] == hours[4]["tco2"] == hours[6]["tco2"] == hours[1]["tco2"]
    [day] = compute.run(engine, "totals_day", period, unit="U1").to_pylist()
    assert (day["operating_hours"], day["substituted_hours"]) == (6, 3)


def test_minute_marks_make_the_hours_mark(tmp_path: Path) -> None:
    """Hour 0: 40 of 60 minutes marked stopped → stopped, off; hour 1: 5 calibration minutes
    among 55 running ones → calibration, substituted; hour 2: running → valid."""
    from chinaets.analytics.engine import DuckDBEngine

    start = dt.datetime(2024, 2, 1)
    rows = []
    for m in range(180):
        hour, minute = divmod(m, 60)
        mark, flag = "running", "N"
        if hour == 0 and minute < 40:
            mark, flag = "stopped", "D"
        if hour == 1 and minute < 5:
            mark = "calibration"
        row = _marked(start + dt.timedelta(minutes=m), flag, mark)
        row["period"] = "minute"
        rows.append(row)
    store = _store(tmp_path, rows, _devices("dry", "standard_dry"))
    period = compute.Period(start, start + dt.timedelta(hours=3))
    engine = DuckDBEngine()
    compute.prepare(engine, store, period)
    hours = compute.run(engine, "hour_series", period, unit="U1").to_pylist()
    assert [(h["mark"], h["state"]) for h in hours] == [
        ("stopped", "off"), ("calibration", "invalid"), ("running", "valid")
    ]  # fmt: skip
