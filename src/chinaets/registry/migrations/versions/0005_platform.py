"""The national data platform: submissions (immutable versions), their files, content-addressed
blobs, findings, the heads (latest version and review state) and the review events.

Revision ID: platform
Revises: ledger_append_only
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "platform"
down_revision = "ledger_append_only"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

# Written once, read forever: the database refuses UPDATE and DELETE on these tables.
APPEND_ONLY = (
    "platform_submissions",
    "platform_submission_files",
    "platform_findings",
    "platform_review_events",
)


RISK_COLUMNS = [
    "id",
    "credit_code",
    "sector",
    "province",
    "year",
    "errors",
    "warnings",
    "stake_t",
    "name",
]


def _sqlite_triggers(table: str) -> list[str]:
    return [
        f"""CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table}
            BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"""
        for verb in ("UPDATE", "DELETE")
    ]


PG_FUNCTION = """CREATE FUNCTION platform_append_only() RETURNS trigger LANGUAGE plpgsql AS
   $$ BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$"""


def _pg_trigger(table: str) -> str:
    return f"""CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
               FOR EACH ROW EXECUTE FUNCTION platform_append_only()"""


def _submissions() -> None:
    op.create_table(
        "platform_blobs",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("media_type", sa.String(80), nullable=False),
        sa.Column("stored_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "platform_submissions",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("sector", sa.String(40), nullable=False),
        sa.Column("credit_code", sa.String(18), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("province", sa.String(40), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("content_sha256", sa.String(64), nullable=False),
        sa.Column("source_name", sa.String(300), nullable=False),
        sa.Column("submitter", sa.String(64), nullable=False),
        sa.Column("submitted_at", sa.String(32), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("total_t", sa.Float(), nullable=False),
        sa.Column("defaults_t", sa.Float(), nullable=False),
        sa.Column("stake_t", sa.Float(), nullable=False),
        sa.Column("errors", sa.Integer(), nullable=False),
        sa.Column("warnings", sa.Integer(), nullable=False),
    )
    slot = ("kind", "credit_code", "sector", "year", "month")
    op.create_index(
        "ux_platform_submissions_version", "platform_submissions", [*slot, "version"], unique=True
    )
    op.create_index(
        "ux_platform_submissions_content",
        "platform_submissions",
        [*slot, "content_sha256"],
        unique=True,
    )
    op.create_index("ix_platform_submissions_sha", "platform_submissions", ["content_sha256"])
    # covers the risk ranking and the screening's join, so that neither reads the JSON columns
    op.create_index("ix_platform_submissions_risk", "platform_submissions", RISK_COLUMNS)
    op.create_table(
        "platform_submission_files",
        sa.Column("submission_id", ID, sa.ForeignKey("platform_submissions.id"), primary_key=True),
        sa.Column("name", sa.String(300), primary_key=True),
        sa.Column("sha256", sa.String(64), sa.ForeignKey("platform_blobs.sha256"), nullable=False),
        sa.Column("role", sa.String(12), nullable=False),
    )


def _findings_and_review() -> None:
    op.create_table(
        "platform_findings",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("submission_id", ID, sa.ForeignKey("platform_submissions.id"), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("severity", sa.String(8), nullable=False),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("sector", sa.String(40), nullable=False),
        sa.Column("province", sa.String(40), nullable=False),
        sa.Column("credit_code", sa.String(18), nullable=False),
        sa.Column("unit_id", sa.String(80), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=True),
        sa.Column("field", sa.String(120), nullable=False),
        sa.Column("en", sa.Text(), nullable=False),
        sa.Column("zh", sa.Text(), nullable=False),
        sa.Column("tco2_at_stake", sa.Float(), nullable=False),
        sa.Column("reference", sa.Text(), nullable=False),
    )
    op.create_index("ix_platform_findings_submission_id", "platform_findings", ["submission_id"])
    # the screening list's default order, and its two most used filters
    op.create_index("ix_platform_findings_stake", "platform_findings", ["tco2_at_stake"])
    op.create_index("ix_platform_findings_province", "platform_findings", ["province", "severity"])
    op.create_index("ix_platform_findings_entity", "platform_findings", ["credit_code"])
    op.create_index("ix_platform_findings_source", "platform_findings", ["source"])
    op.create_table(
        "platform_heads",
        sa.Column("kind", sa.String(8), primary_key=True),
        sa.Column("credit_code", sa.String(18), primary_key=True),
        sa.Column("sector", sa.String(40), primary_key=True),
        sa.Column("year", sa.Integer(), primary_key=True),
        sa.Column("month", sa.Integer(), primary_key=True),
        sa.Column("submission_id", ID, sa.ForeignKey("platform_submissions.id"), nullable=False),
        sa.Column("province", sa.String(40), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_platform_heads_province", "platform_heads", ["province", "state"])
    op.create_index("ix_platform_heads_submission", "platform_heads", ["submission_id"])
    op.create_table(
        "platform_review_events",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("submission_id", ID, sa.ForeignKey("platform_submissions.id"), nullable=False),
        sa.Column("from_state", sa.String(16), nullable=False),
        sa.Column("to_state", sa.String(16), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("role", sa.String(12), nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("conclusion", sa.Text(), nullable=False),
        sa.Column("verified_on", sa.String(10), nullable=True),
        sa.Column("feedback_due", sa.String(10), nullable=True),
    )
    op.create_index(
        "ix_platform_review_events_submission_id", "platform_review_events", ["submission_id"]
    )


def upgrade() -> None:
    _submissions()
    _findings_and_review()
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_FUNCTION)
        for table in APPEND_ONLY:
            op.execute(_pg_trigger(table))
    else:
        for table in APPEND_ONLY:
            for statement in _sqlite_triggers(table):
                op.execute(statement)


def downgrade() -> None:
    for table in (
        "platform_review_events",
        "platform_heads",
        "platform_findings",
        "platform_submission_files",
        "platform_submissions",
        "platform_blobs",
    ):
        op.drop_table(table)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS platform_append_only()")
