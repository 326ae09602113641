"""Initial registry ledger: accounts, serial counters, blocks, transactions, postings,
freezes, surrenders, approvals, users, tokens and the hash-chained audit log.

Revision ID: 0001
Revises:
Create Date: 2026-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

# The audit log is append-only: the database itself refuses UPDATE and DELETE on it.
SQLITE_TRIGGERS = [
    """CREATE TRIGGER registry_audit_no_update BEFORE UPDATE ON registry_audit_log
       BEGIN SELECT RAISE(ABORT, 'registry_audit_log is append-only'); END""",
    """CREATE TRIGGER registry_audit_no_delete BEFORE DELETE ON registry_audit_log
       BEGIN SELECT RAISE(ABORT, 'registry_audit_log is append-only'); END""",
]
PG_TRIGGERS = [
    """CREATE FUNCTION registry_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS
       $$ BEGIN RAISE EXCEPTION 'registry_audit_log is append-only'; END $$""",
    """CREATE TRIGGER registry_audit_append_only BEFORE UPDATE OR DELETE ON registry_audit_log
       FOR EACH ROW EXECUTE FUNCTION registry_audit_append_only()""",
]


def _unit_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("vintage", sa.String(9), nullable=False),
        sa.Column("project", sa.String(40), nullable=False),
    ]


def _ledger_tables() -> None:
    op.create_table(
        "registry_accounts",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("holder", sa.String(40), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("province", sa.String(2), nullable=True),
        sa.Column("state", sa.String(8), nullable=False),
        sa.Column("opened_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_registry_accounts"),
    )
    op.create_table(
        "registry_serial_counters",
        *_unit_columns(),
        sa.Column("next_serial", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "vintage", "project", name="pk_registry_serial_counters"),
    )
    op.create_table(
        "registry_transactions",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("request_id", sa.String(100), nullable=False),
        sa.Column("request_hash", sa.String(64), nullable=False),
        sa.Column("op", sa.String(24), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("request", sa.Text(), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_registry_transactions"),
        sa.UniqueConstraint("request_id", name="uq_registry_transactions_request_id"),
    )


def _tx_fk(column: str, table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ["registry_transactions.id"], name=f"fk_{table}_{column}_registry_transactions"
    )


def _account_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["account_id"], ["registry_accounts.id"], name=f"fk_{table}_account_id_registry_accounts"
    )


def _movement_tables() -> None:
    _freezes()
    _blocks()
    _postings()


def _freezes() -> None:
    op.create_table(
        "registry_freezes",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("account_id", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(8), nullable=True),
        sa.Column("vintage", sa.String(9), nullable=True),
        sa.Column("project", sa.String(40), nullable=True),
        sa.Column("quantity", sa.BigInteger(), nullable=True),
        sa.Column("serials", sa.Text(), nullable=False),
        sa.Column("order_ref", sa.String(200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("tx_id", ID, nullable=False),
        sa.Column("released_tx_id", ID, nullable=True),
        _account_fk("registry_freezes"),
        _tx_fk("tx_id", "registry_freezes"),
        _tx_fk("released_tx_id", "registry_freezes"),
        sa.PrimaryKeyConstraint("id", name="pk_registry_freezes"),
    )


def _blocks() -> None:
    op.create_table(
        "registry_blocks",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("account_id", sa.String(40), nullable=False),
        *_unit_columns(),
        sa.Column("serial_start", sa.BigInteger(), nullable=False),
        sa.Column("serial_end", sa.BigInteger(), nullable=False),
        sa.Column("freeze_id", ID, nullable=True),
        sa.CheckConstraint("serial_end >= serial_start", name="ck_registry_blocks_range"),
        _account_fk("registry_blocks"),
        sa.ForeignKeyConstraint(
            ["freeze_id"],
            ["registry_freezes.id"],
            name="fk_registry_blocks_freeze_id_registry_freezes",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_registry_blocks"),
    )
    op.create_index(
        "ix_registry_blocks_holding",
        "registry_blocks",
        ["account_id", "kind", "vintage", "project", "serial_start"],
    )
    op.create_index(
        "ix_registry_blocks_serial",
        "registry_blocks",
        ["kind", "vintage", "project", "serial_start"],
    )


def _postings() -> None:
    op.create_table(
        "registry_postings",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("tx_id", ID, nullable=False),
        sa.Column("account_id", sa.String(40), nullable=False),
        *_unit_columns(),
        sa.Column("serial_start", sa.BigInteger(), nullable=False),
        sa.Column("serial_end", sa.BigInteger(), nullable=False),
        sa.Column("quantity", sa.BigInteger(), nullable=False),
        _account_fk("registry_postings"),
        _tx_fk("tx_id", "registry_postings"),
        sa.PrimaryKeyConstraint("id", name="pk_registry_postings"),
    )
    op.create_index("ix_registry_postings_account", "registry_postings", ["account_id", "tx_id"])
    op.create_index("ix_registry_postings_tx", "registry_postings", ["tx_id"])


def _compliance_tables() -> None:
    op.create_table(
        "registry_surrenders",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("tx_id", ID, nullable=False),
        sa.Column("entity", sa.String(18), nullable=False),
        sa.Column("compliance_year", sa.Integer(), nullable=False),
        *_unit_columns(),
        sa.Column("quantity", sa.BigInteger(), nullable=False),
        sa.Column("forced", sa.Boolean(), nullable=False),
        _tx_fk("tx_id", "registry_surrenders"),
        sa.PrimaryKeyConstraint("id", name="pk_registry_surrenders"),
    )
    op.create_index(
        "ix_registry_surrenders_obligation", "registry_surrenders", ["entity", "compliance_year"]
    )
    op.create_table(
        "registry_approvals",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("tx_id", ID, nullable=False),
        sa.Column("org", sa.String(40), nullable=False),
        sa.Column("requested_by", sa.String(64), nullable=False),
        sa.Column("request", sa.Text(), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("decided_by", sa.String(64), nullable=True),
        sa.Column("decided_tx_id", ID, nullable=True),
        _tx_fk("tx_id", "registry_approvals"),
        _tx_fk("decided_tx_id", "registry_approvals"),
        sa.PrimaryKeyConstraint("id", name="pk_registry_approvals"),
    )


def _access_and_audit_tables() -> None:
    op.create_table(
        "registry_users",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("org", sa.String(40), nullable=False),
        sa.Column("role", sa.String(12), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_registry_users"),
    )
    op.create_table(
        "registry_tokens",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["registry_users.id"], name="fk_registry_tokens_user_id_registry_users"
        ),
        sa.PrimaryKeyConstraint("token_hash", name="pk_registry_tokens"),
    )
    op.create_table(
        "registry_audit_log",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("ts", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("action", sa.String(24), nullable=False),
        sa.Column("request_id", sa.String(100), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_registry_audit_log"),
    )
    op.create_table(
        "registry_audit_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_registry_audit_head"),
    )


def upgrade() -> None:
    _ledger_tables()
    _movement_tables()
    _compliance_tables()
    _access_and_audit_tables()
    triggers = PG_TRIGGERS if op.get_bind().dialect.name == "postgresql" else SQLITE_TRIGGERS
    for statement in triggers:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS registry_audit_append_only ON registry_audit_log")
        op.execute("DROP FUNCTION IF EXISTS registry_audit_append_only()")
    for table in (
        "registry_audit_head",
        "registry_audit_log",
        "registry_tokens",
        "registry_users",
        "registry_approvals",
        "registry_surrenders",
        "registry_postings",
        "registry_blocks",
        "registry_freezes",
        "registry_transactions",
        "registry_serial_counters",
        "registry_accounts",
    ):
        op.drop_table(table)
