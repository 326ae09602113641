"""The provincial review workflow: scoped to the province, every transition recorded."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from tests.dataplatform.conftest import report, upload

from chinaets.core.errors import InputError
from chinaets.platform.models import FindingRow, HeadRow
from chinaets.platform.records import FindingDraft
from chinaets.platform.review import Decision, history, transition
from chinaets.platform.store import PlatformStore
from chinaets.platform.submit import submit_one
from chinaets.registry.errors import AccessDenied
from chinaets.registry.records import Actor, Role

NOW = dt.datetime(2026, 4, 1, 2, 0, tzinfo=dt.UTC)
SHANDONG = Actor("sd-reviewer", Role.PROVINCIAL, "37")
HUBEI = Actor("hb-reviewer", Role.PROVINCIAL, "42")
ENTERPRISE = Actor("ent", Role.ENTERPRISE, report()["entity"]["credit_code"])
FINDING = FindingDraft("review", "error", "REV-LAB", "lab report of March missing", "缺少3月化验报告",
                       unit_id="U1", month=3, field="lab_results")  # fmt: skip


def _state(store: PlatformStore) -> str:
    with store.reading() as session:
        return session.scalars(select(HeadRow.state)).one()


def test_return_resubmit_accept(store: PlatformStore) -> None:
    first = submit_one(store, upload(report()), "ent", NOW)
    assert first.submission_id is not None
    transition(store, first.submission_id, "start", SHANDONG, NOW)
    returned = transition(store, first.submission_id, "return", SHANDONG, NOW,
                          Decision(note="see findings", verified_on=dt.date(2025, 9, 26),
                                   findings=(FINDING,)))  # fmt: skip
    assert _state(store) == "returned" and returned.feedback_due == "2025-10-13"
    changed = report()
    changed["fuel_use"][0]["quantity"] += 1
    second = submit_one(store, upload(changed), "ent", NOW + dt.timedelta(days=2))
    assert second.version == 2 and _state(store) == "resubmitted"
    with pytest.raises(InputError, match="superseded"):
        transition(store, first.submission_id, "start", SHANDONG, NOW)
    assert second.submission_id is not None
    transition(store, second.submission_id, "start", SHANDONG, NOW)
    transition(store, second.submission_id, "accept", SHANDONG, NOW,
               Decision(conclusion="verified as reported"))  # fmt: skip
    assert _state(store) == "accepted"
    with store.reading() as session:
        events = history(session, second.submission_id)
        review = session.scalars(select(FindingRow).where(FindingRow.source == "review")).all()
    assert [(e.from_state, e.to_state, e.actor) for e in events] == [
        ("new", "submitted", "ent"), ("submitted", "under_review", "sd-reviewer"),
        ("under_review", "returned", "sd-reviewer"), ("returned", "resubmitted", "ent"),
        ("resubmitted", "under_review", "sd-reviewer"), ("under_review", "accepted", "sd-reviewer"),
    ]  # fmt: skip
    assert [f.code for f in review] == ["REV-LAB"]


def test_another_province_and_the_enterprise_cannot_review(store: PlatformStore) -> None:
    outcome = submit_one(store, upload(report()), "ent", NOW)
    assert outcome.submission_id is not None
    for actor in (HUBEI, ENTERPRISE):
        with pytest.raises(AccessDenied):
            transition(store, outcome.submission_id, "start", actor, NOW)
    assert _state(store) == "submitted"


def test_a_transition_out_of_order_is_refused(store: PlatformStore) -> None:
    outcome = submit_one(store, upload(report()), "ent", NOW)
    assert outcome.submission_id is not None
    with pytest.raises(InputError, match="cannot be moved"):
        transition(store, outcome.submission_id, "accept", SHANDONG, NOW)
    transition(store, outcome.submission_id, "start", SHANDONG, NOW)
    with pytest.raises(InputError, match="findings or a note"):
        transition(store, outcome.submission_id, "return", SHANDONG, NOW)
