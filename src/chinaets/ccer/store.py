"""The CCER tables: projects, reduction instalments, documents, comments, lifecycle events,
validation and verification bodies, and the CCER module's record of what it asked the
registry to issue and cancel. Units themselves live only in the registry's ledger.

The tables share the registry's database (SQLite file or PostgreSQL) and its Alembic chain
(revision `exchange_ccer` creates them); `ensure_schema` upgrades the chain and checks the
version recorded in `ccer_schema_version`.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    Engine,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    select,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from chinaets.registry.models import NAMING
from chinaets.registry.store import upgrade

SCHEMA_VERSION = 1
Id = BigInteger().with_variant(Integer(), "sqlite")


class CcerBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class SchemaVersionRow(CcerBase):
    __tablename__ = "ccer_schema_version"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)


class BodyRow(CcerBase):
    """A validation and verification body (审定与核查机构)."""

    __tablename__ = "ccer_bodies"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_zh: Mapped[str] = mapped_column(String(200))
    approved_on: Mapped[dt.date] = mapped_column(Date)
    approval_ref: Mapped[str] = mapped_column(String(200))
    full_time_staff: Mapped[int] = mapped_column(Integer)
    experienced_staff: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ProjectRow(CcerBase):
    __tablename__ = "ccer_projects"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    owner: Mapped[str] = mapped_column(String(40))  # unified social credit code
    owner_name: Mapped[str] = mapped_column(String(200))
    province: Mapped[str | None] = mapped_column(String(2))
    methodology: Mapped[str] = mapped_column(String(40))  # or the technology of a legacy project
    project_type: Mapped[str] = mapped_column(String(10))
    state: Mapped[str] = mapped_column(String(20), index=True)
    legacy: Mapped[bool] = mapped_column(Boolean, default=False)
    external_ref: Mapped[str | None] = mapped_column(String(60))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    capacity_mw: Mapped[float | None] = mapped_column(Float)
    site: Mapped[str] = mapped_column(Text, default="{}")  # canonical JSON of the site facts
    construction_start: Mapped[dt.date | None] = mapped_column(Date)
    crediting_start: Mapped[dt.date | None] = mapped_column(Date)
    crediting_end: Mapped[dt.date | None] = mapped_column(Date)
    expected_annual_t: Mapped[int] = mapped_column(BigInteger, default=0)
    validator: Mapped[str | None] = mapped_column(ForeignKey("ccer_bodies.id"))
    applied_on: Mapped[dt.date | None] = mapped_column(Date)
    notice_start: Mapped[dt.date | None] = mapped_column(Date)
    notice_end: Mapped[dt.date | None] = mapped_column(Date)
    review_due: Mapped[dt.date | None] = mapped_column(Date)
    registered_on: Mapped[dt.date | None] = mapped_column(Date)


class ReductionRow(CcerBase):
    """One instalment: the reductions of one monitoring period, from report to issuance."""

    __tablename__ = "ccer_reductions"
    id: Mapped[str] = mapped_column(String(60), primary_key=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("ccer_projects.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(20), index=True)
    claimed_t: Mapped[int] = mapped_column(BigInteger)
    result: Mapped[str] = mapped_column(Text)  # canonical JSON of the calculation
    verifier: Mapped[str | None] = mapped_column(ForeignKey("ccer_bodies.id"))
    verified_t: Mapped[int | None] = mapped_column(BigInteger)
    notice_start: Mapped[dt.date | None] = mapped_column(Date)
    notice_end: Mapped[dt.date | None] = mapped_column(Date)
    applied_on: Mapped[dt.date | None] = mapped_column(Date)
    review_due: Mapped[dt.date | None] = mapped_column(Date)
    registered_t: Mapped[int | None] = mapped_column(BigInteger)
    registered_on: Mapped[dt.date | None] = mapped_column(Date)
    issued_t: Mapped[int] = mapped_column(BigInteger, default=0)


class DocumentRow(CcerBase):
    __tablename__ = "ccer_documents"
    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("ccer_projects.id"), index=True)
    reduction_id: Mapped[str | None] = mapped_column(ForeignKey("ccer_reductions.id"))
    kind: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(300))
    body_id: Mapped[str | None] = mapped_column(String(40))
    conclusion: Mapped[str | None] = mapped_column(String(20))
    submitted_on: Mapped[dt.date] = mapped_column(Date)


class CommentRow(CcerBase):
    __tablename__ = "ccer_comments"
    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("ccer_projects.id"), index=True)
    reduction_id: Mapped[str | None] = mapped_column(ForeignKey("ccer_reductions.id"))
    author: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    made_on: Mapped[dt.date] = mapped_column(Date)


class EventRow(CcerBase):
    """One lifecycle step taken: which transition, when, by whom, under which article."""

    __tablename__ = "ccer_events"
    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    subject: Mapped[str] = mapped_column(String(10))
    subject_id: Mapped[str] = mapped_column(String(60), index=True)
    action: Mapped[str] = mapped_column(String(40))
    from_state: Mapped[str] = mapped_column(String(20))
    to_state: Mapped[str] = mapped_column(String(20))
    happened_on: Mapped[dt.date] = mapped_column(Date)
    actor: Mapped[str] = mapped_column(String(100))
    legal_source: Mapped[str] = mapped_column(String(300))
    overdue: Mapped[bool] = mapped_column(Boolean, default=False)
    detail: Mapped[str] = mapped_column(Text, default="{}")


class IssuanceRow(CcerBase):
    __tablename__ = "ccer_issuances"
    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    reduction_id: Mapped[str] = mapped_column(ForeignKey("ccer_reductions.id"), index=True)
    project_id: Mapped[str] = mapped_column(String(40), index=True)
    vintage: Mapped[str] = mapped_column(String(4))
    quantity: Mapped[int] = mapped_column(BigInteger)
    account: Mapped[str] = mapped_column(String(40))
    request_id: Mapped[str] = mapped_column(String(100), unique=True)
    registry_tx_id: Mapped[int] = mapped_column(BigInteger)
    serials: Mapped[str] = mapped_column(Text)
    issued_on: Mapped[dt.date] = mapped_column(Date)


class CancellationRow(CcerBase):
    __tablename__ = "ccer_cancellations"
    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    project_id: Mapped[str] = mapped_column(String(40), index=True)
    unit: Mapped[str] = mapped_column(String(80))
    account: Mapped[str] = mapped_column(String(40))
    quantity: Mapped[int] = mapped_column(BigInteger)
    purpose: Mapped[str] = mapped_column(String(30))
    beneficiary: Mapped[str] = mapped_column(String(200))
    entity: Mapped[str | None] = mapped_column(String(40))
    compliance_year: Mapped[int | None] = mapped_column(Integer)
    request_id: Mapped[str] = mapped_column(String(100), unique=True)
    registry_tx_id: Mapped[int] = mapped_column(BigInteger)
    serials: Mapped[str] = mapped_column(Text)
    cancelled_on: Mapped[dt.date] = mapped_column(Date)


def ensure_schema(engine: Engine) -> None:
    """Bring the schema (registry, CCER, exchange) to the chain's head and check the version
    of the CCER tables (idempotent)."""
    upgrade(engine)
    with Session(engine) as session, session.begin():
        row = session.scalars(select(SchemaVersionRow)).first()
        if row is not None and row.version > SCHEMA_VERSION:
            raise RuntimeError(
                f"the CCER tables are version {row.version}, newer than this chinaets "
                f"({SCHEMA_VERSION}); upgrade chinaets / CCER 数据表版本高于本程序，请升级"
            )
