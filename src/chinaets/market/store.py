"""The exchange's own tables, in the registry's database (prefix `market_`).

- `market_events`: the append-only command log (canonical JSON); the exchange's state is its
  replay. Never updated or deleted.
- `market_trades`: every trade, with the registry transaction that delivered its allowances.
- `market_cash_balances` / `market_cash_postings`: the cash ledger in NUMERIC yuan. Accounts are
  `<trader>/available`, `<trader>/reserved` and `BANK` (the contra account of cash paid in and
  out). Every command's postings sum to zero; no balance but BANK's may go negative (a CHECK
  constraint, so a bug cannot overdraw an account even if the engine's checks missed it).

- `market_block_approvals`: block quotes (and acceptances) that would escrow more than the
  four-eyes threshold, parked until a second user of the trader's organisation approves.

- `market_sequence`: one row, the number of the last event. Every command locks it first (in the
  transaction that appends the event), so commands from any number of clients and processes are
  applied one at a time, in one order, and event numbers come from the store.

Money is exact on both databases (see `Money`). The tables are created by the registry's Alembic
chain (revision `exchange_ccer`); these classes are the same schema for queries.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator, TypeEngine


class Money(TypeDecorator[Decimal]):
    """Exact yuan: NUMERIC(20, 2) on PostgreSQL; integer fen on SQLite, whose NUMERIC would
    store binary floats. Values are Decimal in Python on both, and so are SUMs."""

    impl = Numeric(20, 2)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(20, 2, asdecimal=True))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None or dialect.name != "sqlite":
            return value
        return int(Decimal(value) * 100)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if dialect.name == "sqlite":
            return (Decimal(int(value)) / 100).quantize(CENT)
        return Decimal(value).quantize(CENT)


MONEY = Money()
PRICE = Money()
CENT = Decimal("0.01")
Id = BigInteger().with_variant(Integer(), "sqlite")


class MarketBase(DeclarativeBase):
    metadata = MetaData(naming_convention={"ck": "ck_%(table_name)s_%(constraint_name)s"})


class SequenceRow(MarketBase):
    """The single writer's token: the last event number (0 before the first)."""

    __tablename__ = "market_sequence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(BigInteger)


class EventRow(MarketBase):
    __tablename__ = "market_events"

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    ts: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(24))
    actor: Mapped[str] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(Text)


class TradeRow(MarketBase):
    __tablename__ = "market_trades"
    __table_args__ = (Index("ix_market_trades_day", "vintage", "ts"),)

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    ts: Mapped[str] = mapped_column(String(32))
    vintage: Mapped[str] = mapped_column(String(9))
    mode: Mapped[str] = mapped_column(String(8))
    price: Mapped[Decimal] = mapped_column(PRICE)
    quantity: Mapped[int] = mapped_column(BigInteger)
    buyer: Mapped[str] = mapped_column(String(40))
    seller: Mapped[str] = mapped_column(String(40))
    buy_order: Mapped[str] = mapped_column(String(16))
    sell_order: Mapped[str] = mapped_column(String(16))
    registry_tx_id: Mapped[int] = mapped_column(BigInteger)


class BlockApprovalRow(MarketBase):
    """A block command waiting for a second user of the same organisation (`block_approvals`)."""

    __tablename__ = "market_block_approvals"

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    org: Mapped[str] = mapped_column(String(40))
    requested_by: Mapped[str] = mapped_column(String(64))
    requested_at: Mapped[str] = mapped_column(String(32))
    command: Mapped[str] = mapped_column(Text)  # canonical JSON, without its time
    state: Mapped[str] = mapped_column(String(10))
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[str | None] = mapped_column(String(32))
    seq: Mapped[int | None] = mapped_column(BigInteger)  # the event it became, once approved


class CashBalanceRow(MarketBase):
    __tablename__ = "market_cash_balances"
    __table_args__ = (
        CheckConstraint(
            "(account = 'BANK' AND balance <= 0) OR (account <> 'BANK' AND balance >= 0)",
            name="not_negative",
        ),
    )

    account: Mapped[str] = mapped_column(String(60), primary_key=True)
    balance: Mapped[Decimal] = mapped_column(MONEY)


class CashPostingRow(MarketBase):
    __tablename__ = "market_cash_postings"
    __table_args__ = (Index("ix_market_cash_postings_account", "account", "seq"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    account: Mapped[str] = mapped_column(String(60))
    amount: Mapped[Decimal] = mapped_column(MONEY)
    reason: Mapped[str] = mapped_column(String(24))
    ref: Mapped[str] = mapped_column(String(60))
