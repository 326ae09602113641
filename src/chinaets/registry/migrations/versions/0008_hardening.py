"""Settlement holds: units the exchange delivered to a buyer on a trading day that is still
open, which T+1 keeps from leaving the account by a registry transfer until the day closes.
Block quotes above the four-eyes threshold wait for a second user (`market_block_approvals`).
Dashboard sessions and failed log-ins move from one process's memory into the database, so
that several dashboard workers share them. From this revision on, request ids are journalled in the namespace of the caller's
organisation (`Call.key`, `org/id`). Rows written before keep their bare ids: a retry of such a
request after the upgrade is not recognised, so finish retries before upgrading.

Revision ID: hardening
Revises: screening
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "hardening"
down_revision = "screening"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _fk(column: str, target: str) -> sa.ForeignKeyConstraint:
    name = target.split(".")[0]
    return sa.ForeignKeyConstraint([column], [target], name=f"fk_registry_holds_{column}_{name}")


def upgrade() -> None:
    op.create_table(
        "registry_holds",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("account_id", sa.String(40), nullable=False),
        sa.Column("clearing_id", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("vintage", sa.String(9), nullable=False),
        sa.Column("project", sa.String(40), nullable=False),
        sa.Column("quantity", sa.BigInteger(), nullable=False),
        sa.Column("tx_id", ID, nullable=False),
        sa.Column("released_tx_id", ID, nullable=True),
        _fk("account_id", "registry_accounts.id"),
        _fk("clearing_id", "registry_accounts.id"),
        _fk("tx_id", "registry_transactions.id"),
        _fk("released_tx_id", "registry_transactions.id"),
        sa.PrimaryKeyConstraint("id", name="pk_registry_holds"),
    )
    op.create_index(
        "ix_registry_holds_account",
        "registry_holds",
        ["account_id", "kind", "vintage", "project"],
    )

    op.create_table(
        "registry_web_sessions",
        sa.Column("id_hash", sa.String(64), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("opened", sa.Float(), nullable=False),
        sa.Column("seen", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("id_hash", name="pk_registry_web_sessions"),
    )
    op.create_table(
        "registry_login_failures",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("client", sa.String(64), nullable=False),
        sa.Column("at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_registry_login_failures"),
    )
    op.create_index(
        "ix_registry_login_failures_client", "registry_login_failures", ["client", "at"]
    )
    op.create_table(
        "market_block_approvals",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("org", sa.String(40), nullable=False),
        sa.Column("requested_by", sa.String(64), nullable=False),
        sa.Column("requested_at", sa.String(32), nullable=False),
        sa.Column("command", sa.Text(), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("decided_by", sa.String(64), nullable=True),
        sa.Column("decided_at", sa.String(32), nullable=True),
        sa.Column("seq", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("market_block_approvals")
    op.drop_table("registry_login_failures")
    op.drop_table("registry_web_sessions")
    op.drop_table("registry_holds")
