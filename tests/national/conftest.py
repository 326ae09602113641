"""The whole national data set, built and accounted once, and its read model, for the tests
that need all of it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from chinaets.allocation.categories import categorised
from chinaets.demo.power_fleet import FleetEntity, build_fleet
from chinaets.mrv.power.accounting import account
from chinaets.mrv.power.results import EntityResult
from chinaets.mrv.sectors import get_sector
from chinaets.national.readmodel import ReadModel, build_read_model

YEAR = 2023


@dataclass
class National:
    entities: list[FleetEntity]
    results: list[EntityResult]
    model: ReadModel
    folder: Path


@pytest.fixture(scope="session")
def national(tmp_path_factory: pytest.TempPathFactory) -> Iterator[National]:
    entities, reports = build_fleet(YEAR)
    results = [account(r) for r in reports]
    summarise = get_sector(reports[0].sector).summary
    assert summarise is not None
    folder = tmp_path_factory.mktemp("national-readmodel")
    summaries = (categorised(summarise(r), p, r) for p, r in zip(reports, results, strict=True))
    build_read_model(summaries, folder)
    model = ReadModel.open(folder)
    yield National(entities, results, model, folder)
    model.close()
