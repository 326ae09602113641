"""Public listings, like the registry's public tabs on ccer.cets.org.cn (dataType 1-5):
projects in public notice, registered projects, reductions in public notice, registered
reductions and issued reductions. Open to everyone; no account data."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from chinaets.ccer.lifecycle import ProjectState, ReductionState
from chinaets.ccer.store import ProjectRow, ReductionRow
from chinaets.core.errors import InputError, Location

TABS: dict[str, tuple[int, str, str]] = {
    "projects_in_notice": (1, "projects in public notice", "项目公示"),
    "registered_projects": (2, "registered projects", "项目登记"),
    "reductions_in_notice": (3, "reductions in public notice", "减排量公示"),
    "registered_reductions": (4, "registered reductions", "减排量登记"),
    "issued_reductions": (5, "issued reductions", "减排量签发"),
}
_PROJECT_STATES = {
    "projects_in_notice": (ProjectState.DESIGN_NOTICE,),
    "registered_projects": (ProjectState.REGISTERED, ProjectState.MONITORING),
}
_REDUCTION_STATES = {
    "reductions_in_notice": (ReductionState.IN_NOTICE,),
    "registered_reductions": (ReductionState.REGISTERED,),
    "issued_reductions": (ReductionState.ISSUED,),
}


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def _project_entry(p: ProjectRow) -> dict[str, Any]:
    return {
        "project_id": p.id,
        "project_name": p.name,
        "owner_name": p.owner_name,
        "project_type": p.project_type,
        "methodology": p.methodology,
        "province": p.province,
        "expected_annual_t": p.expected_annual_t,
        "state": p.state,
        "notice_start": _iso(p.notice_start),
        "notice_end": _iso(p.notice_end),
        "registered_on": _iso(p.registered_on),
    }


def listing(session: Session, tab: str) -> list[dict[str, Any]]:
    if tab not in TABS:
        names = ", ".join(TABS)
        raise InputError.one(
            Location(field="tab"),
            f"unknown listing '{tab}'",
            f"未知的公示栏目“{tab}”",
            f"use one of {names}",
            f"请使用以下栏目之一：{names}",
        )
    if tab in _PROJECT_STATES:
        states = [s.value for s in _PROJECT_STATES[tab]]
        query = select(ProjectRow).where(ProjectRow.state.in_(states)).order_by(ProjectRow.id)
        return [_project_entry(p) for p in session.scalars(query)]
    states = [s.value for s in _REDUCTION_STATES[tab]]
    reduction_query = (
        select(ReductionRow, ProjectRow)
        .join(ProjectRow, ProjectRow.id == ReductionRow.project_id)
        .where(ReductionRow.state.in_(states))
        .order_by(ReductionRow.id)
    )
    return [
        {
            **_project_entry(p),
            "reduction_id": r.id,
            "state": r.state,
            "period_start": _iso(r.period_start),
            "period_end": _iso(r.period_end),
            "claimed_t": r.claimed_t,
            "certified_t": r.registered_t or r.verified_t,
            "issued_t": r.issued_t,
            "notice_start": _iso(r.notice_start),
            "notice_end": _iso(r.notice_end),
            "registered_on": _iso(r.registered_on),
        }
        for r, p in session.execute(reduction_query)
    ]


def statistics(session: Session) -> dict[str, Any]:
    """Counts in the style of the MEE's market summaries (projects, reductions, CCER)."""
    projects = list(session.scalars(select(ProjectRow).where(ProjectRow.legacy.is_(False))))
    reds = list(session.scalars(select(ReductionRow)))
    registered = {ProjectState.REGISTERED.value, ProjectState.MONITORING.value}
    return {
        "projects_applied": len(projects),
        "projects_registered": sum(p.state in registered for p in projects),
        "projects_with_ccer": len({r.project_id for r in reds if r.issued_t}),
        "ccer_registered_t": sum(r.registered_t or 0 for r in reds),
        "ccer_issued_t": sum(r.issued_t for r in reds),
        "legacy_projects": session.scalar(select(func.count()).where(ProjectRow.legacy.is_(True))),
    }
