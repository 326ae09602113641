"""Reads: accounts, holdings by vintage, transaction history, national totals, surrenders.
Every read that names an account checks that the actor's role may see it."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from chinaets.core.errors import InputError, Location
from chinaets.registry import access, ledger
from chinaets.registry.ids import CANCELLATION_ACCOUNT, SUPPLY_ACCOUNT
from chinaets.registry.models import (
    AccountRow,
    ApprovalRow,
    BlockRow,
    PostingRow,
    SurrenderRow,
    TransactionRow,
)
from chinaets.registry.records import Account, Actor, Role
from chinaets.registry.serials import SerialRange, UnitClass, format_range, unit_class


@dataclass(frozen=True)
class Holding:
    """What an account holds of one unit class: free and frozen units, and the blocks."""

    unit: str
    kind: str
    vintage: str
    project: str
    free: int
    frozen: int
    blocks: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "blocks": list(self.blocks)}


@dataclass(frozen=True)
class HistoryLine:
    tx_id: int
    created_at: str
    op: str
    request_id: str
    unit: str
    serials: str
    quantity: int

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class UnitTotals:
    """National totals of one unit class (public statistics)."""

    unit: str
    issued: int
    cancelled: int
    outstanding: int
    frozen: int

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def _unit(kind: str, vintage: str, project: str) -> UnitClass:
    return unit_class(kind, vintage, project)


def readable_accounts(session: Session, actor: Actor) -> list[Account]:
    rows = session.scalars(select(AccountRow).order_by(AccountRow.id))
    return [a for a in map(ledger.to_account, rows) if access.can_read(actor, a)]


def account(session: Session, actor: Actor, account_id: str) -> Account:
    row = session.get(AccountRow, account_id)
    if row is None:
        access.require_ministry(actor, f"see account {account_id}", f"查看账户 {account_id}")
        raise InputError.one(
            Location(field="account"),
            f"there is no account '{account_id}'",
            f"账户 '{account_id}' 不存在",
            "check the account id",
            "请核对账户编号",
        )
    found = ledger.to_account(row)
    access.require_read(actor, found)
    return found


def holdings(session: Session, actor: Actor, account_id: str) -> list[Holding]:
    account(session, actor, account_id)
    query = (
        select(BlockRow)
        .where(BlockRow.account_id == account_id)
        .order_by(BlockRow.kind, BlockRow.project, BlockRow.vintage, BlockRow.serial_start)
    )
    grouped: dict[tuple[str, str, str], list[BlockRow]] = defaultdict(list)
    for block in session.scalars(query):
        grouped[(block.kind, block.vintage, block.project)].append(block)
    result = []
    for (kind, vintage, project), blocks in grouped.items():
        unit = _unit(kind, vintage, project)
        frozen = sum(b.serial_end - b.serial_start + 1 for b in blocks if b.freeze_id is not None)
        total = sum(b.serial_end - b.serial_start + 1 for b in blocks)
        ranges = tuple(
            format_range(unit, SerialRange(b.serial_start, b.serial_end)) for b in blocks
        )
        result.append(Holding(unit.label, kind, vintage, project, total - frozen, frozen, ranges))
    return result


def free_quantity(reader: Session | Connection, account_id: str, unit: UnitClass) -> int:
    """Free (unfrozen) units of `unit` in the account, by one SUM over its blocks; 0 for an
    account that holds none or does not exist. No role check: for library callers (the
    exchange backing an order) that have already decided who may ask."""
    size = BlockRow.serial_end - BlockRow.serial_start + 1
    query = select(func.coalesce(func.sum(size), 0)).where(
        BlockRow.account_id == account_id,
        BlockRow.kind == unit.kind.value,
        BlockRow.vintage == unit.vintage,
        BlockRow.project == unit.project,
        BlockRow.freeze_id.is_(None),
    )
    return int(reader.execute(query).scalar_one())


def history(
    session: Session, actor: Actor, account_id: str, limit: int = 1000
) -> list[HistoryLine]:
    account(session, actor, account_id)
    query = (
        select(PostingRow, TransactionRow)
        .join(TransactionRow, TransactionRow.id == PostingRow.tx_id)
        .where(PostingRow.account_id == account_id)
        .order_by(PostingRow.tx_id.desc(), PostingRow.id.desc())
        .limit(limit)
    )
    lines = []
    sees_all = actor.role in {Role.OPERATOR, Role.MINISTRY}
    for posting, tx in session.execute(query):
        unit = _unit(posting.kind, posting.vintage, posting.project)
        serials = format_range(unit, SerialRange(posting.serial_start, posting.serial_end))
        # a credit's request id is the sender's own reference: not the receiver's to see
        # the caller's own id, without its organisation's namespace (`Call.key`)
        own_id = tx.request_id.split("/", 1)[-1]
        request_id = own_id if sees_all or posting.quantity < 0 else ""
        lines.append(
            HistoryLine(
                tx.id, tx.created_at, tx.op, request_id, unit.label, serials, posting.quantity
            )
        )
    return lines


def totals(session: Session) -> list[UnitTotals]:
    """Issued, cancelled, outstanding and frozen units per class — open to every role."""
    key = (PostingRow.kind, PostingRow.vintage, PostingRow.project)
    posted = (
        select(*key, PostingRow.account_id, func.sum(PostingRow.quantity))
        .where(PostingRow.account_id.in_([SUPPLY_ACCOUNT, CANCELLATION_ACCOUNT]))
        .group_by(*key, PostingRow.account_id)
    )
    issued: dict[tuple[str, str, str], int] = defaultdict(int)
    cancelled: dict[tuple[str, str, str], int] = defaultdict(int)
    for kind, vintage, project, account_id, amount in session.execute(posted):
        target = issued if account_id == SUPPLY_ACCOUNT else cancelled
        target[(kind, vintage, project)] += -int(amount) if target is issued else int(amount)
    size = BlockRow.serial_end - BlockRow.serial_start + 1
    frozen_q = (
        select(BlockRow.kind, BlockRow.vintage, BlockRow.project, func.sum(size))
        .where(BlockRow.freeze_id.is_not(None))
        .group_by(BlockRow.kind, BlockRow.vintage, BlockRow.project)
    )
    frozen = {(k, v, p): int(n) for k, v, p, n in session.execute(frozen_q)}
    result = []
    for k in sorted(issued):
        label = _unit(*k).label
        result.append(
            UnitTotals(label, issued[k], cancelled[k], issued[k] - cancelled[k], frozen.get(k, 0))
        )
    return result


def surrendered(session: Session, entity: str, compliance_year: int) -> dict[str, int]:
    """Units surrendered (and CCER cancelled for offsetting) per class against one obligation."""
    query = (
        select(
            SurrenderRow.kind,
            SurrenderRow.vintage,
            SurrenderRow.project,
            func.sum(SurrenderRow.quantity),
        )
        .where(SurrenderRow.entity == entity, SurrenderRow.compliance_year == compliance_year)
        .group_by(SurrenderRow.kind, SurrenderRow.vintage, SurrenderRow.project)
    )
    return {_unit(k, v, p).label: int(n) for k, v, p, n in session.execute(query)}


def pending_approvals(session: Session, actor: Actor) -> list[dict[str, Any]]:
    query = select(ApprovalRow).where(ApprovalRow.org == actor.org, ApprovalRow.state == "pending")
    return [
        {
            "approval_id": row.id,
            "requested_by": row.requested_by,
            "request": json.loads(row.request),
        }
        for row in session.scalars(query.order_by(ApprovalRow.id))
    ]
