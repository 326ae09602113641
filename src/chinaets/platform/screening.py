"""Screening the fleet: one list of the findings on the latest version of every report and
deposit a user may see (a province's, or the nation's), sortable, filterable, paged; and the
entities ranked by risk.

Risk of an entity: the tonnes its error and warning findings put at stake, then its number of
errors. It orders the reviewer's work; it is not a legal category.

The list holds two kinds of finding: those of the submissions (`platform_findings`, on the
latest version of each) and those of continuous monitoring (`platform_monitoring_findings`,
written by the CEMS reconciliation). A monitoring finding's id is negated in the list, so that
ids stay unique across both and a (key, id) cursor pages through them alike.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    Subquery,
    case,
    cast,
    desc,
    func,
    null,
    select,
    tuple_,
    union_all,
)
from sqlalchemy.orm import Session

from chinaets.platform import cursor, textsearch
from chinaets.platform.access import visible
from chinaets.platform.models import (
    FindingRow,
    HeadRow,
    MonitoringFindingRow,
    ScreeningColumns,
    SubmissionRow,
)
from chinaets.platform.records import ScreeningRow
from chinaets.registry.records import Actor

F = FindingRow
M = MonitoringFindingRow
S = SubmissionRow
SEVERITY_RANK = {"error": 0, "warning": 1}
_SHARED = tuple(c for c in ScreeningColumns.__annotations__ if c != "reference")
"""The columns of a screening row that both kinds of finding have (`ScreeningColumns`)."""
SORTABLE = ("severity", "tco2_at_stake", "credit_code", "province", "sector", "code", "year",
            "month", "source", "unit_id", "field")  # fmt: skip
"""What the list sorts by; the finding's id breaks ties in the same direction, so that a page
can start after a (key, id) pair (keyset paging on the ``(column, id)`` indexes of migration
``screening``; a finding without a month sorts as month 0 on every database)."""


def _key(columns: Any, name: str) -> ColumnElement[Any]:
    """The sort key `name` over the list's columns."""
    if name == "severity":
        return case(SEVERITY_RANK, value=columns.severity, else_=2)
    if name == "month":
        return func.coalesce(columns.month, 0)
    key: ColumnElement[Any] = columns[name]
    return key


KEY_OF: dict[str, Callable[[ScreeningRow], Any]] = {
    "severity": lambda r: SEVERITY_RANK.get(r.severity, 2), "month": lambda r: r.month or 0,
}  # fmt: skip
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
    """Rows skipped (shallow pages); `after` (a cursor) starts after a row instead."""
    limit: int = 50
    after: str | None = None
    """The cursor of the last row of the previous page (`cursor_after`), for deep pages."""

    @property
    def sort_key(self) -> str:
        return self.sort if self.sort in SORTABLE else "tco2_at_stake"


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


def _filtered(stmt: Select[Any], table: Any, actor: Actor, query: ScreeningQuery) -> Select[Any]:
    stmt = stmt.where(visible(actor, table.province, table.credit_code))
    for name in FILTERS:
        value = getattr(query, name)
        if value not in (None, ""):
            stmt = stmt.where(getattr(table, name) == value)
    return stmt


def _branches(session: Session, actor: Actor, query: ScreeningQuery) -> list[Select[Any]]:
    """The findings the actor may see, filtered and searched: one select per kind. The entity's
    name of a submission finding is not joined here: counting and paging need only the findings
    and the heads, and the wide submissions table is read for the names of one page (`_named`)."""
    submitted = select(F.id.label("id"), *(getattr(F, c) for c in _SHARED), F.submission_id,
                       cast(null(), S.name.type).label("name")).join(HeadRow, HeadRow.submission_id == F.submission_id)  # fmt: skip
    monitored = select((-M.id).label("id"), *(getattr(M, c) for c in _SHARED),
                       cast(null(), F.submission_id.type).label("submission_id"), M.name)  # fmt: skip
    submitted = _filtered(submitted, F, actor, query)
    monitored = _filtered(monitored, M, actor, query)
    if query.search:
        submitted = submitted.where(textsearch.matching(session, query.search))
        monitored = monitored.where(
            textsearch.contains(query.search, M.en, M.zh, M.code, M.credit_code, M.name)
        )
    return [submitted, monitored]


def _found(session: Session, actor: Actor, query: ScreeningQuery) -> Subquery:
    return union_all(*_branches(session, actor, query)).subquery("findings")


def _page(branches: list[Select[Any]], query: ScreeningQuery, limit: int) -> Select[Any]:
    """One page: each kind walks its own seek index (from the cursor, if any) to the most rows
    the page can need, then those few rows of both kinds are ordered together. Ordering the
    union itself would sort every finding for each page."""
    need = limit if query.after else max(query.offset, 0) + limit
    arms = []
    for branch in branches:
        rows = branch.subquery()
        stmt = select(rows)
        if query.after:
            value, last = cursor.read(query.after, query.sort_key, query.descending)
            seek = tuple_(_key(rows.c, query.sort_key), rows.c.id)
            stmt = stmt.where(seek < (value, last) if query.descending else seek > (value, last))
        arms.append(select(stmt.order_by(*_order(rows, query)).limit(need).subquery()))
    both = union_all(*arms).subquery("page")
    page = select(both).order_by(*_order(both, query)).limit(limit)
    return page if query.after else page.offset(max(query.offset, 0))


def _order(found: Subquery, query: ScreeningQuery) -> tuple[ColumnElement[Any], ...]:
    key = _key(found.c, query.sort_key)
    if query.descending:
        return desc(key), desc(found.c.id)
    return key, found.c.id


def screen(session: Session, actor: Actor, query: ScreeningQuery) -> tuple[list[ScreeningRow], int]:
    """One page of the screening list, and how many rows the whole list has.

    On PostgreSQL a searched page by offset counts in the same statement (a window over the
    rows: the text search, there the dearest condition, runs once). Otherwise the page walks a
    seek index and the count is its own statement: a window makes a page sort the whole list,
    which costs more than SQLite's FTS lookup saves (measured at 10×: 34 ms without, 152 with).
    """
    branches = _branches(session, actor, query)
    found = union_all(*branches).subquery("findings")
    limit = max(1, min(query.limit, MAX_PAGE))
    postgres = session.get_bind().dialect.name == "postgresql"
    if query.search and not query.after and postgres:
        counted = select(found, func.count().over().label("total"))
        page = session.execute(
            counted.order_by(*_order(found, query)).offset(max(query.offset, 0)).limit(limit)
        ).all()
        if page:
            return _named(session, page), int(page[0].total)
    total = session.scalar(select(func.count()).select_from(found)) or 0
    return _named(session, session.execute(_page(branches, query, limit)).all()), total


def _named(session: Session, rows: Sequence[Any]) -> list[ScreeningRow]:
    """The rows as screening rows, with the names of their submissions' entities."""
    ids = {r.submission_id for r in rows if r.submission_id is not None}
    found = session.execute(select(S.id, S.name).where(S.id.in_(ids))) if ids else ()
    names = {number: name for number, name in found}
    return [_row(r, r.name if r.name is not None else names.get(r.submission_id, "")) for r in rows]


def cursor_after(query: ScreeningQuery, rows: list[ScreeningRow]) -> str | None:
    """The cursor that starts the page after `rows` (None when `rows` was the last page)."""
    last = rows[-1] if rows else None
    if last is None or last.finding_id is None or len(rows) < max(1, min(query.limit, MAX_PAGE)):
        return None
    key = KEY_OF.get(query.sort_key)
    value = key(last) if key else getattr(last, query.sort_key)
    return cursor.make(query.sort_key, query.descending, value, last.finding_id)


def all_rows(session: Session, actor: Actor, query: ScreeningQuery) -> list[ScreeningRow]:
    """The whole filtered list (for the Excel export)."""
    found = _found(session, actor, query)
    return _named(session, session.execute(select(found).order_by(*_order(found, query))).all())


def _row(r: Any, name: str) -> ScreeningRow:
    return ScreeningRow(**{c: getattr(r, c) for c in _SHARED}, submission_id=r.submission_id,
                        name=name, finding_id=r.id)  # fmt: skip


FINDING_FILTERS = ("severity", "source", "code", "search")


def risk_ranking(
    session: Session, actor: Actor, query: ScreeningQuery, limit: int = 50
) -> list[EntityRisk]:
    """Entities (per sector) by the tonnes their findings put at stake, then by their errors.

    Without filters on the findings themselves, the ranking adds up the sums each version
    carries (one row per entity-period), the reviewers' and the monitoring findings; else it
    groups the filtered findings."""
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
    found = _found(session, actor, query)
    names = select(S.name).where(S.id == found.c.submission_id).scalar_subquery()
    base = select(found, func.coalesce(found.c.name, names).label("entity")).subquery()
    errors = func.sum(case((base.c.severity == "error", 1), else_=0))
    warnings = func.sum(case((base.c.severity == "warning", 1), else_=0))
    stake = func.sum(case((base.c.severity != "info", base.c.tco2_at_stake), else_=0.0))
    stmt = (
        select(base.c.credit_code, func.max(base.c.entity), func.max(base.c.province),
               base.c.sector, errors, warnings, stake)
        .group_by(base.c.credit_code, base.c.sector)
        .order_by(desc(stake), desc(errors), base.c.credit_code, base.c.sector)
        .limit(max(1, min(limit, MAX_PAGE)))
    )  # fmt: skip
    return [
        EntityRisk(code, name, province, sector, int(e or 0), int(w or 0), float(s or 0.0))
        for code, name, province, sector, e, w, s in session.execute(stmt)
    ]
