"""Screening at scale: a seek index ``(column, id)`` for each column the screening list sorts by
(keyset paging walks it from the cursor instead of counting rows off), and a text index for its
free-text search: pg_trgm's GIN indexes on PostgreSQL, an FTS5 trigram table on SQLite.

The text index's objects are named ``platform_search…`` (`chinaets.platform.models.TEXT_SEARCH`):
the declarative models cannot describe a GIN operator class or a virtual table, so the test
that the migrations match the models leaves them out, and checks them by name.

Revision ID: screening
Revises: cems_findings
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "screening"
down_revision = "cems_findings"
branch_labels = None
depends_on = None

SEEK = (
    "tco2_at_stake", "credit_code", "province", "sector", "code", "year", "month", "source",
    "unit_id", "field",
)  # fmt: skip
"""The sortable columns (severity sorts by a rank over three values: no index needed)."""
REPLACED = {
    "ix_platform_findings_stake": ["tco2_at_stake"],
    "ix_platform_findings_entity": ["credit_code"],
    "ix_platform_findings_source": ["source"],
}
"""Single-column indexes that a seek index ``(column, id)`` makes redundant."""
SEARCHED = ("en", "zh", "code", "credit_code")

SQLITE_SEARCH = (
    """CREATE VIRTUAL TABLE platform_search USING fts5(
        en, zh, code, credit_code, name, content='', tokenize='trigram')""",
    # findings are append-only: an insert is all the index has to follow
    """CREATE TRIGGER platform_search_add AFTER INSERT ON platform_findings BEGIN
        INSERT INTO platform_search (rowid, en, zh, code, credit_code, name)
        SELECT new.id, new.en, new.zh, new.code, new.credit_code, s.name
        FROM platform_submissions s WHERE s.id = new.submission_id; END""",
    """INSERT INTO platform_search (rowid, en, zh, code, credit_code, name)
        SELECT f.id, f.en, f.zh, f.code, f.credit_code, s.name
        FROM platform_findings f JOIN platform_submissions s ON s.id = f.submission_id""",
)
TRGM_SCHEMA = """SELECT n.nspname FROM pg_extension e
    JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'"""


def _pg_search() -> None:
    bind = op.get_bind()
    # in `public` where it exists, so that no schema of the platform's owns the extension
    public = bind.execute(sa.text("SELECT to_regnamespace('public') IS NOT NULL")).scalar()
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm" + (" WITH SCHEMA public" if public else ""))
    ops = f'"{bind.execute(sa.text(TRGM_SCHEMA)).scalar_one()}".gin_trgm_ops'
    columns = ", ".join(f"{c} {ops}" for c in SEARCHED)
    op.execute(f"CREATE INDEX platform_search_findings ON platform_findings USING gin ({columns})")
    op.execute(f"CREATE INDEX platform_search_names ON platform_submissions USING gin (name {ops})")


def upgrade() -> None:
    for name in REPLACED:
        op.drop_index(name, table_name="platform_findings")
    for column in SEEK:
        op.create_index(f"ix_platform_findings_seek_{column}", "platform_findings", [column, "id"])
    if op.get_bind().dialect.name == "postgresql":
        _pg_search()
    else:
        for statement in SQLITE_SEARCH:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("platform_search_names", table_name="platform_submissions")
        op.drop_index("platform_search_findings", table_name="platform_findings")
    else:
        op.execute("DROP TRIGGER platform_search_add")
        op.execute("DROP TABLE platform_search")
    for column in SEEK:
        op.drop_index(f"ix_platform_findings_seek_{column}", table_name="platform_findings")
    for name, columns in REPLACED.items():
        op.create_index(name, "platform_findings", columns)
