"""HJ 212-2017 packets and tabular exports in: CRC, parsing, units, refusals by line, idempotence."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest
from tests.cems.conftest import Fleet
from tests.cems.make_bad_inputs import LINES

from chinaets.analytics.engine import DuckDBEngine
from chinaets.cems.crc import crc_hex, frame
from chinaets.cems.devices import load_devices
from chinaets.cems.ingest import read_packets
from chinaets.cems.store import CemsStore
from chinaets.cems.tabular import read_export
from chinaets.core.errors import InputError

BAD = Path(__file__).parent / "bad_inputs"


def test_crc_vectors_of_the_standard() -> None:
    example = "QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&"
    assert crc_hex(example) == "1C80"
    assert frame(example).startswith("##0101QN=")


def test_every_bad_packet_is_reported_with_its_line() -> None:
    readings, report = read_packets(BAD / "packets.txt", load_devices(BAD / "devices.csv"))
    expected = {i + 1: code for i, (text, code) in enumerate(LINES) if code}
    assert {b.line: b.code for b in report.bad} == expected
    assert report.packets == sum(1 for text, _ in LINES if text)
    assert report.undeclared_items == 1  # a21026 (SO2) is not declared for the device
    stored = {r["line"]: r for r in readings.to_pylist()}
    # a packet with one unreadable factor keeps its readable ones; the bad one stays missing
    assert sorted(stored) == [1, 10, 11, 12, 13]
    assert stored[10]["co2"] is None and stored[11]["co2"] is None and stored[12]["flow"] is None
    legacy = stored[13]
    assert (legacy["co2"], legacy["co2_flag"], legacy["flow"], legacy["flow_flag"]) == (
        12.4, "N", 570.0 * 3600, "C",
    )  # fmt: skip
    for line in report.as_dict()["lines"]:
        assert line["en"] and line["zh"]


def test_units_are_converted_as_declared() -> None:
    readings, _ = read_packets(BAD / "packets.txt", load_devices(BAD / "devices.csv"))
    first = readings.to_pylist()[0]
    assert first["flow"] == pytest.approx(569.38 * 3600)  # m3/s declared → m3/h
    assert first["moist"] == 10.0


def test_bad_device_configuration_names_every_row() -> None:
    with pytest.raises(InputError) as err:
        load_devices(BAD / "devices_bad.csv")
    rows = sorted({p.where.row for p in err.value.problems if p.where.row})
    assert rows == [2, 3, 4, 5]
    assert all(p.zh and p.en for p in err.value.problems)


def test_tabular_export_refusals_by_line() -> None:
    readings, report = read_export(BAD / "export.csv", load_devices(BAD / "devices.csv"))
    assert {b.line: b.code for b in report.bad} == {
        5: "PACKET_TIME", 6: "ROW_PERIOD", 7: "PACKET_DEVICE", 8: "ITEM_VALUE",
    }  # fmt: skip
    assert len(readings) == 1 and readings.column("co2").to_pylist() == [12.5]
    with pytest.raises(InputError, match="ts, period, code"):
        read_export(BAD / "export_columns.csv", load_devices(BAD / "devices.csv"))


def test_reingesting_is_idempotent(fleet: Fleet, tmp_path: Path) -> None:
    store = CemsStore(tmp_path / "store")
    devices = load_devices(BAD / "devices.csv")
    store.ingest([BAD / "packets.txt", BAD / "export.csv"], devices)
    files = sorted(store.readings_dir.rglob("*.parquet"))
    first = [pq.read_table(f) for f in files]
    store.ingest([BAD / "export.csv", BAD / "packets.txt"], devices)
    assert sorted(store.readings_dir.rglob("*.parquet")) == files
    assert all(pq.read_table(f).equals(t) for f, t in zip(files, first, strict=True))


def test_fleet_packets_all_stored_partitioned(fleet: Fleet) -> None:
    assert fleet.report.bad == [] and fleet.report.rows == fleet.report.packets
    engine = DuckDBEngine()
    fleet.store.register(engine)
    rows = engine.query("SELECT count(*) AS n, count(DISTINCT province) AS p FROM readings")
    assert rows.to_pylist() == [{"n": fleet.report.rows, "p": rows.column("p")[0].as_py()}]
    assert all(p.parts[-4].startswith("year=") for p in fleet.store.readings_dir.rglob("*.parquet"))
