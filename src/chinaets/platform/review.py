"""Review of annual reports by the provincial authority (核查), scoped to its province.

    submitted ─┐                      ┌─► returned (with findings) ─► resubmitted ─┐
               ├─► under_review ──────┤                                            │
 resubmitted ──┘        ▲             └─► accepted (verified)                       │
                        └──────────────────────────────────────────────────────────┘

A resubmission is a new version (`chinaets.platform.submit`); the reviewer's findings on a
return are stored with the version they are about, as screening rows (source ``review``).
Returning and accepting carry the day verification was completed and the verifier's
conclusion; the feedback deadline (Interim Regulations Art. 12) is recorded with them. Every
transition is an event: who, in which role, when, from what to what.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from chinaets.core.errors import InputError, Location
from chinaets.platform import access, rules
from chinaets.platform.models import FindingRow, HeadRow, ReviewEventRow, SubmissionRow
from chinaets.platform.records import FindingDraft
from chinaets.platform.schemas import ReviewRequest
from chinaets.platform.store import PlatformStore
from chinaets.platform.submit import CHINA
from chinaets.registry.records import Actor

STATES = ("submitted", "under_review", "returned", "resubmitted", "accepted")
STATE_ZH = {"new": "新建", "submitted": "已提交", "under_review": "审核中", "returned": "已退回",
            "resubmitted": "已重新提交", "accepted": "已通过（已核查）"}  # fmt: skip
ACTIONS = {  # action -> (states it may start from, state it leads to)
    "start": (("submitted", "resubmitted"), "under_review"),
    "return": (("under_review",), "returned"),
    "accept": (("under_review",), "accepted"),
}


@dataclass(frozen=True)
class Decision:
    """What the reviewer says when returning or accepting."""

    conclusion: str = ""
    note: str = ""
    verified_on: dt.date | None = None
    findings: tuple[FindingDraft, ...] = ()

    @classmethod
    def of(cls, request: ReviewRequest) -> Decision:
        drafts = tuple(f.draft() for f in request.findings)
        return cls(request.conclusion, request.note, request.verified_on, drafts)


def transition(
    store: PlatformStore, submission_id: int, action: str, actor: Actor, now: dt.datetime,
    decision: Decision = Decision(),
) -> ReviewEventRow:  # fmt: skip
    """Move the report version `submission_id` (the latest of its entity and year)."""
    if action not in ACTIONS:
        raise _refuse("action", f"unknown review action '{action}'", f"未知的审核操作“{action}”",
                      f"use one of: {', '.join(ACTIONS)}", "请使用 start、return 或 accept")  # fmt: skip
    with store.writing() as session:
        row, head = _current(session, submission_id)
        access.require_review(actor, head.province)
        starts, target = ACTIONS[action]
        if head.state not in starts:
            raise _refuse("state", f"a report in state '{head.state}' cannot be moved by "
                          f"'{action}'", f"处于“{STATE_ZH[head.state]}”状态的报告不能执行该操作",
                          f"it must be {' or '.join(starts)}", "请先完成前一步审核操作")  # fmt: skip
        event = _event(row, head.state, target, actor, now, action, decision)
        session.add(event)
        if action != "start":  # findings come with a decision, not with taking a report up
            session.add_all(_review_findings(row, decision.findings))
        head.state, head.updated_at = target, event.at
        return event


def _current(session: Session, submission_id: int) -> tuple[SubmissionRow, HeadRow]:
    row = session.get(SubmissionRow, submission_id)
    head = None
    if row is not None and row.kind == "report":
        key = (row.kind, row.credit_code, row.sector, row.year, row.month)
        head = session.get(HeadRow, key, with_for_update=True)
    if row is None or head is None:
        raise _refuse("submission", f"no report submission {submission_id}",
                      f"没有编号为 {submission_id} 的报告提交", "check the submission number",
                      "请核对提交编号")  # fmt: skip
    if head.submission_id != row.id:
        raise _refuse("submission", f"version {row.version} was superseded by a later one",
                      f"第 {row.version} 版已被新版本取代", "review the latest version",
                      "请审核最新版本")  # fmt: skip
    return row, head


def _event(
    row: SubmissionRow, before: str, target: str, actor: Actor, now: dt.datetime, action: str,
    decision: Decision,
) -> ReviewEventRow:  # fmt: skip
    verified_on = due = None
    if action in ("return", "accept"):
        verified_on = decision.verified_on or now.astimezone(CHINA).date()
        due = rules.feedback_due(verified_on)
    if action == "return" and not (decision.findings or decision.note):
        raise _refuse("findings", "a report is returned with findings or a note saying why",
                      "退回报告须附核查发现或说明", "add the findings", "请填写退回原因")  # fmt: skip
    return ReviewEventRow(
        submission_id=row.id, from_state=before, to_state=target, actor=actor.user_id,
        role=actor.role.value, at=now.isoformat(timespec="seconds"), note=decision.note,
        conclusion=decision.conclusion,
        verified_on=None if verified_on is None else verified_on.isoformat(),
        feedback_due=None if due is None else due.isoformat(),
    )  # fmt: skip


def _review_findings(row: SubmissionRow, drafts: tuple[FindingDraft, ...]) -> list[FindingRow]:
    return [
        FindingRow(
            submission_id=row.id,
            source="review",
            severity=f.severity,
            code=f.code,
            sector=row.sector,
            province=row.province,
            credit_code=row.credit_code,
            unit_id=f.unit_id,
            year=row.year,
            month=f.month,
            field=f.field,
            en=f.en,
            zh=f.zh,
            tco2_at_stake=f.tco2_at_stake,
            reference=f.reference,
        )
        for f in drafts
    ]


def history(session: Session, submission_id: int) -> list[ReviewEventRow]:
    """Every transition of every version of the submission's entity-period, oldest first."""
    row = session.get_one(SubmissionRow, submission_id)
    versions = select(SubmissionRow.id).where(
        SubmissionRow.kind == row.kind, SubmissionRow.credit_code == row.credit_code,
        SubmissionRow.sector == row.sector, SubmissionRow.year == row.year,
        SubmissionRow.month == row.month,
    )  # fmt: skip
    return list(session.scalars(select(ReviewEventRow)
                .where(ReviewEventRow.submission_id.in_(versions)).order_by(ReviewEventRow.id)))  # fmt: skip


def _refuse(field: str, en: str, zh: str, fix_en: str, fix_zh: str) -> InputError:
    return InputError.one(Location(field=field), en, zh, fix_en, fix_zh)
