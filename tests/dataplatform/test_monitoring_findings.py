"""Monitoring findings (CO2 CEMS) join the screening list beside the submissions' findings:
scoped by province, weighed in tonnes, replaced whole when the same run is repeated."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from tests.dataplatform.conftest import report, upload

from chinaets.core.errors import InputError
from chinaets.platform import screening
from chinaets.platform.monitoring import MonitoringRun, replace_findings
from chinaets.platform.screening import ScreeningQuery
from chinaets.platform.store import PlatformStore
from chinaets.platform.submit import submit_one
from chinaets.registry.records import SYSTEM, Actor, Role

NOW = dt.datetime(2026, 4, 1, 2, 0, tzinfo=dt.UTC)
CODE = report()["entity"]["credit_code"]
UNITS = frozenset({(CODE, "U1"), (CODE, "U2"), ("91420100MA4K2XRE6Q", "H1")})


def _finding(unit: str, month: int, stake: float, province: str = "Shandong", code: str = CODE,
             severity: str = "error") -> dict[str, Any]:  # fmt: skip
    return {"source": "cems", "severity": severity, "code": "CEMS_DEVIATION_ALERT",
            "sector": "power", "province": province, "credit_code": code, "unit_id": unit,
            "year": 2025, "month": month, "field": "cems_tco2", "en": "CEMS vs accounts",
            "zh": "在线监测与核算比对", "tco2_at_stake": stake}  # fmt: skip


def _cems(store: PlatformStore, actor: Actor = SYSTEM) -> list[screening.ScreeningRow]:
    with store.reading() as session:
        rows, total = screening.screen(session, actor, ScreeningQuery(source="cems", limit=1000))
    assert total == len(rows)
    return rows


def test_cems_findings_join_the_list_and_rerunning_replaces_them(store: PlatformStore) -> None:
    assert submit_one(store, upload(report()), "ent", NOW).status == "stored"
    with store.reading() as session:
        _, submitted = screening.screen(session, SYSTEM, ScreeningQuery(limit=1000))
    run = MonitoringRun("cems", 2025, UNITS, "cems reconciliation (hj75)")
    found = [_finding("U1", 3, 9_000_000.0), _finding("U2", 4, 50.0, severity="warning"),
             _finding("H1", 5, 70.0, "Hubei", "91420100MA4K2XRE6Q")]  # fmt: skip
    assert replace_findings(store, run, found, NOW) == 3
    assert replace_findings(store, run, found, NOW) == 3  # the same run again: no duplicates
    with store.reading() as session:
        rows, total = screening.screen(session, SYSTEM, ScreeningQuery(limit=1000))
        risk = screening.risk_ranking(session, SYSTEM, ScreeningQuery())
    assert total == submitted + 3
    assert (rows[0].source, rows[0].unit_id, rows[0].submission_id) == ("cems", "U1", None)
    assert rows[0].name == report()["entity"]["name"]  # named after the entity's submission
    assert risk[0].credit_code == CODE and risk[0].tco2_at_stake >= 9_000_050.0
    shandong = Actor("sd", Role.PROVINCIAL, "37")
    assert {r.unit_id for r in _cems(store, shandong)} == {"U1", "U2"}
    other_year = MonitoringRun("cems", 2024, UNITS, "cems reconciliation (hj75)")
    replace_findings(store, other_year, [{**_finding("U1", 1, 1.0), "year": 2024}], NOW)
    replace_findings(store, run, [_finding("U2", 4, 60.0)], NOW)  # U1's fault is gone
    assert sorted((r.year, r.unit_id, r.tco2_at_stake) for r in _cems(store)) == [
        (2024, "U1", 1.0),
        (2025, "U2", 60.0),
    ]
    with store.reading() as session:
        _, everything = screening.screen(session, SYSTEM, ScreeningQuery(limit=1000))
    assert everything == submitted + 2 and submitted > 0  # other sources' findings untouched


def test_a_finding_outside_the_run_is_refused(store: PlatformStore) -> None:
    run = MonitoringRun("cems", 2025, frozenset({(CODE, "U1")}), "cems reconciliation (hj75)")
    with pytest.raises(InputError, match="not covered"):
        replace_findings(store, run, [_finding("U9", 1, 1.0)], NOW)
    with pytest.raises(InputError, match="another source"):
        replace_findings(store, run, [{**_finding("U1", 1, 1.0), "year": 2023}], NOW)
    assert _cems(store) == []


@pytest.mark.parametrize("sort", ["tco2_at_stake", "severity", "credit_code", "month"])
def test_the_cursor_pages_through_both_kinds_of_finding(store: PlatformStore, sort: str) -> None:
    """Submission and monitoring findings in one keyset-paged list: every row once, in the
    order of one page of everything, whatever the sort."""
    assert submit_one(store, upload(report()), "ent", NOW).status == "stored"
    run = MonitoringRun("cems", 2025, UNITS, "cems reconciliation (hj75)")
    found = [_finding("U1", m, float(m), severity="warning" if m % 2 else "error")
             for m in range(1, 13)]  # fmt: skip
    replace_findings(store, run, found, NOW)
    with store.reading() as session:
        whole, total = screening.screen(session, SYSTEM, ScreeningQuery(sort=sort, limit=1000))
        pages, query = [], ScreeningQuery(sort=sort, limit=4)
        while True:
            rows, _ = screening.screen(session, SYSTEM, query)
            pages += rows
            after = screening.cursor_after(query, rows)
            if after is None:
                break
            query = ScreeningQuery(sort=sort, limit=4, after=after)
    assert total == len(whole) > 12
    assert [(r.source, r.finding_id) for r in pages] == [(r.source, r.finding_id) for r in whole]
