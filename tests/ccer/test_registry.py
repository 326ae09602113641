"""Units live in the registry: issuance and cancellation go through Registry.execute, with the
CCER serial format, exact conservation and safe retries."""

from __future__ import annotations

import pytest
from tests.ccer.conftest import ACTOR, OWNER, D, to_monitoring, to_registered_reduction, uscc

from chinaets.ccer.reductions import vintage_split
from chinaets.ccer.service import CcerService
from chinaets.ccer.units import Cancellation, Purpose
from chinaets.core.errors import InputError
from chinaets.registry import invariants, queries
from chinaets.registry import records as r
from chinaets.registry.serials import unit_class
from chinaets.registry.service import Registry

ACCOUNT = f"ENT-{OWNER}"


def test_vintage_split_by_days() -> None:
    # 2024-07-01..2025-06-30: 184 days in 2024, 181 in 2025 (365 in all);
    # 656,525 × 184/365 = 330,960.55 and × 181/365 = 325,564.45: floors sum to 656,524,
    # the one unit left goes to the larger remainder (2024)
    assert vintage_split(D("2024-07-01"), D("2025-06-30"), 656525) == [("2024", 330961), ("2025", 325564)]  # fmt: skip
    assert sum(q for _, q in vintage_split(D("2021-03-01"), D("2025-02-28"), 28970)) == 28970
    assert vintage_split(D("2025-01-01"), D("2025-12-31"), 7) == [("2025", 7)]


def test_issuance_in_serial_numbered_blocks(ccer: CcerService, registry: Registry) -> None:
    pid = to_monitoring(ccer)
    rid = to_registered_reduction(ccer, pid)
    blocks = ccer.issue(ACTOR, rid, D("2025-09-01"))
    # 1,000,000 MWh × 0.656525 = 656,525 t, split 184:181 days
    assert [(b["vintage"], b["quantity"]) for b in blocks] == [("2024", 330961), ("2025", 325564)]
    assert blocks[0]["serials"] == [f"CCER-{pid}-2024-000000000001..000000330961"]
    held = {h["unit"]: h["free"] for h in ccer.holdings(ACTOR, ACCOUNT)}
    assert held == {f"CCER-{pid}-2024": 330961, f"CCER-{pid}-2025": 325564}
    with registry.reading() as session:
        totals = {t.unit: t.issued for t in queries.totals(session)}
        assert invariants.run_all(session) == []
    assert totals[f"CCER-{pid}-2024"] == 330961
    assert ccer.reduction(rid)["issued_t"] == 656525


def test_issuance_retry_after_a_crash_issues_once(ccer: CcerService, registry: Registry) -> None:
    pid = to_monitoring(ccer)
    rid = to_registered_reduction(ccer, pid)
    # the registry recorded the 2024 block, then the process died before our record
    unit = unit_class("CCER", "2024", pid)
    request = r.Issue(
        "MEE", ACCOUNT, unit, 330961, r.IssueKind.CCER, f"CCER {rid} Test offshore wind"
    )
    registry.execute(ACTOR, f"ccer-issue-{rid}-2024", request)
    ccer.issue(ACTOR, rid, D("2025-09-01"))
    with registry.reading() as session:
        totals = {t.unit: t.issued for t in queries.totals(session)}
    assert totals[f"CCER-{pid}-2024"] == 330961 and totals[f"CCER-{pid}-2025"] == 325564


def test_issuance_needs_the_owners_account(ccer: CcerService, registry: Registry) -> None:
    from tests.ccer.conftest import wind_application

    pid = to_monitoring(ccer, wind_application(owner=uscc(77), latitude=25.0))
    rid = to_registered_reduction(ccer, pid)
    with pytest.raises(InputError, match="missing or not open"):
        ccer.issue(ACTOR, rid, D("2025-09-01"))
    assert ccer.reduction(rid)["state"] == "registered"


def test_offsetting_cancellation_counts_against_the_obligation(ccer: CcerService, registry: Registry) -> None:  # fmt: skip
    pid = to_monitoring(ccer)
    ccer.issue(ACTOR, to_registered_reduction(ccer, pid), D("2025-09-01"))
    entity = uscc(40, "420100")
    registry.execute(ACTOR, "open-entity", r.OpenAccount(r.AccountKind.HOLDING, entity, "Power plant", "42"))  # fmt: skip
    ccer.transfer(ACTOR, "buy", ACCOUNT, f"ENT-{entity}", f"CCER-{pid}-2025", 5000, D("2025-09-02"))
    c = Cancellation(f"ENT-{entity}", f"CCER-{pid}-2025", 5000, Purpose.ETS_OFFSETTING, D("2025-12-01"), "off-1", entity=entity, compliance_year=2024)  # fmt: skip
    done = ccer.cancel(ACTOR, c)
    assert done["serials"] == [f"CCER-{pid}-2025-000000000001..000000005000"]
    assert ccer.cancel(ACTOR, c) == done  # same request id: recorded once
    with registry.reading() as session:
        assert queries.surrendered(session, entity, 2024) == {f"CCER-{pid}-2025": 5000}


def test_offsetting_without_obligation_and_legacy_after_2024(ccer: CcerService) -> None:
    pid = to_monitoring(ccer)
    ccer.issue(ACTOR, to_registered_reduction(ccer, pid), D("2025-09-01"))
    c = Cancellation(ACCOUNT, f"CCER-{pid}-2025", 10, Purpose.ETS_OFFSETTING, D("2025-12-01"), "x")
    with pytest.raises(InputError, match="needs the entity and compliance year"):
        ccer.cancel(ACTOR, c)
    from chinaets.ccer.store import ProjectRow
    from chinaets.ccer.units import offsetting_problems

    old = ProjectRow(id="CDMDB0000001", legacy=True)
    assert offsetting_problems(None, old, D("2024-12-31")) == []  # type: ignore[arg-type]
    (problem,) = offsetting_problems(None, old, D("2025-01-01"))  # type: ignore[arg-type]
    assert "after 2024-12-31" in problem.en and "不得用于全国碳市场抵销" in problem.zh


def test_units_of_a_project_without_issuance_cannot_move(ccer: CcerService) -> None:
    pid = to_monitoring(ccer)
    c = Cancellation(ACCOUNT, f"CCER-{pid}-2025", 1, Purpose.VOLUNTARY, D("2025-12-01"), "y", "me")
    with pytest.raises(InputError, match="'cancel' is not allowed now"):
        ccer.cancel(ACTOR, c)
    c = Cancellation(ACCOUNT, "CCER-NOPE-2025", 1, Purpose.VOLUNTARY, D("2025-12-01"), "z", "me")
    with pytest.raises(InputError, match="CCER project NOPE is unknown"):
        ccer.cancel(ACTOR, c)


@pytest.mark.postgres
def test_demo_on_postgresql() -> None:
    """The same tables and steps on PostgreSQL (a fresh schema, dropped afterwards)."""
    from tests.postgres import pg_schema

    from chinaets.ccer.demo import run_demo_projects
    from chinaets.registry.store import make_engine

    with pg_schema() as url:
        engine = make_engine(url)
        registry = Registry(engine)
        registry.init()
        out = run_demo_projects(registry, seed=5)
        assert [p["project"] for p in out["projects"]] == ["PRJ2024001", "PRJ2024002", "PRJ2024003"]
        with registry.reading() as session:
            assert invariants.run_all(session) == []
        ccer = CcerService(registry)
        with pytest.raises(InputError, match="not allowed now"):
            ccer.issue(ACTOR, "PRJ2024001-M01", D("2025-12-01"))
        engine.dispose()
