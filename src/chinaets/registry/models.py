"""SQLAlchemy 2 tables of the registry ledger (the same schema on SQLite and PostgreSQL).

The schema itself is created by the Alembic migrations in `chinaets.registry.migrations`;
these classes describe it for queries, and a test proves the two never drift apart.

Design notes
- Holdings are *blocks*: contiguous serial ranges of one unit class held by one account.
  A serial is in exactly one block; moving part of a block splits it.
- Every write request becomes one row of `registry_transactions` (its client request id is
  unique) and, when units move, balanced rows of `registry_postings` (double entry: the
  postings of a transaction sum to zero for every unit class).
- `SUPPLY` is the contra account of issuance: issuing N units posts −N there and +N to the
  recipient, so its balance is minus everything ever issued. It holds no blocks.
- Free text (request, result, audit payload) is stored as canonical JSON text so that hashes
  computed over it are identical on both databases.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# 64-bit ids on PostgreSQL; INTEGER PRIMARY KEY (the rowid alias) on SQLite so that it autoincrements.
Id = BigInteger().with_variant(Integer(), "sqlite")

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class AccountRow(Base):
    __tablename__ = "registry_accounts"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    kind: Mapped[str] = mapped_column(String(24))
    holder: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    province: Mapped[str | None] = mapped_column(String(2))
    state: Mapped[str] = mapped_column(String(8))
    opened_at: Mapped[str] = mapped_column(String(32))


class SerialCounterRow(Base):
    """Next free serial per unit class; locked by every issuance of that class."""

    __tablename__ = "registry_serial_counters"

    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    vintage: Mapped[str] = mapped_column(String(9), primary_key=True)
    project: Mapped[str] = mapped_column(String(40), primary_key=True)
    next_serial: Mapped[int] = mapped_column(BigInteger)


class BlockRow(Base):
    __tablename__ = "registry_blocks"
    __table_args__ = (
        CheckConstraint("serial_end >= serial_start", name="range"),
        Index(
            "ix_registry_blocks_holding", "account_id", "kind", "vintage", "project", "serial_start"
        ),
        Index("ix_registry_blocks_serial", "kind", "vintage", "project", "serial_start"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("registry_accounts.id"))
    kind: Mapped[str] = mapped_column(String(8))
    vintage: Mapped[str] = mapped_column(String(9))
    project: Mapped[str] = mapped_column(String(40))
    serial_start: Mapped[int] = mapped_column(BigInteger)
    serial_end: Mapped[int] = mapped_column(BigInteger)
    freeze_id: Mapped[int | None] = mapped_column(ForeignKey("registry_freezes.id"))


class TransactionRow(Base):
    __tablename__ = "registry_transactions"

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    request_id: Mapped[str] = mapped_column(String(100), unique=True)  # org/id: `Call.key`
    request_hash: Mapped[str] = mapped_column(String(64))
    op: Mapped[str] = mapped_column(String(24))
    actor: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[str] = mapped_column(String(32))
    request: Mapped[str] = mapped_column(Text)
    result: Mapped[str] = mapped_column(Text)


class PostingRow(Base):
    __tablename__ = "registry_postings"
    __table_args__ = (
        Index("ix_registry_postings_account", "account_id", "tx_id"),
        Index("ix_registry_postings_tx", "tx_id"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    tx_id: Mapped[int] = mapped_column(ForeignKey("registry_transactions.id"))
    account_id: Mapped[str] = mapped_column(ForeignKey("registry_accounts.id"))
    kind: Mapped[str] = mapped_column(String(8))
    vintage: Mapped[str] = mapped_column(String(9))
    project: Mapped[str] = mapped_column(String(40))
    serial_start: Mapped[int] = mapped_column(BigInteger)
    serial_end: Mapped[int] = mapped_column(BigInteger)
    quantity: Mapped[int] = mapped_column(BigInteger)


class FreezeRow(Base):
    """A judicial freeze: of exact serials (quantity set) or of a whole account (quantity NULL)."""

    __tablename__ = "registry_freezes"

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("registry_accounts.id"))
    kind: Mapped[str | None] = mapped_column(String(8))
    vintage: Mapped[str | None] = mapped_column(String(9))
    project: Mapped[str | None] = mapped_column(String(40))
    quantity: Mapped[int | None] = mapped_column(BigInteger)
    serials: Mapped[str] = mapped_column(Text)
    order_ref: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean)
    tx_id: Mapped[int] = mapped_column(ForeignKey("registry_transactions.id"))
    released_tx_id: Mapped[int | None] = mapped_column(ForeignKey("registry_transactions.id"))


class HoldRow(Base):
    """Units the exchange delivered to a buyer on a trading day that is still open: T+1 keeps
    them from leaving the account by a registry transfer until the exchange closes the day."""

    __tablename__ = "registry_holds"
    __table_args__ = (
        Index("ix_registry_holds_account", "account_id", "kind", "vintage", "project"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("registry_accounts.id"))
    clearing_id: Mapped[str] = mapped_column(ForeignKey("registry_accounts.id"))
    kind: Mapped[str] = mapped_column(String(8))
    vintage: Mapped[str] = mapped_column(String(9))
    project: Mapped[str] = mapped_column(String(40))
    quantity: Mapped[int] = mapped_column(BigInteger)
    tx_id: Mapped[int] = mapped_column(ForeignKey("registry_transactions.id"))
    released_tx_id: Mapped[int | None] = mapped_column(ForeignKey("registry_transactions.id"))


class SurrenderRow(Base):
    """Units surrendered (or CCER cancelled for offsetting) against one obligation."""

    __tablename__ = "registry_surrenders"
    __table_args__ = (Index("ix_registry_surrenders_obligation", "entity", "compliance_year"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    tx_id: Mapped[int] = mapped_column(ForeignKey("registry_transactions.id"))
    entity: Mapped[str] = mapped_column(String(18))
    compliance_year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(8))
    vintage: Mapped[str] = mapped_column(String(9))
    project: Mapped[str] = mapped_column(String(40))
    quantity: Mapped[int] = mapped_column(BigInteger)
    forced: Mapped[bool] = mapped_column(Boolean)


class ApprovalRow(Base):
    """A transfer above the four-eyes threshold, waiting for a second user of the same org."""

    __tablename__ = "registry_approvals"

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    tx_id: Mapped[int] = mapped_column(ForeignKey("registry_transactions.id"))
    org: Mapped[str] = mapped_column(String(40))
    requested_by: Mapped[str] = mapped_column(String(64))
    request: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(10))
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_tx_id: Mapped[int | None] = mapped_column(ForeignKey("registry_transactions.id"))


class UserRow(Base):
    __tablename__ = "registry_users"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    org: Mapped[str] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(12))
    scope: Mapped[str] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(String(32))


class TokenRow(Base):
    """API tokens, stored only as HMAC-SHA256(pepper, token)."""

    __tablename__ = "registry_tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("registry_users.id"))
    created_at: Mapped[str] = mapped_column(String(32))
    revoked: Mapped[bool] = mapped_column(Boolean)


class WebSessionRow(Base):
    """A dashboard session (`chinaets.web.sessions`): the SHA-256 of its id, the HMAC of the
    API token it was opened with, its anti-forgery token, and when (Unix seconds)."""

    __tablename__ = "registry_web_sessions"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64))
    csrf: Mapped[str] = mapped_column(String(64))
    opened: Mapped[float] = mapped_column(Float)
    seen: Mapped[float] = mapped_column(Float)


class LoginFailureRow(Base):
    """A failed dashboard log-in from a client address (Unix seconds), for the rate limit."""

    __tablename__ = "registry_login_failures"
    __table_args__ = (Index("ix_registry_login_failures_client", "client", "at"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    client: Mapped[str] = mapped_column(String(64))
    at: Mapped[float] = mapped_column(Float)


class AuditRow(Base):
    __tablename__ = "registry_audit_log"

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    ts: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(24))
    request_id: Mapped[str] = mapped_column(String(100))
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHeadRow(Base):
    """One row: the last sequence number and hash. Locking it orders appends."""

    __tablename__ = "registry_audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(64))
