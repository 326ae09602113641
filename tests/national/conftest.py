"""The whole national data set, built and accounted once for the tests that need all of it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import duckdb
import pytest

from chinaets.demo.power_fleet import FleetEntity, build_fleet
from chinaets.mrv.power.accounting import account
from chinaets.mrv.power.results import EntityResult
from chinaets.national import store

YEAR = 2023


@dataclass
class National:
    entities: list[FleetEntity]
    results: list[EntityResult]
    con: duckdb.DuckDBPyConnection


@pytest.fixture(scope="session")
def national() -> Iterator[National]:
    entities, reports = build_fleet(YEAR)
    results = [account(r) for r in reports]
    con = store.connect()
    store.write_results(con, entities, results)
    yield National(entities, results, con)
    con.close()
