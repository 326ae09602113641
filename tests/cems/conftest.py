"""Shared CEMS fixtures: the analytics engines, and a small synthetic fleet (4 plants, 10 units,
one year, one planted fault of each kind) ingested once per run through HJ 212 packets."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pytest
from tests.engines import engine, spark_engine

from chinaets.cems.ingest import IngestReport
from chinaets.cems.store import CemsStore
from chinaets.demo import cems_synthetic as synthetic

__all__ = ["engine", "fleet", "spark_engine"]

YEAR = 2024


@dataclass(frozen=True)
class Fleet:
    store: CemsStore
    accounts: pa.Table
    faults: list[synthetic.Fault]
    report: IngestReport
    packets: Path


@pytest.fixture(scope="session")
def fleet(tmp_path_factory: pytest.TempPathFactory) -> Fleet:
    root = tmp_path_factory.mktemp("cems")
    accounts = synthetic.fleet_accounts(YEAR, limit=4)
    faults = synthetic.plan_faults(accounts, every=1, most=len(synthetic.FAULT_MONTHS))
    readings = synthetic.synthesise(accounts, YEAR, faults)
    packets = root / "packets" / "fleet-2024.txt"
    synthetic.write_packets(readings, packets)
    store = CemsStore(root / "store")
    report = store.ingest([packets], synthetic.devices_table(accounts))
    return Fleet(store, accounts, faults, report, packets)
