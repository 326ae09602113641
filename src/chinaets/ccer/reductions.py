"""Reduction instalments: monitoring report → notice (20 WD) → verification by a body other
than the validator → registration application (quantity = verified, generated within 5 years)
→ registry review (15 WD) → registered → issued (see `units`).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from chinaets.ccer import eligibility, steps
from chinaets.ccer.bodies import approved_body
from chinaets.ccer.cases import calculate
from chinaets.ccer.lifecycle import ProjectState, ReductionState, Subject
from chinaets.ccer.methodologies import Methodology
from chinaets.ccer.methodologies.base import Strict, parse
from chinaets.ccer.projects import method_of, site_of
from chinaets.ccer.store import CommentRow, DocumentRow, ProjectRow, ReductionRow
from chinaets.core.errors import InputError, Location, Problem
from chinaets.registry.records import canonical

RS = ReductionState


class MonitoringReport(Strict):
    period_start: dt.date
    period_end: dt.date
    monitoring: dict[str, Any]


def _error(field: str, en: str, zh: str, fix_en: str, fix_zh: str) -> InputError:
    return InputError.one(Location(field=field), en, zh, fix_en, fix_zh)


def get_reduction(session: Session, reduction_id: str, lock: bool = True) -> ReductionRow:
    row = session.get(ReductionRow, reduction_id, with_for_update=lock)
    if row is None:
        raise _error(
            "reduction",
            f"there is no reduction instalment '{reduction_id}'",
            f"不存在减排量“{reduction_id}”",
            "list them with `chinaets ccer reductions`",
            "请用 `chinaets ccer reductions` 查询",
        )
    return row


def _overlaps(session: Session, project: ProjectRow, start: dt.date, end: dt.date) -> str | None:
    query = select(ReductionRow).where(
        ReductionRow.project_id == project.id,
        ReductionRow.state != RS.REJECTED.value,
        ReductionRow.period_start <= end,
        ReductionRow.period_end >= start,
    )
    found = session.scalars(query).first()
    return found.id if found else None


def file_report(
    session: Session, project: ProjectRow, data: Any, on: dt.date, actor: str
) -> ReductionRow:
    """The owner's reduction accounting report for one monitoring period (Art. 17)."""
    _require_monitoring(project)
    report = parse(MonitoringReport, data, "report")
    method = method_of(project)
    site = site_of(project)
    problems = _period_problems(session, project, method, site, report, on)
    if problems:
        raise InputError(problems)
    result = calculate(method, site, report.monitoring, report.period_start)
    seq = _next_seq(session, project.id)
    row = ReductionRow(
        id=f"{project.id}-M{seq:02d}",
        project_id=project.id,
        seq=seq,
        state=RS.NEW.value,
        period_start=report.period_start,
        period_end=report.period_end,
        claimed_t=result.creditable_t,
        result=canonical(result.as_dict()),
        issued_t=0,
    )
    session.add(row)
    session.flush()  # no ORM relationships: insert the parent before its documents
    steps.take(
        session, Subject.REDUCTION, row, "file_report", on, actor, {"claimed_t": row.claimed_t}
    )
    session.add(
        DocumentRow(
            project_id=project.id,
            reduction_id=row.id,
            kind="monitoring_report",
            title=f"减排量核算报告 {row.id}",
            submitted_on=on,
        )
    )
    return row


def _require_monitoring(project: ProjectRow) -> None:
    if project.state != ProjectState.MONITORING:
        raise _error(
            "project",
            f"project {project.id} is '{project.state}': reductions are reported only while it is monitored",
            f"项目 {project.id} 当前状态为“{project.state}”，仅在监测阶段可提交减排量核算报告",
            "register the project and start monitoring first",
            "请先完成项目登记并开始监测",
        )


def _period_problems(
    session: Session,
    project: ProjectRow,
    method: Methodology,
    site: Any,
    report: MonitoringReport,
    on: dt.date,
) -> list[Problem]:
    """The monitoring period: eligible, allowed by the methodology, not overlapping another."""
    problems = [
        *eligibility.period_problems(project, method, report.period_start, report.period_end, on),
        *method.period_check(site, report.period_start),
    ]
    clash = _overlaps(session, project, report.period_start, report.period_end)
    if clash:
        problems += _error(
            "period_start",
            f"the period overlaps instalment {clash}: reductions cannot be counted twice",
            f"监测期与 {clash} 重叠，减排量不得重复计算",
            "report a period that follows the last one",
            "请提交与已有监测期不重叠的期间",
        ).problems
    return problems


def _next_seq(session: Session, project_id: str) -> int:
    """The number of the project's next instalment (1 for its first)."""
    filed = session.scalars(select(ReductionRow.id).where(ReductionRow.project_id == project_id))
    return len(list(filed)) + 1


def publish(session: Session, row: ReductionRow, on: dt.date, actor: str) -> None:
    t = steps.take(session, Subject.REDUCTION, row, "publish_reductions", on, actor)
    row.notice_start, row.notice_end = on, steps.period_end(t, on)


def comment(session: Session, row: ReductionRow, on: dt.date, text: str) -> None:
    """A public comment during the notice: recorded as anonymous, at most COMMENT_MAX long."""
    steps.within_notice(row.notice_start, row.notice_end, on)
    text = steps.comment_text(text)
    anonymous = steps.ANONYMOUS
    steps.take(session, Subject.REDUCTION, row, "comment", on, anonymous, {"text": text[:200]})
    session.add(
        CommentRow(
            project_id=row.project_id, reduction_id=row.id, author=anonymous, text=text, made_on=on
        )
    )


def file_verification(
    session: Session,
    row: ReductionRow,
    project: ProjectRow,
    on: dt.date,
    actor: str,
    body: str,
    verified_t: int,
) -> None:
    """A verification report fixing the verified quantity (Art. 18, 20)."""
    steps.transition_for(Subject.REDUCTION, row.state, "file_verification", row.id)
    _check_verifier(session, project, body, on)
    steps.after_notice(row.notice_end, on, "reduction report", "减排量核算报告")
    _check_verified_quantity(row, verified_t)
    steps.take(
        session,
        Subject.REDUCTION,
        row,
        "file_verification",
        on,
        actor,
        {"body": body, "verified_t": verified_t},
    )
    row.verifier, row.verified_t = body, verified_t
    session.add(
        DocumentRow(
            project_id=project.id,
            reduction_id=row.id,
            kind="verification_report",
            title=f"核查报告 {row.id}",
            body_id=body,
            conclusion=str(verified_t),
            submitted_on=on,
        )
    )


def _check_verifier(session: Session, project: ProjectRow, body: str, on: dt.date) -> None:
    """An approved body other than the project's validator."""
    if body == project.validator:
        raise _error(
            "body",
            f"{body} validated project {project.id}; the same body may not verify its reductions (Art. 18, 20)",
            f"{body} 已审定项目 {project.id}，同一机构不得核查其减排量（第十八条、第二十条）",
            "engage a different approved body for verification",
            "请委托另一家经批准的机构开展核查",
        )
    approved_body(session, body, on, "body")


def _check_verified_quantity(row: ReductionRow, verified_t: int) -> None:
    if not 0 < verified_t <= row.claimed_t:
        raise _error(
            "verified_t",
            f"verified quantity {verified_t} t must be positive and at most the {row.claimed_t} t reported",
            f"核查确认的减排量 {verified_t} 吨须大于零且不超过核算报告中的 {row.claimed_t} 吨",
            "check the verification report",
            "请核对核查报告",
        )


def apply_registration(
    session: Session, row: ReductionRow, on: dt.date, actor: str, quantity: int
) -> None:
    """Apply to register exactly the verified quantity, generated within 5 years (Art. 17, 21)."""
    steps.transition_for(Subject.REDUCTION, row.state, "apply_registration", row.id)
    verified = row.verified_t or 0
    if quantity != verified:
        over = quantity > verified
        raise _error(
            "quantity",
            f"{quantity} t {'exceeds' if over else 'differs from'} the verified quantity of {verified} t; the application must equal it (Art. 21)",
            f"申请登记 {quantity} 吨{'超过' if over else '不等于'}核查确认的 {verified} 吨；申请量必须与核查量一致（第二十一条）",
            f"apply for {verified} t",
            f"请申请登记 {verified} 吨",
        )
    problems = eligibility.claim_window_problems(row.period_start, on)
    if problems:
        raise InputError(problems)
    t = steps.take(
        session, Subject.REDUCTION, row, "apply_registration", on, actor, {"quantity": quantity}
    )
    row.applied_on, row.review_due = on, steps.period_end(t, on)


def decide(
    session: Session, row: ReductionRow, on: dt.date, actor: str, register: bool, reason: str = ""
) -> None:
    action = "register" if register else "reject"
    steps.transition_for(Subject.REDUCTION, row.state, action, row.id)
    steps.not_before(row.applied_on, on, "application", "申请日期")
    overdue = row.review_due is not None and on > row.review_due
    steps.take(session, Subject.REDUCTION, row, action, on, actor, {"reason": reason}, overdue)
    if register:
        row.registered_t, row.registered_on = row.verified_t, on


def vintage_split(start: dt.date, end: dt.date, quantity: int) -> list[tuple[str, int]]:
    """Split a period's units by calendar year in proportion to its days (largest remainder).

    The registry keeps CCER by vintage year; no official rule for periods spanning years was
    found (UNCERTAIN), so the days of each year decide, deterministically."""
    days: dict[str, int] = {}
    day = start
    while day <= end:
        year_end = min(end, dt.date(day.year, 12, 31))
        days[str(day.year)] = (year_end - day).days + 1
        day = year_end + dt.timedelta(days=1)
    total = sum(days.values())
    shares = {y: quantity * d // total for y, d in days.items()}
    left = quantity - sum(shares.values())
    for y in sorted(days, key=lambda y: (-(quantity * days[y] % total), y))[:left]:
        shares[y] += 1
    return [(y, q) for y, q in sorted(shares.items()) if q > 0]


def reduction_dict(row: ReductionRow) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": row.id,
        "project_id": row.project_id,
        "state": row.state,
        "claimed_t": row.claimed_t,
        "verifier": row.verifier,
        "verified_t": row.verified_t,
        "registered_t": row.registered_t,
        "issued_t": row.issued_t,
        "result": json.loads(row.result),
    }
    for name in (
        "period_start",
        "period_end",
        "notice_start",
        "notice_end",
        "applied_on",
        "review_due",
        "registered_on",
    ):
        value = getattr(row, name)
        out[name] = value.isoformat() if value else None
    return out
