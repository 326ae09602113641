"""Tables of the platform's operational store (created by migration ``0005_platform``).

Submissions, their files and findings, and review events are written once and never updated
(the database refuses UPDATE and DELETE on them); `HeadRow` is the one mutable pointer: the
latest version of each entity's report or deposit and its review state, so that screening
reads one row per entity-period instead of searching the versions.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

ID = BigInteger().with_variant(Integer(), "sqlite")
SEEK = (
    "tco2_at_stake", "credit_code", "province", "sector", "code", "year", "month", "source",
    "unit_id", "field",
)  # fmt: skip
"""The screening list's sortable columns, each with a seek index ``(column, id)``."""
TEXT_SEARCH = "platform_search"
"""The prefix of the screening search's text index objects (migration ``screening``): GIN
indexes on PostgreSQL, an FTS5 table and its trigger on SQLite; no model describes them."""


class PlatformBase(DeclarativeBase):
    pass


class BlobRow(PlatformBase):
    """A file's content, by its SHA-256 (the bytes live on disk under the evidence folder)."""

    __tablename__ = "platform_blobs"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    media_type: Mapped[str] = mapped_column(String(80))
    stored_at: Mapped[str] = mapped_column(String(32))


class SubmissionRow(PlatformBase):
    """One version of an annual report (month 0) or a monthly deposit (month 1–12)."""

    __tablename__ = "platform_submissions"
    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(8))  # report | deposit
    sector: Mapped[str] = mapped_column(String(40))
    credit_code: Mapped[str] = mapped_column(String(18))
    name: Mapped[str] = mapped_column(String(200))
    province: Mapped[str] = mapped_column(String(40))
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer)
    content_sha256: Mapped[str] = mapped_column(String(64))
    source_name: Mapped[str] = mapped_column(String(300))
    submitter: Mapped[str] = mapped_column(String(64))
    submitted_at: Mapped[str] = mapped_column(String(32))
    document: Mapped[str] = mapped_column(Text)
    result: Mapped[str] = mapped_column(Text)
    summary: Mapped[str | None] = mapped_column(Text, nullable=True)
    total_t: Mapped[float] = mapped_column(Float)
    defaults_t: Mapped[float] = mapped_column(Float)
    stake_t: Mapped[float] = mapped_column(Float)
    """Tonnes at stake of the version's error and warning findings (the risk ranking's sum)."""
    errors: Mapped[int] = mapped_column(Integer)
    warnings: Mapped[int] = mapped_column(Integer)
    __table_args__ = (
        Index("ux_platform_submissions_version", "kind", "credit_code", "sector", "year",
              "month", "version", unique=True),
        Index("ux_platform_submissions_content", "kind", "credit_code", "sector", "year",
              "month", "content_sha256", unique=True),
        Index("ix_platform_submissions_sha", "content_sha256"),
        Index("ix_platform_submissions_risk", "id", "credit_code", "sector", "province", "year",
              "errors", "warnings", "stake_t", "name"),
    )  # fmt: skip


class SubmissionFileRow(PlatformBase):
    """A file of a submission: the original report or deposit, or an evidence file."""

    __tablename__ = "platform_submission_files"
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("platform_submissions.id"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(300), primary_key=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("platform_blobs.sha256"))
    role: Mapped[str] = mapped_column(String(12))  # original | evidence


class ScreeningColumns:
    """The columns every kind of finding shares: one row of the screening list."""

    source: Mapped[str] = mapped_column(String(16))
    severity: Mapped[str] = mapped_column(String(8))
    code: Mapped[str] = mapped_column(String(40))
    sector: Mapped[str] = mapped_column(String(40))
    province: Mapped[str] = mapped_column(String(40))
    credit_code: Mapped[str] = mapped_column(String(18))
    unit_id: Mapped[str] = mapped_column(String(80))
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int | None] = mapped_column(Integer, nullable=True)
    field: Mapped[str] = mapped_column(String(120))
    en: Mapped[str] = mapped_column(Text)
    zh: Mapped[str] = mapped_column(Text)
    tco2_at_stake: Mapped[float] = mapped_column(Float)
    reference: Mapped[str] = mapped_column(Text)


class FindingRow(ScreeningColumns, PlatformBase):
    """A finding about a submission, with the screening row's columns."""

    __tablename__ = "platform_findings"
    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("platform_submissions.id"), index=True)
    __table_args__ = (
        Index("ix_platform_findings_province", "province", "severity"),
        *(Index(f"ix_platform_findings_seek_{c}", c, "id") for c in SEEK),
    )


class MonitoringFindingRow(ScreeningColumns, PlatformBase):
    """A finding of a monitoring source (CO2 CEMS) about a unit and month, with the screening
    row's columns; not tied to a submission. Unlike a submission's findings these are replaced
    whole when the source re-runs for a year and unit (`platform.monitoring`)."""

    __tablename__ = "platform_monitoring_findings"
    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[str] = mapped_column(String(32))
    __table_args__ = (
        Index("ix_platform_monitoring_findings_run", "source", "year", "credit_code", "unit_id"),
        Index("ix_platform_monitoring_findings_stake", "tco2_at_stake"),
        Index("ix_platform_monitoring_findings_province", "province", "severity"),
    )


class HeadRow(PlatformBase):
    """The latest version of one entity's report or deposit for one period, and its state."""

    __tablename__ = "platform_heads"
    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    credit_code: Mapped[str] = mapped_column(String(18), primary_key=True)
    sector: Mapped[str] = mapped_column(String(40), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("platform_submissions.id"))
    province: Mapped[str] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(16))
    updated_at: Mapped[str] = mapped_column(String(32))
    __table_args__ = (
        Index("ix_platform_heads_province", "province", "state"),
        Index("ix_platform_heads_submission", "submission_id"),
    )


class ReviewEventRow(PlatformBase):
    """One transition of the review workflow: who moved which version from what to what, when."""

    __tablename__ = "platform_review_events"
    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("platform_submissions.id"), index=True)
    from_state: Mapped[str] = mapped_column(String(16))
    to_state: Mapped[str] = mapped_column(String(16))
    actor: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(12))
    at: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text)
    conclusion: Mapped[str] = mapped_column(Text)
    verified_on: Mapped[str | None] = mapped_column(String(10), nullable=True)
    feedback_due: Mapped[str | None] = mapped_column(String(10), nullable=True)
