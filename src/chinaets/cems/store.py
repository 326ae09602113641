"""The CEMS store: readings as Hive-partitioned Parquet (``year=/month=/province=``) and the
monitoring configuration beside them.

Re-ingesting the same data changes nothing: a reading is keyed by (unit, period, start time) and a
newer ingest of the same key replaces the older one. Each touched partition is rewritten whole
(merged, de-duplicated, ordered) to a temporary file and renamed over the old one, so a failed
ingest leaves every partition either as it was or fully updated. Writers (the CLI, the REST
upload) take the store's lock file in turn, so two ingests never merge the same partition at once.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from chinaets.analytics.engine import DuckDBEngine, Engine
from chinaets.cems.ingest import READINGS_SCHEMA, IngestReport, read_packets
from chinaets.cems.tabular import read_export

PARTITIONS = ("year", "month", "province")
_MERGE = """
SELECT * EXCLUDE (priority) FROM (
    SELECT *, 1 AS priority FROM staged UNION ALL SELECT *, 0 AS priority FROM stored
)
QUALIFY row_number() OVER (
    PARTITION BY unit_id, period, ts ORDER BY priority DESC, line DESC) = 1
ORDER BY unit_id, period, ts
"""


class CemsStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.readings_dir = self.root / "readings"
        self.devices_file = self.root / "devices.parquet"

    def devices(self) -> pa.Table:
        return pq.read_table(self.devices_file)

    def ingest(self, paths: list[Path], devices: pa.Table) -> IngestReport:
        """Read every file (packets: ``.txt``/``.log``/``.h212``; exports: ``.csv``/``.parquet``)
        and merge what it holds into the store; nothing is written when a file cannot be read."""
        report = IngestReport()
        batches = []
        for path in paths:
            reader = read_export if path.suffix.lower() in (".csv", ".parquet") else read_packets
            readings, one = reader(path, devices)
            batches.append(readings)
            report.add(one)
        with self.locked():
            self._save_devices(devices)
            if batches:
                self.write(pa.concat_tables(batches))
        return report

    def declare(self, devices: pa.Table) -> None:
        """Store (or replace, per device and factor) the monitoring configuration."""
        with self.locked():
            self._save_devices(devices)

    @contextmanager
    def locked(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def write(self, readings: pa.Table) -> None:
        """Merge `readings` (``READINGS_SCHEMA``) into their partitions."""
        readings = readings.cast(READINGS_SCHEMA)
        ts = readings.column("ts")
        staged_table = readings.append_column("year", pc.year(ts).cast(pa.int32())).append_column(
            "month", pc.month(ts).cast(pa.int32())
        )
        self.root.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=self.root) as tmp:
            staging = Path(tmp)
            ds.write_dataset(
                staged_table, staging, format="parquet",
                partitioning=ds.partitioning(
                    pa.schema([(p, staged_table.schema.field(p).type) for p in PARTITIONS]),
                    flavor="hive",
                ),
                existing_data_behavior="overwrite_or_ignore",
            )  # fmt: skip
            engine = DuckDBEngine()  # one connection merges every touched partition
            try:
                for folder in sorted({f.parent for f in staging.rglob("*.parquet")}):
                    self._merge(engine, folder, self.readings_dir / folder.relative_to(staging))
            finally:
                engine.close()

    def _merge(self, engine: DuckDBEngine, staged: Path, target: Path) -> None:
        fresh = pq.read_table(staged, schema=_file_schema())
        existing = target / "data.parquet"
        stored = pq.read_table(existing) if existing.exists() else _file_schema().empty_table()
        if "mark" not in stored.column_names:  # a partition written before marks were kept
            stored = stored.append_column("mark", pa.nulls(len(stored), pa.string()))
        engine.register_arrow("staged", fresh)
        engine.register_arrow("stored", stored.cast(_file_schema()))
        merged = engine.query(_MERGE).cast(_file_schema())
        target.mkdir(parents=True, exist_ok=True)
        tmp = target / "data.parquet.tmp"
        pq.write_table(merged, tmp, compression="zstd")
        os.replace(tmp, existing)

    def _save_devices(self, devices: pa.Table) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        if self.devices_file.exists():
            old = self.devices()
            keys = set(
                zip(
                    devices.column("mn").to_pylist(),
                    devices.column("code").to_pylist(),
                    strict=True,
                )
            )
            keep = [
                (mn, code) not in keys
                for mn, code in zip(
                    old.column("mn").to_pylist(), old.column("code").to_pylist(), strict=True
                )
            ]
            devices = pa.concat_tables(
                [old.filter(pa.array(keep, pa.bool_())), devices.cast(old.schema)]
            )
        tmp = self.devices_file.with_suffix(".tmp")
        pq.write_table(devices, tmp)
        os.replace(tmp, self.devices_file)

    def register(self, engine: Engine) -> None:
        """Make ``readings`` and ``devices`` queryable on `engine`."""
        engine.register_parquet("readings", self.readings_dir)
        engine.register_parquet("devices", self.devices_file)

    def clear(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def _file_schema() -> pa.Schema:
    """Readings as stored in a partition file (the partition keys live in the folder names)."""
    return pa.schema([f for f in READINGS_SCHEMA if f.name != "province"])
