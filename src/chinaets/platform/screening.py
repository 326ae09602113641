"""Screening the fleet: one list of the findings on the latest version of every report and
deposit a user may see (a province's, or the nation's), with the monitoring sources' findings
(CO2 CEMS, `platform.monitoring`) beside them, sortable, filterable, paged; and the entities
ranked by risk.

Risk of an entity: the tonnes its error and warning findings put at stake, then its number of
errors. It orders the reviewer's work; it is not a legal category.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    Subquery,
    case,
    desc,
    func,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from chinaets.platform.access import visible
from chinaets.platform.models import FindingRow, HeadRow, MonitoringFindingRow, SubmissionRow
from chinaets.platform.records import ScreeningRow
from chinaets.registry.records import Actor

F = FindingRow
M = MonitoringFindingRow
S = SubmissionRow
SORTABLE = ("severity", "tco2_at_stake", "credit_code", "province", "sector", "code", "year",
            "month", "source", "unit_id", "field")  # fmt: skip
FILTERS = ("province", "sector", "severity", "source", "credit_code", "year", "code")
MAX_PAGE = 1000


@dataclass(frozen=True)
class ScreeningQuery:
    province: str | None = None
    sector: str | None = None
    severity: str | None = None
    source: str | None = None
    credit_code: str | None = None
    year: int | None = None
    code: str | None = None
    search: str | None = None
    sort: str = "tco2_at_stake"
    descending: bool = True
    offset: int = 0
    limit: int = 50


@dataclass(frozen=True)
class EntityRisk:
    credit_code: str
    name: str
    province: str
    sector: str
    errors: int
    warnings: int
    tco2_at_stake: float

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


_SHARED = ("id", "source", "severity", "code", "sector", "province", "credit_code", "unit_id",
           "year", "month", "field", "en", "zh", "tco2_at_stake")  # fmt: skip


def _filtered(stmt: Any, table: Any, name: Any, actor: Actor, query: ScreeningQuery) -> Any:
    stmt = stmt.where(visible(actor, table.province, table.credit_code))
    for field in FILTERS:
        value = getattr(query, field)
        if value not in (None, ""):
            stmt = stmt.where(getattr(table, field) == value)
    if query.search:
        like = f"%{query.search}%"
        stmt = stmt.where(or_(table.en.ilike(like), table.zh.like(like), name.like(like),
                              table.credit_code.like(like), table.code.ilike(like)))  # fmt: skip
    return stmt


def _findings(actor: Actor, query: ScreeningQuery) -> Subquery:
    """The submissions' findings (latest versions) and the monitoring findings, filtered."""
    submitted = (
        select(*(getattr(F, c) for c in _SHARED), F.submission_id, S.name)
        .join(HeadRow, HeadRow.submission_id == F.submission_id)
        .join(S, S.id == F.submission_id)
    )
    monitored = select(*(getattr(M, c) for c in _SHARED), null().label("submission_id"), M.name)
    return union_all(
        _filtered(submitted, F, S.name, actor, query), _filtered(monitored, M, M.name, actor, query)
    ).subquery("findings")


def _base(actor: Actor, query: ScreeningQuery) -> tuple[Subquery, Select[Any]]:
    found = _findings(actor, query)
    return found, select(found)


def _order(found: Subquery, query: ScreeningQuery) -> tuple[ColumnElement[Any], ...]:
    name = query.sort if query.sort in SORTABLE else "tco2_at_stake"
    key: ColumnElement[Any] = found.c[name]
    if name == "severity":
        key = case({"error": 0, "warning": 1}, value=found.c.severity, else_=2)
    # ids of the two tables may coincide: the source breaks that tie
    return (desc(key) if query.descending else key), found.c.id, found.c.source


def screen(session: Session, actor: Actor, query: ScreeningQuery) -> tuple[list[ScreeningRow], int]:
    """One page of the screening list, and how many rows the whole list has."""
    found, stmt = _base(actor, query)
    total = session.scalar(select(func.count()).select_from(found)) or 0
    limit = max(1, min(query.limit, MAX_PAGE))
    page = session.execute(
        stmt.order_by(*_order(found, query)).offset(max(query.offset, 0)).limit(limit)
    )
    return [_row(r._mapping) for r in page], total


def all_rows(session: Session, actor: Actor, query: ScreeningQuery) -> list[ScreeningRow]:
    """The whole filtered list (for the Excel export)."""
    found, stmt = _base(actor, query)
    return [_row(r._mapping) for r in session.execute(stmt.order_by(*_order(found, query)))]


def _row(r: Any) -> ScreeningRow:
    return ScreeningRow(**{c: r[c] for c in _SHARED if c != "id"},
                        submission_id=r["submission_id"], name=r["name"])  # fmt: skip


FINDING_FILTERS = ("severity", "source", "code", "search")


def risk_ranking(
    session: Session, actor: Actor, query: ScreeningQuery, limit: int = 50
) -> list[EntityRisk]:
    """Entities (per sector) by the tonnes their findings put at stake, then by their errors.

    Without filters on the findings themselves, the ranking adds up the sums each version
    carries (one row per entity-period), the reviewers' and the monitoring findings; else it
    groups the
    filtered findings."""
    if all(getattr(query, name) in (None, "") for name in FINDING_FILTERS):
        return _ranked_versions(session, actor, query, limit)
    return _ranked_findings(session, actor, query, limit)


def _ranked_versions(
    session: Session, actor: Actor, query: ScreeningQuery, limit: int
) -> list[EntityRisk]:
    stored = select(S.credit_code, S.name, S.province, S.sector, S.errors.label("e"),
                    S.warnings.label("w"), S.stake_t.label("t")).join(
        HeadRow, HeadRow.submission_id == S.id)  # fmt: skip
    review = (
        select(F.credit_code, SubmissionRow.name, F.province, F.sector,
               case((F.severity == "error", 1), else_=0).label("e"),
               case((F.severity == "warning", 1), else_=0).label("w"),
               case((F.severity != "info", F.tco2_at_stake), else_=0.0).label("t"))
        .join(HeadRow, HeadRow.submission_id == F.submission_id)
        .join(SubmissionRow, SubmissionRow.id == F.submission_id)
        .where(F.source == "review")
    )  # fmt: skip
    monitored = select(M.credit_code, M.name, M.province, M.sector,
                       case((M.severity == "error", 1), else_=0).label("e"),
                       case((M.severity == "warning", 1), else_=0).label("w"),
                       case((M.severity != "info", M.tco2_at_stake), else_=0.0).label("t"))  # fmt: skip
    parts = []
    for stmt, table in ((stored, S), (review, F), (monitored, M)):
        stmt = stmt.where(visible(actor, table.province, table.credit_code))
        for name in ("province", "sector", "credit_code", "year"):
            value = getattr(query, name)
            if value not in (None, ""):
                stmt = stmt.where(getattr(table, name) == value)
        parts.append(stmt)
    both = union_all(*parts).subquery()
    stake = func.sum(both.c.t)
    ranked = (
        select(both.c.credit_code, func.max(both.c.name), func.max(both.c.province),
               both.c.sector, func.sum(both.c.e), func.sum(both.c.w), stake)
        .group_by(both.c.credit_code, both.c.sector)
        .order_by(desc(stake), desc(func.sum(both.c.e)), both.c.credit_code, both.c.sector)
        .limit(max(1, min(limit, MAX_PAGE)))
    )  # fmt: skip
    return [
        EntityRisk(code, name, province, sector, int(e or 0), int(w or 0), float(t or 0.0))
        for code, name, province, sector, e, w, t in session.execute(ranked)
    ]


def _ranked_findings(
    session: Session, actor: Actor, query: ScreeningQuery, limit: int
) -> list[EntityRisk]:
    base = _findings(actor, query)
    errors = func.sum(case((base.c.severity == "error", 1), else_=0))
    warnings = func.sum(case((base.c.severity == "warning", 1), else_=0))
    stake = func.sum(case((base.c.severity != "info", base.c.tco2_at_stake), else_=0.0))
    stmt = (
        select(base.c.credit_code, func.max(base.c.name), func.max(base.c.province),
               base.c.sector, errors, warnings, stake)
        .group_by(base.c.credit_code, base.c.sector)
        .order_by(desc(stake), desc(errors), base.c.credit_code, base.c.sector)
        .limit(max(1, min(limit, MAX_PAGE)))
    )  # fmt: skip
    return [
        EntityRisk(code, name, province, sector, int(e or 0), int(w or 0), float(s or 0.0))
        for code, name, province, sector, e, w, s in session.execute(stmt)
    ]
