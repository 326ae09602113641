"""The exchange (`market_*`) and CCER (`ccer_*`) tables join the registry's Alembic chain.

Before this revision both were made with `metadata.create_all`; a database made that way keeps
its tables (each is created here only when missing) and gets `market_sequence`, the exchange's
single-writer row, seeded with the number of its last event.

Revision ID: exchange_ccer
Revises: 0001
Create Date: 2026-12-04
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "exchange_ccer"
down_revision = "0001"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
# exact yuan: NUMERIC(20, 2) on PostgreSQL, integer fen on SQLite (see market.store.Money)
MONEY = sa.Numeric(20, 2).with_variant(sa.BigInteger(), "sqlite")
_EXISTING: set[str] = set()


def _table(name: str, *columns: Any) -> None:
    if name not in _EXISTING:
        op.create_table(name, *columns)


def _index(name: str, table: str, columns: list[str], unique: bool = False) -> None:
    if table not in _EXISTING:
        op.create_index(name, table, columns, unique=unique)


def upgrade() -> None:
    _EXISTING.clear()
    _EXISTING.update(sa.inspect(op.get_bind()).get_table_names())
    _ccer_tables()
    _market_tables()
    op.execute(
        "INSERT INTO market_sequence (id, seq) "
        "SELECT 1, COALESCE(MAX(seq), 0) FROM market_events "
        "WHERE NOT EXISTS (SELECT 1 FROM market_sequence)"
    )
    op.execute(
        "INSERT INTO ccer_schema_version (id, version) SELECT 1, 1 "
        "WHERE NOT EXISTS (SELECT 1 FROM ccer_schema_version)"
    )


def downgrade() -> None:
    for name in reversed(TABLES):
        op.drop_table(name)


def _ccer_tables() -> None:
    _table(
        "ccer_bodies",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_zh", sa.String(length=200), nullable=False),
        sa.Column("approved_on", sa.Date(), nullable=False),
        sa.Column("approval_ref", sa.String(length=200), nullable=False),
        sa.Column("full_time_staff", sa.Integer(), nullable=False),
        sa.Column("experienced_staff", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ccer_bodies")),
    )
    _table(
        "ccer_cancellations",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("project_id", sa.String(length=40), nullable=False),
        sa.Column("unit", sa.String(length=80), nullable=False),
        sa.Column("account", sa.String(length=40), nullable=False),
        sa.Column("quantity", sa.BigInteger(), nullable=False),
        sa.Column("purpose", sa.String(length=30), nullable=False),
        sa.Column("beneficiary", sa.String(length=200), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=True),
        sa.Column("compliance_year", sa.Integer(), nullable=True),
        sa.Column("request_id", sa.String(length=100), nullable=False),
        sa.Column("registry_tx_id", sa.BigInteger(), nullable=False),
        sa.Column("serials", sa.Text(), nullable=False),
        sa.Column("cancelled_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ccer_cancellations")),
        sa.UniqueConstraint("request_id", name=op.f("uq_ccer_cancellations_request_id")),
    )
    _index(
        op.f("ix_ccer_cancellations_project_id"), "ccer_cancellations", ["project_id"], unique=False
    )
    _table(
        "ccer_events",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("subject", sa.String(length=10), nullable=False),
        sa.Column("subject_id", sa.String(length=60), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("from_state", sa.String(length=20), nullable=False),
        sa.Column("to_state", sa.String(length=20), nullable=False),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("legal_source", sa.String(length=300), nullable=False),
        sa.Column("overdue", sa.Boolean(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ccer_events")),
    )
    _index(op.f("ix_ccer_events_subject_id"), "ccer_events", ["subject_id"], unique=False)
    _table(
        "ccer_schema_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ccer_schema_version")),
    )
    _table(
        "ccer_projects",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("owner", sa.String(length=40), nullable=False),
        sa.Column("owner_name", sa.String(length=200), nullable=False),
        sa.Column("province", sa.String(length=2), nullable=True),
        sa.Column("methodology", sa.String(length=40), nullable=False),
        sa.Column("project_type", sa.String(length=10), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("legacy", sa.Boolean(), nullable=False),
        sa.Column("external_ref", sa.String(length=60), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("capacity_mw", sa.Float(), nullable=True),
        sa.Column("site", sa.Text(), nullable=False),
        sa.Column("construction_start", sa.Date(), nullable=True),
        sa.Column("crediting_start", sa.Date(), nullable=True),
        sa.Column("crediting_end", sa.Date(), nullable=True),
        sa.Column("expected_annual_t", sa.BigInteger(), nullable=False),
        sa.Column("validator", sa.String(length=40), nullable=True),
        sa.Column("applied_on", sa.Date(), nullable=True),
        sa.Column("notice_start", sa.Date(), nullable=True),
        sa.Column("notice_end", sa.Date(), nullable=True),
        sa.Column("review_due", sa.Date(), nullable=True),
        sa.Column("registered_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["validator"], ["ccer_bodies.id"], name=op.f("fk_ccer_projects_validator_ccer_bodies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ccer_projects")),
    )
    _index(op.f("ix_ccer_projects_state"), "ccer_projects", ["state"], unique=False)
    _table(
        "ccer_reductions",
        sa.Column("id", sa.String(length=60), nullable=False),
        sa.Column("project_id", sa.String(length=40), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("claimed_t", sa.BigInteger(), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("verifier", sa.String(length=40), nullable=True),
        sa.Column("verified_t", sa.BigInteger(), nullable=True),
        sa.Column("notice_start", sa.Date(), nullable=True),
        sa.Column("notice_end", sa.Date(), nullable=True),
        sa.Column("applied_on", sa.Date(), nullable=True),
        sa.Column("review_due", sa.Date(), nullable=True),
        sa.Column("registered_t", sa.BigInteger(), nullable=True),
        sa.Column("registered_on", sa.Date(), nullable=True),
        sa.Column("issued_t", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["ccer_projects.id"],
            name=op.f("fk_ccer_reductions_project_id_ccer_projects"),
        ),
        sa.ForeignKeyConstraint(
            ["verifier"], ["ccer_bodies.id"], name=op.f("fk_ccer_reductions_verifier_ccer_bodies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ccer_reductions")),
    )
    _index(op.f("ix_ccer_reductions_project_id"), "ccer_reductions", ["project_id"], unique=False)
    _index(op.f("ix_ccer_reductions_state"), "ccer_reductions", ["state"], unique=False)
    _table(
        "ccer_comments",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("project_id", sa.String(length=40), nullable=False),
        sa.Column("reduction_id", sa.String(length=60), nullable=True),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("made_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["ccer_projects.id"],
            name=op.f("fk_ccer_comments_project_id_ccer_projects"),
        ),
        sa.ForeignKeyConstraint(
            ["reduction_id"],
            ["ccer_reductions.id"],
            name=op.f("fk_ccer_comments_reduction_id_ccer_reductions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ccer_comments")),
    )
    _index(op.f("ix_ccer_comments_project_id"), "ccer_comments", ["project_id"], unique=False)
    _table(
        "ccer_documents",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("project_id", sa.String(length=40), nullable=False),
        sa.Column("reduction_id", sa.String(length=60), nullable=True),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("body_id", sa.String(length=40), nullable=True),
        sa.Column("conclusion", sa.String(length=20), nullable=True),
        sa.Column("submitted_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["ccer_projects.id"],
            name=op.f("fk_ccer_documents_project_id_ccer_projects"),
        ),
        sa.ForeignKeyConstraint(
            ["reduction_id"],
            ["ccer_reductions.id"],
            name=op.f("fk_ccer_documents_reduction_id_ccer_reductions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ccer_documents")),
    )
    _index(op.f("ix_ccer_documents_project_id"), "ccer_documents", ["project_id"], unique=False)
    _table(
        "ccer_issuances",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("reduction_id", sa.String(length=60), nullable=False),
        sa.Column("project_id", sa.String(length=40), nullable=False),
        sa.Column("vintage", sa.String(length=4), nullable=False),
        sa.Column("quantity", sa.BigInteger(), nullable=False),
        sa.Column("account", sa.String(length=40), nullable=False),
        sa.Column("request_id", sa.String(length=100), nullable=False),
        sa.Column("registry_tx_id", sa.BigInteger(), nullable=False),
        sa.Column("serials", sa.Text(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["reduction_id"],
            ["ccer_reductions.id"],
            name=op.f("fk_ccer_issuances_reduction_id_ccer_reductions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ccer_issuances")),
        sa.UniqueConstraint("request_id", name=op.f("uq_ccer_issuances_request_id")),
    )
    _index(op.f("ix_ccer_issuances_project_id"), "ccer_issuances", ["project_id"], unique=False)
    _index(op.f("ix_ccer_issuances_reduction_id"), "ccer_issuances", ["reduction_id"], unique=False)


def _market_tables() -> None:
    _table(
        "market_cash_balances",
        sa.Column("account", sa.String(length=60), nullable=False),
        sa.Column("balance", MONEY, nullable=False),
        sa.CheckConstraint(
            "(account = 'BANK' AND balance <= 0) OR (account <> 'BANK' AND balance >= 0)",
            name=op.f("ck_market_cash_balances_not_negative"),
        ),
        sa.PrimaryKeyConstraint("account"),
    )
    _table(
        "market_cash_postings",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("account", sa.String(length=60), nullable=False),
        sa.Column("amount", MONEY, nullable=False),
        sa.Column("reason", sa.String(length=24), nullable=False),
        sa.Column("ref", sa.String(length=60), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    _index(
        "ix_market_cash_postings_account", "market_cash_postings", ["account", "seq"], unique=False
    )
    _table(
        "market_events",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("ts", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
    )
    _table(
        "market_sequence",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    _table(
        "market_trades",
        sa.Column("id", sa.String(length=16), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("ts", sa.String(length=32), nullable=False),
        sa.Column("vintage", sa.String(length=9), nullable=False),
        sa.Column("mode", sa.String(length=8), nullable=False),
        sa.Column("price", MONEY, nullable=False),
        sa.Column("quantity", sa.BigInteger(), nullable=False),
        sa.Column("buyer", sa.String(length=40), nullable=False),
        sa.Column("seller", sa.String(length=40), nullable=False),
        sa.Column("buy_order", sa.String(length=16), nullable=False),
        sa.Column("sell_order", sa.String(length=16), nullable=False),
        sa.Column("registry_tx_id", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    _index("ix_market_trades_day", "market_trades", ["vintage", "ts"], unique=False)


TABLES = [
    "ccer_bodies",
    "ccer_cancellations",
    "ccer_events",
    "ccer_schema_version",
    "market_cash_balances",
    "market_cash_postings",
    "market_events",
    "market_sequence",
    "market_trades",
    "ccer_projects",
    "ccer_reductions",
    "ccer_comments",
    "ccer_documents",
    "ccer_issuances",
]
