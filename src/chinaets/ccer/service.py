"""`CcerService`: the one entry point the shells (CLI, API, demo) use.

It opens one transaction per lifecycle step on the registry's database (our own `ccer_*`
tables), and goes through `Registry.execute` for every unit movement. A step that raises
changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from chinaets.ccer import bodies, projects, reductions, steps, store, units
from chinaets.ccer.lifecycle import Subject
from chinaets.ccer.store import BodyRow, EventRow, ProjectRow, ReductionRow
from chinaets.core.errors import InputError, Location
from chinaets.registry import records as r
from chinaets.registry.service import Registry


def _need(params: dict[str, Any], name: str) -> Any:
    if params.get(name) in (None, ""):
        raise InputError.one(
            Location(field=name),
            f"this step needs {name}",
            f"此步骤需要填写 {name}",
            f"add {name}",
            f"请补充 {name}",
        )
    return params[name]


ProjectHandler = Callable[[Session, ProjectRow, dt.date, str, dict[str, Any]], None]
PROJECT_STEPS: dict[str, ProjectHandler] = {
    "publish_design": lambda s, row, on, who, kw: projects.publish_design(
        s, row, on, who, _need(kw, "validator")
    ),
    "comment": lambda s, row, on, who, kw: projects.comment(s, row, on, _need(kw, "text")),
    "file_validation": lambda s, row, on, who, kw: projects.file_validation(
        s, row, on, who, _need(kw, "body"), True
    ),
    "file_negative_validation": lambda s, row, on, who, kw: projects.file_validation(
        s, row, on, who, _need(kw, "body"), False
    ),
    "apply_registration": lambda s, row, on, who, kw: projects.apply_registration(s, row, on, who),
    "register": lambda s, row, on, who, kw: projects.decide(
        s, row, on, who, True, kw.get("reason", "")
    ),
    "reject": lambda s, row, on, who, kw: projects.decide(
        s, row, on, who, False, _need(kw, "reason")
    ),
    "revise": lambda s, row, on, who, kw: projects.simple_step(s, row, "revise", on, who),
    "start_monitoring": lambda s, row, on, who, kw: projects.simple_step(
        s, row, "start_monitoring", on, who
    ),
    "deregister": lambda s, row, on, who, kw: projects.simple_step(
        s, row, "deregister", on, who, _need(kw, "reason")
    ),
}

ReductionHandler = Callable[[Session, ReductionRow, ProjectRow, dt.date, str, dict[str, Any]], None]
REDUCTION_STEPS: dict[str, ReductionHandler] = {
    "publish_reductions": lambda s, row, pr, on, who, kw: reductions.publish(s, row, on, who),
    "comment": lambda s, row, pr, on, who, kw: reductions.comment(s, row, on, _need(kw, "text")),
    "file_verification": lambda s, row, pr, on, who, kw: reductions.file_verification(
        s, row, pr, on, who, _need(kw, "body"), int(_need(kw, "verified_t"))
    ),
    "apply_registration": lambda s, row, pr, on, who, kw: reductions.apply_registration(
        s, row, on, who, int(_need(kw, "quantity"))
    ),
    "register": lambda s, row, pr, on, who, kw: reductions.decide(
        s, row, on, who, True, kw.get("reason", "")
    ),
    "reject": lambda s, row, pr, on, who, kw: reductions.decide(
        s, row, on, who, False, _need(kw, "reason")
    ),
}


class CcerService:
    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        store.ensure_schema(registry.engine)

    @contextmanager
    def session(self, write: bool = False) -> Iterator[Session]:
        """One transaction on the CCER tables (reads also run in one, for a consistent view)."""
        with Session(self.registry.engine, expire_on_commit=False) as session, session.begin():
            yield session

    # --- bodies and projects -------------------------------------------------------------
    def register_body(self, data: Any) -> dict[str, Any]:
        with self.session(write=True) as session:
            return bodies.body_dict(bodies.register_body(session, data))

    def bodies(self) -> list[dict[str, Any]]:
        with self.session() as session:
            return [
                bodies.body_dict(b) for b in session.scalars(select(BodyRow).order_by(BodyRow.id))
            ]

    def create_project(self, actor: r.Actor, data: Any) -> dict[str, Any]:
        with self.session(write=True) as session:
            return projects.project_dict(projects.create(session, data, actor.user_id))

    def project(self, project_id: str) -> dict[str, Any]:
        with self.session() as session:
            return projects.project_dict(projects.get_project(session, project_id, lock=False))

    def project_step(
        self, actor: r.Actor, project_id: str, action: str, on: dt.date, **params: Any
    ) -> dict[str, Any]:
        with self.session(write=True) as session:
            row = projects.get_project(session, project_id)
            # the table first: a forbidden step is refused before any other check
            steps.transition_for(Subject.PROJECT, row.state, action, row.id)
            _handler(PROJECT_STEPS, action, "chinaets ccer project create")(
                session, row, on, actor.user_id, params
            )
            return projects.project_dict(row)

    # --- reductions and units ------------------------------------------------------------
    def file_report(
        self, actor: r.Actor, project_id: str, data: Any, on: dt.date
    ) -> dict[str, Any]:
        with self.session(write=True) as session:
            project = projects.get_project(session, project_id)
            return reductions.reduction_dict(
                reductions.file_report(session, project, data, on, actor.user_id)
            )

    def reduction(self, reduction_id: str) -> dict[str, Any]:
        with self.session() as session:
            return reductions.reduction_dict(
                reductions.get_reduction(session, reduction_id, lock=False)
            )

    def reduction_step(
        self, actor: r.Actor, reduction_id: str, action: str, on: dt.date, **params: Any
    ) -> dict[str, Any]:
        if action == "issue":
            self.issue(actor, reduction_id, on, params.get("quantity"))
            return self.reduction(reduction_id)
        with self.session(write=True) as session:
            row = reductions.get_reduction(session, reduction_id)
            project = projects.get_project(session, row.project_id)
            steps.transition_for(Subject.REDUCTION, row.state, action, row.id)
            _unit_step(action)
            _handler(REDUCTION_STEPS, action, "chinaets ccer project report")(
                session, row, project, on, actor.user_id, params
            )
            return reductions.reduction_dict(row)

    def issue(
        self, actor: r.Actor, reduction_id: str, on: dt.date, quantity: int | None = None
    ) -> list[dict[str, Any]]:
        rows = units.issue(self.session, self.registry, actor, reduction_id, on, quantity)
        return [units.issuance_dict(row) for row in rows]

    def cancel(self, actor: r.Actor, cancellation: units.Cancellation) -> dict[str, Any]:
        return units.cancellation_dict(
            units.cancel(self.session, self.registry, actor, cancellation)
        )

    def transfer(
        self,
        actor: r.Actor,
        request_id: str,
        source: str,
        destination: str,
        unit: str,
        quantity: int,
        on: dt.date,
    ) -> dict[str, Any]:
        return units.transfer(
            self.session, self.registry, actor, request_id, source, destination, unit, quantity, on
        ).as_json()

    def holdings(self, actor: r.Actor, account: str) -> list[dict[str, Any]]:
        return units.holdings(self.registry, actor, account)

    def events(self, subject_id: str) -> list[dict[str, Any]]:
        with self.session() as session:
            query = select(EventRow).where(EventRow.subject_id == subject_id).order_by(EventRow.id)
            return [_event_dict(e) for e in session.scalars(query)]


def _handler(table: dict[str, Any], action: str, command: str) -> Any:
    """The step's handler; a creating step ('create', 'file_report') has its own command."""
    if action not in table:
        raise InputError.one(
            Location(field="action"),
            f"'{action}' creates a new record: use `{command}`",
            f"“{action}”用于新建记录，请使用 `{command}`",
            f"run {command}",
            f"请运行 {command}",
        )
    return table[action]


def _unit_step(action: str) -> None:
    if action in ("transfer", "cancel"):
        raise InputError.one(
            Location(field="action"),
            f"'{action}' moves units: use `chinaets ccer {action}` (it names accounts and quantities)",
            f"“{action}”涉及单位变动，请使用 `chinaets ccer {action}`（需填写账户和数量）",
            f"run chinaets ccer {action}",
            f"请运行 chinaets ccer {action}",
        )


def _event_dict(e: EventRow) -> dict[str, Any]:
    return {
        "subject": e.subject,
        "id": e.subject_id,
        "action": e.action,
        "from": e.from_state,
        "to": e.to_state,
        "on": e.happened_on.isoformat(),
        "actor": e.actor,
        "legal_source": e.legal_source,
        "overdue": e.overdue,
    }
