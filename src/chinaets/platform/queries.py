"""Reads of the store for the shells and the read model: submissions a user may see, one
submission with its files, findings and history, and the latest `Summary` per entity-year."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import desc, func, select
from sqlalchemy.orm import Session

from chinaets.mrv.sectors import Intensity, MonthlyValue, PerimeterUnit, Summary
from chinaets.platform.access import sees, visible
from chinaets.platform.models import FindingRow, HeadRow, SubmissionFileRow, SubmissionRow
from chinaets.platform.review import STATE_ZH, history
from chinaets.registry.errors import denied
from chinaets.registry.records import Actor

S = SubmissionRow
COUNTED_STATES = ("submitted", "under_review", "resubmitted", "accepted", "returned")


@dataclass(frozen=True)
class SubmissionFilter:
    kind: str | None = None
    credit_code: str | None = None
    year: int | None = None
    state: str | None = None
    search: str | None = None
    latest_only: bool = True


def list_submissions(
    session: Session, actor: Actor, where: SubmissionFilter, offset: int = 0, limit: int = 50
) -> tuple[list[dict[str, Any]], int]:
    """A page of submissions (latest versions, or every version), newest first, and the total."""
    stmt = select(S, HeadRow.state, HeadRow.submission_id).join(
        HeadRow, (HeadRow.kind == S.kind) & (HeadRow.credit_code == S.credit_code)
        & (HeadRow.sector == S.sector) & (HeadRow.year == S.year) & (HeadRow.month == S.month),
    ).where(visible(actor, S.province, S.credit_code))  # fmt: skip
    if where.latest_only:
        stmt = stmt.where(HeadRow.submission_id == S.id)
    for name in ("kind", "credit_code", "year"):
        value = getattr(where, name)
        if value not in (None, ""):
            stmt = stmt.where(getattr(S, name) == value)
    if where.state:
        stmt = stmt.where(HeadRow.state == where.state)
    if where.search:
        stmt = stmt.where(
            S.name.like(f"%{where.search}%") | S.credit_code.like(f"%{where.search}%")
        )
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    page = session.execute(stmt.order_by(desc(S.id)).offset(max(offset, 0)).limit(min(limit, 500)))
    return [_listed(row, state, head) for row, state, head in page], total


def _listed(row: SubmissionRow, state: str, head: int) -> dict[str, Any]:
    current = head == row.id
    return {
        "id": row.id, "kind": row.kind, "sector": row.sector, "credit_code": row.credit_code,
        "name": row.name, "province": row.province, "year": row.year, "month": row.month or None,
        "version": row.version, "submitted_at": row.submitted_at, "submitter": row.submitter,
        "state": state if current else "superseded",
        "state_zh": STATE_ZH.get(state, state) if current else "已被取代",
        "total_t": row.total_t, "defaults_t": row.defaults_t, "errors": row.errors,
        "warnings": row.warnings, "source_name": row.source_name,
    }  # fmt: skip


def submission(session: Session, actor: Actor, submission_id: int) -> dict[str, Any]:
    """One submission with its figures, files, findings and review history (if the user may)."""
    row = session.get(S, submission_id)
    if row is None or not sees(actor, row.province, row.credit_code):
        raise denied("see this submission", "查看该提交")
    head = session.get(HeadRow, (row.kind, row.credit_code, row.sector, row.year, row.month))
    assert head is not None
    files = session.scalars(
        select(SubmissionFileRow).where(SubmissionFileRow.submission_id == row.id)
    )
    findings = session.scalars(select(FindingRow).where(FindingRow.submission_id == row.id)
                               .order_by(desc(FindingRow.tco2_at_stake), FindingRow.id))  # fmt: skip
    return {
        **_listed(row, head.state, head.submission_id),
        "result": json.loads(row.result),
        "summary": None if row.summary is None else json.loads(row.summary),
        "files": [{"name": f.name, "sha256": f.sha256, "role": f.role} for f in files],
        "findings": [_finding(f) for f in findings],
        "history": [_event(e) for e in history(session, row.id)],
    }


def _finding(f: FindingRow) -> dict[str, Any]:
    return {"source": f.source, "severity": f.severity, "code": f.code, "unit_id": f.unit_id,
            "month": f.month, "field": f.field, "en": f.en, "zh": f.zh,
            "tco2_at_stake": f.tco2_at_stake, "reference": f.reference}  # fmt: skip


def _event(e: Any) -> dict[str, Any]:
    return {"submission_id": e.submission_id, "from": e.from_state, "to": e.to_state,
            "to_zh": STATE_ZH.get(e.to_state, e.to_state), "by": e.actor, "role": e.role,
            "at": e.at, "note": e.note, "conclusion": e.conclusion,
            "verified_on": e.verified_on, "feedback_due": e.feedback_due}  # fmt: skip


def file_of(session: Session, actor: Actor, submission_id: int, name: str) -> SubmissionFileRow:
    """A file of a submission the user may see (else AccessDenied, also when it is not there)."""
    row = session.get(S, submission_id)
    found = session.get(SubmissionFileRow, (submission_id, name))
    if row is None or found is None or not sees(actor, row.province, row.credit_code):
        raise denied("see this file", "查看该文件")
    return found


def latest_document(
    session: Session, sector: str, credit_code: str, year: int
) -> dict[str, Any] | None:
    """The validated document of an entity's latest report version for the year, if stored
    (for the dashboard's traces; the caller has checked that the user may see the entity)."""
    stmt = (
        select(S.document)
        .join(HeadRow, HeadRow.submission_id == S.id)
        .where(HeadRow.kind == "report", HeadRow.sector == sector,
               HeadRow.credit_code == credit_code, HeadRow.year == year, HeadRow.month == 0)
    )  # fmt: skip
    text = session.scalar(stmt)
    if text is None:
        return None
    document: dict[str, Any] = json.loads(text)
    return document


def latest_summaries(session: Session, year: int | None = None) -> list[Summary]:
    """The `Summary` of the latest report version of every entity and year (accepted or still
    in review; returned reports count until their resubmission), for the read model."""
    stmt = (
        select(S.summary)
        .join(HeadRow, HeadRow.submission_id == S.id)
        .where(HeadRow.kind == "report", HeadRow.state.in_(COUNTED_STATES), S.summary.is_not(None))
        .order_by(S.sector, S.credit_code, S.year)
    )
    if year is not None:
        stmt = stmt.where(S.year == year)
    return [summary_from_json(json.loads(text)) for text in session.scalars(stmt) if text]


def summary_from_json(data: dict[str, Any]) -> Summary:
    """A `Summary` back from the JSON the store keeps."""
    intensity = data.get("intensity")
    return Summary(
        sector=data["sector"], year=int(data["year"]), credit_code=data["credit_code"],
        name=data["name"], province=data["province"],
        total_emissions_t=float(data["total_emissions_t"]), obligation_t=float(data["obligation_t"]),
        perimeter=tuple(PerimeterUnit(**u) for u in data.get("perimeter", ())),
        intensity=None if intensity is None else Intensity(**intensity),
        values=dict(data.get("values") or {}),
        monthly=tuple(MonthlyValue(**m) for m in data.get("monthly", ())),
    )  # fmt: skip
