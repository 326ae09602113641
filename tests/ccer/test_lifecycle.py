"""The state machine: every allowed transition is taken at least once (with its time limits),
and every forbidden one is refused with a bilingual error that changes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from tests.ccer.conftest import (
    ACTOR,
    BODIES,
    OWNER,
    REPORT,
    D,
    to_monitoring,
    to_registered_reduction,
    uscc,
    wind_application,
)

from chinaets.ccer.lifecycle import TRANSITIONS, Subject, actions, allowed_actions, states
from chinaets.ccer.service import CcerService
from chinaets.ccer.store import EventRow, ProjectRow, ReductionRow
from chinaets.ccer.units import Cancellation, Purpose
from chinaets.core.errors import InputError
from chinaets.registry import records as r
from chinaets.registry.service import Registry
from chinaets.registry.store import make_engine

P, R = Subject.PROJECT, Subject.REDUCTION


def _next(day: str) -> dt.date:
    return D(day) + dt.timedelta(days=1)


def test_every_allowed_transition(ccer: CcerService, registry: Registry) -> None:
    # project A: negative validation, revise, rejection, revise, registration, deregistration
    a = ccer.create_project(ACTOR, wind_application(name="A", latitude=21.0))["id"]
    p = ccer.project_step(ACTOR, a, "publish_design", D("2024-03-04"), validator="VVB1")
    ccer.project_step(ACTOR, a, "comment", D("2024-03-05"), author="公众", text="生态影响？")
    ccer.project_step(ACTOR, a, "file_negative_validation", _next(p["notice_end"]), body="VVB1")
    ccer.project_step(ACTOR, a, "revise", D("2024-04-08"))
    for outcome in ("reject", "register"):
        p = ccer.project_step(ACTOR, a, "publish_design", D("2024-04-08"), validator="VVB3")
        # by hand: 8-26 Apr (15), Sunday 28 Apr worked (16), 29-30 Apr (18), 1-5 May off, 6-7 May
        assert p["notice_end"] == "2024-05-07"
        ccer.project_step(ACTOR, a, "file_validation", D("2024-05-08"), body="VVB3")
        p = ccer.project_step(ACTOR, a, "apply_registration", D("2024-05-08"))
        # by hand: 8-10 May (3), Saturday 11 May worked (4), 13-24 May (14), 27 May (15)
        assert p["review_due"] == "2024-05-27"
        p = ccer.project_step(ACTOR, a, outcome, D("2024-05-20"), reason="材料不全")
        if outcome == "reject":
            ccer.project_step(ACTOR, a, "revise", D("2024-05-21"))
    ccer.project_step(ACTOR, a, "deregister", D("2024-06-03"), reason="owner request")
    # project B: monitoring, a rejected and an issued instalment, trading, cancellation
    b = to_monitoring(ccer)
    first = ccer.file_report(ACTOR, b, REPORT, D("2025-07-07"))["id"]
    red = ccer.reduction_step(ACTOR, first, "publish_reductions", D("2025-07-08"))
    ccer.reduction_step(ACTOR, first, "comment", D("2025-07-09"), text="电量核对？")
    ccer.reduction_step(ACTOR, first, "file_verification", _next(red["notice_end"]), body="VVB2", verified_t=600000)  # fmt: skip
    ccer.reduction_step(ACTOR, first, "apply_registration", D("2025-08-11"), quantity=600000)
    ccer.reduction_step(ACTOR, first, "reject", D("2025-08-12"), reason="核查报告不完整")
    second = to_registered_reduction(ccer, b)
    ccer.reduction_step(ACTOR, second, "issue", D("2025-09-01"))
    buyer = uscc(12)
    registry.execute(
        ACTOR, "open-buyer", r.OpenAccount(r.AccountKind.HOLDING, buyer, "Buyer", "44")
    )
    ccer.transfer(ACTOR, "t1", f"ENT-{OWNER}", f"ENT-{buyer}", f"CCER-{b}-2025", 1000, D("2025-09-02"))  # fmt: skip
    ccer.cancel(ACTOR, Cancellation(f"ENT-{buyer}", f"CCER-{b}-2025", 400, Purpose.VOLUNTARY, D("2025-09-03"), "c1", "company neutrality"))  # fmt: skip
    ccer.project_step(ACTOR, b, "deregister", D("2025-10-09"), reason="discontinued")
    with ccer.session() as session:
        taken = {(e.subject, e.from_state, e.action) for e in session.scalars(select(EventRow))}
    assert {(t.subject.value, t.source, t.action) for t in TRANSITIONS} <= taken


def test_late_review_decision_is_recorded_as_overdue(ccer: CcerService) -> None:
    pid = ccer.create_project(ACTOR, wind_application())["id"]
    ccer.project_step(ACTOR, pid, "publish_design", D("2024-03-04"), validator="VVB1")
    ccer.project_step(ACTOR, pid, "file_validation", D("2024-04-01"), body="VVB1")
    ccer.project_step(ACTOR, pid, "apply_registration", D("2024-04-01"))
    ccer.project_step(ACTOR, pid, "register", D("2024-06-03"))
    events = ccer.events(pid)
    assert events[-1]["action"] == "register" and events[-1]["overdue"] is True


# --- forbidden transitions: one database, every (state, action) pair ---------------------


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[CcerService, str, str]]:
    engine = make_engine(f"sqlite:///{Path(tmp_path_factory.mktemp('fsm')) / 'fsm.db'}")
    registry = Registry(engine)
    registry.init()
    registry.execute(
        ACTOR, "open-owner", r.OpenAccount(r.AccountKind.HOLDING, OWNER, "Owner", "44")
    )
    ccer = CcerService(registry)
    for body in BODIES:
        ccer.register_body(body)
    pid = to_monitoring(ccer)
    rid = ccer.file_report(ACTOR, pid, REPORT, D("2025-07-07"))["id"]
    yield ccer, pid, rid
    engine.dispose()


def _forbidden(subject: Subject) -> list[tuple[str, str]]:
    return [
        (state, action)
        for state in states(subject)
        if state != "new"  # a stored record is never new: creating is its own command
        for action in actions(subject)
        if action not in allowed_actions(subject, state)
    ]


def _force(ccer: CcerService, model: type[ProjectRow] | type[ReductionRow], ident: str, state: str) -> int:  # fmt: skip
    with ccer.session(write=True) as session:
        row = session.get(model, ident)
        assert row is not None
        row.state = state
        return int(session.scalar(select(func.count()).select_from(EventRow)) or 0)


def _unchanged(ccer: CcerService, model: type[ProjectRow] | type[ReductionRow], ident: str, state: str, events: int) -> None:  # fmt: skip
    with ccer.session() as session:
        row = session.get(model, ident)
        assert row is not None and row.state == state
        assert session.scalar(select(func.count()).select_from(EventRow)) == events


PARAMS = {"validator": "VVB1", "body": "VVB3", "text": "t", "reason": "r", "verified_t": 1, "quantity": 1}  # fmt: skip


@pytest.mark.parametrize(("state", "action"), _forbidden(P))
def test_forbidden_project_transition(world: tuple[CcerService, str, str], state: str, action: str) -> None:  # fmt: skip
    ccer, pid, _ = world
    events = _force(ccer, ProjectRow, pid, state)
    with pytest.raises(InputError) as err:
        ccer.project_step(ACTOR, pid, action, D("2025-07-07"), **PARAMS)
    text = err.value.render()
    assert action in text and "不能执行" in text and "allowed" in text
    _unchanged(ccer, ProjectRow, pid, state, events)


@pytest.mark.parametrize(("state", "action"), _forbidden(R))
def test_forbidden_reduction_transition(world: tuple[CcerService, str, str], state: str, action: str) -> None:  # fmt: skip
    ccer, _, rid = world
    events = _force(ccer, ReductionRow, rid, state)
    with pytest.raises(InputError) as err:
        ccer.reduction_step(ACTOR, rid, action, D("2025-07-07"), **PARAMS)
    text = err.value.render()
    assert action in text and "不能执行" in text and "allowed" in text
    _unchanged(ccer, ReductionRow, rid, state, events)


def test_unknown_action_is_named(world: tuple[CcerService, str, str]) -> None:
    ccer, pid, _ = world
    _force(ccer, ProjectRow, pid, "monitoring")
    with pytest.raises(InputError, match="not a step of the project lifecycle"):
        ccer.project_step(ACTOR, pid, "approve", D("2025-07-07"))


def test_forbidden_list_is_complete() -> None:
    pairs = len(_forbidden(P)) + len(_forbidden(R))
    allowed = sum(1 for t in TRANSITIONS if t.source != "new")
    total = (len(states(P)) - 1) * len(actions(P)) + (len(states(R)) - 1) * len(actions(R))
    assert pairs + allowed == total
