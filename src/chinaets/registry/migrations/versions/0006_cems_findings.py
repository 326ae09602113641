"""Findings of monitoring sources (CO2 CEMS) on the screening list: per unit and month, not tied
to a submission, replaced whole when the reconciliation re-runs for a year and unit.

Revision ID: cems_findings
Revises: platform
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "cems_findings"
down_revision = "platform"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TABLE = "platform_monitoring_findings"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("severity", sa.String(8), nullable=False),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("sector", sa.String(40), nullable=False),
        sa.Column("province", sa.String(40), nullable=False),
        sa.Column("credit_code", sa.String(18), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("unit_id", sa.String(80), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=True),
        sa.Column("field", sa.String(120), nullable=False),
        sa.Column("en", sa.Text(), nullable=False),
        sa.Column("zh", sa.Text(), nullable=False),
        sa.Column("tco2_at_stake", sa.Float(), nullable=False),
        sa.Column("reference", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.String(32), nullable=False),
    )
    # the replacement's key (one run of a source for a year and unit), then the screening's
    # default order and its most used filter, as for the submissions' findings
    op.create_index(
        "ix_platform_monitoring_findings_run", TABLE, ["source", "year", "credit_code", "unit_id"]
    )
    op.create_index("ix_platform_monitoring_findings_stake", TABLE, ["tco2_at_stake"])
    op.create_index("ix_platform_monitoring_findings_province", TABLE, ["province", "severity"])


def downgrade() -> None:
    op.drop_table(TABLE)
