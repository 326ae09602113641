"""The project lifecycle: design document → public notice (20 WD, comments) → validation →
registration application → registry review (15 WD) → registered or rejected → monitoring →
deregistration. Each function runs inside the caller's transaction and changes nothing when it
raises.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from pydantic import Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from chinaets.ccer import eligibility, steps
from chinaets.ccer.bodies import approved_body
from chinaets.ccer.cases import applicable_site
from chinaets.ccer.lifecycle import ProjectState, Subject
from chinaets.ccer.methodologies import Methodology, get_methodology
from chinaets.ccer.methodologies.base import Strict, parse
from chinaets.ccer.store import CommentRow, DocumentRow, ProjectRow
from chinaets.core.errors import InputError, Location
from chinaets.registry.ids import check_province, check_uscc
from chinaets.registry.records import canonical

PS = ProjectState


class ProjectApplication(Strict):
    """What a project owner files: the design document's key facts."""

    name: str = Field(min_length=1, max_length=300)
    owner: str = Field(min_length=18, max_length=18)  # unified social credit code
    owner_name: str = Field(min_length=1)
    province: str = Field(min_length=2, max_length=2)
    methodology: str
    construction_start: dt.date
    crediting_start: dt.date
    expected_annual_t: int = Field(ge=0)
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)
    capacity_mw: float | None = Field(default=None, gt=0)
    site: dict[str, Any]
    under_ets_allowance_management: bool = False
    other_mechanisms: list[str] = Field(default_factory=list)
    applied_on: dt.date


def get_project(session: Session, project_id: str, lock: bool = True) -> ProjectRow:
    row = session.get(ProjectRow, project_id, with_for_update=lock)
    if row is None:
        raise InputError.one(
            Location(field="project"),
            f"there is no CCER project '{project_id}'",
            f"不存在 CCER 项目“{project_id}”",
            "list projects with `chinaets ccer projects`",
            "请用 `chinaets ccer projects` 查询项目",
        )
    return row


def method_of(row: ProjectRow) -> Methodology:
    return get_methodology(row.methodology)


def site_of(row: ProjectRow) -> Any:
    method = method_of(row)
    return method.site_model.model_validate(json.loads(row.site))


def _next_id(session: Session, year: int) -> str:
    prefix = f"PRJ{year}"
    count = session.scalar(select(func.count()).where(ProjectRow.id.like(f"{prefix}%"))) or 0
    return f"{prefix}{count + 1:03d}"


def create(session: Session, data: Any, actor: str) -> ProjectRow:
    """Check eligibility and record a new project as a draft (nothing is written on failure)."""
    app = parse(ProjectApplication, data, "project")
    check_uscc(app.owner, "project.owner")
    check_province(app.province, "project.province")
    method = get_methodology(app.methodology, app.applied_on, "project.methodology")
    site = applicable_site(method, app.site, app.applied_on)
    problems = [
        *eligibility.construction_problems(app.construction_start, app.applied_on),
        *eligibility.exclusion_problems(app.under_ets_allowance_management, app.other_mechanisms),
        *eligibility.duplicate_problems(session, method, app.latitude, app.longitude),
        *method.period_check(site, app.crediting_start),
    ]
    if problems:
        raise InputError(problems)
    row = ProjectRow(
        id=_next_id(session, app.applied_on.year),
        name=app.name,
        owner=app.owner,
        owner_name=app.owner_name,
        province=app.province,
        methodology=method.id,
        project_type=method.project_type,
        state=PS.NEW.value,
        legacy=False,
        latitude=app.latitude,
        longitude=app.longitude,
        capacity_mw=app.capacity_mw,
        site=canonical(site.model_dump(mode="json")),
        construction_start=app.construction_start,
        crediting_start=app.crediting_start,
        crediting_end=eligibility.crediting_end(method, app.crediting_start),
        expected_annual_t=app.expected_annual_t,
        applied_on=app.applied_on,
    )
    session.add(row)
    session.flush()  # no ORM relationships: insert the parent before its documents
    steps.take(session, Subject.PROJECT, row, "create", app.applied_on, actor)
    _document(session, row, "design_document", f"项目设计文件 {app.name}", app.applied_on)
    return row


def _document(
    session: Session,
    row: ProjectRow,
    kind: str,
    title: str,
    on: dt.date,
    body: str | None = None,
    conclusion: str | None = None,
    reduction: str | None = None,
) -> None:
    session.add(
        DocumentRow(
            project_id=row.id,
            reduction_id=reduction,
            kind=kind,
            title=title,
            body_id=body,
            conclusion=conclusion,
            submitted_on=on,
        )
    )


def publish_design(
    session: Session, row: ProjectRow, on: dt.date, actor: str, validator: str
) -> None:
    """Public notice of the design document, naming the engaged body (Art. 12)."""
    steps.not_before(row.applied_on, on, "project application", "项目申请日期")
    approved_body(session, validator, on, "validator")
    t = steps.take(
        session, Subject.PROJECT, row, "publish_design", on, actor, {"validator": validator}
    )
    row.validator, row.notice_start, row.notice_end = validator, on, steps.period_end(t, on)


def comment(session: Session, row: ProjectRow, on: dt.date, text: str) -> None:
    """A public comment during the notice: recorded as anonymous, at most COMMENT_MAX long."""
    steps.within_notice(row.notice_start, row.notice_end, on)
    text = steps.comment_text(text)
    steps.take(session, Subject.PROJECT, row, "comment", on, steps.ANONYMOUS, {"text": text[:200]})
    session.add(CommentRow(project_id=row.id, author=steps.ANONYMOUS, text=text, made_on=on))


def file_validation(
    session: Session, row: ProjectRow, on: dt.date, actor: str, body: str, positive: bool
) -> None:
    """The engaged body's validation report, after the notice has run (Art. 13)."""
    if body != row.validator:
        raise InputError.one(
            Location(field="body"),
            f"the validation report must come from {row.validator}, named in the notice",
            f"审定报告应由公示中载明的机构 {row.validator} 出具",
            f"file the report of {row.validator}",
            f"请提交 {row.validator} 出具的审定报告",
        )
    action = "file_validation" if positive else "file_negative_validation"
    steps.transition_for(Subject.PROJECT, row.state, action, row.id)
    steps.after_notice(row.notice_end, on, "design document", "项目设计文件")
    steps.take(session, Subject.PROJECT, row, action, on, actor, {"body": body})
    conclusion = "positive" if positive else "negative"
    _document(session, row, "validation_report", f"审定报告 {row.name}", on, body, conclusion)


def apply_registration(session: Session, row: ProjectRow, on: dt.date, actor: str) -> None:
    steps.not_before(row.notice_end, on, "end of the notice", "公示期结束")
    t = steps.take(session, Subject.PROJECT, row, "apply_registration", on, actor)
    row.review_due = steps.period_end(t, on)
    _document(session, row, "registration_application", f"项目登记申请 {row.name}", on)


def decide(
    session: Session, row: ProjectRow, on: dt.date, actor: str, register: bool, reason: str = ""
) -> None:
    """The registry's decision on the application, due within 15 working days (Art. 15)."""
    steps.transition_for(Subject.PROJECT, row.state, "register" if register else "reject", row.id)
    steps.not_before(row.notice_end, on, "end of the notice", "公示期结束")
    overdue = row.review_due is not None and on > row.review_due
    action = "register" if register else "reject"
    steps.take(session, Subject.PROJECT, row, action, on, actor, {"reason": reason}, overdue)
    if register:
        row.registered_on = on


def simple_step(
    session: Session, row: ProjectRow, action: str, on: dt.date, actor: str, reason: str = ""
) -> None:
    """revise, start_monitoring, deregister: no guard beyond the transition table and dates."""
    steps.transition_for(Subject.PROJECT, row.state, action, row.id)
    steps.not_before(
        row.registered_on if action != "revise" else None, on, "registration", "登记日期"
    )
    steps.take(
        session, Subject.PROJECT, row, action, on, actor, {"reason": reason} if reason else None
    )
    if action == "revise":
        row.validator = row.notice_start = row.notice_end = row.review_due = None


def project_dict(row: ProjectRow) -> dict[str, Any]:
    dates = (
        "construction_start",
        "crediting_start",
        "crediting_end",
        "applied_on",
        "notice_start",
        "notice_end",
        "review_due",
        "registered_on",
    )
    out: dict[str, Any] = {
        "id": row.id,
        "name": row.name,
        "owner": row.owner,
        "owner_name": row.owner_name,
        "province": row.province,
        "methodology": row.methodology,
        "project_type": row.project_type,
        "state": row.state,
        "legacy": row.legacy,
        "external_ref": row.external_ref,
        "latitude": row.latitude,
        "longitude": row.longitude,
        "capacity_mw": row.capacity_mw,
        "expected_annual_t": row.expected_annual_t,
        "validator": row.validator,
    }
    for name in dates:
        value = getattr(row, name)
        out[name] = value.isoformat() if value else None
    return out
