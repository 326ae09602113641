"""Four-eyes for block escrow: a block quote (大宗协议) that would escrow more allowances than
the registry's four-eyes threshold from an enterprise's account waits for a second user of the
same organisation, as a large registry transfer does.

The exchange's own settlement legs are exempt from the registry's four-eyes rule (a second
signature per leg would make delivery-versus-payment impossible), so the rule is applied one
step earlier, where a user commits the units: posting a block sell quote, or accepting a block
buy quote (which sells). The command is checked when it is asked for (a command that would be
refused is refused at once, not parked) and parked without its time; the approval stamps it
with the server's time and submits it as the approver, checked again against the exchange as
it then is, and marks the approval in the same transaction as the event it becomes. Listed
orders stay exempt: their escrow is the matching engine's, order by order.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, insert, select, update

from chinaets.core.errors import InputError, Location
from chinaets.market.book import BUY, SELL
from chinaets.market.commands import AcceptBlock, Command, PostBlock, command_from_json
from chinaets.market.engine import Outcome
from chinaets.market.service import Market
from chinaets.market.store import BlockApprovalRow
from chinaets.registry import records as r
from chinaets.registry.records import canonical


@dataclass(frozen=True)
class Parked:
    """A block command waiting for a second user (what `request` returns instead of an event)."""

    approval_id: int
    escrow: int
    threshold: int

    def as_json(self) -> dict[str, Any]:
        return {
            "status": "pending_approval",
            "approval_id": self.approval_id,
            "escrow": self.escrow,
            "four_eyes_threshold": self.threshold,
        }


def escrow_of(market: Market, command: Command) -> int:
    """The allowances the command would escrow from the trader's account (0 if none)."""
    if isinstance(command, PostBlock) and command.side == SELL:
        return command.quantity
    if isinstance(command, AcceptBlock):
        with market.view() as exchange:
            quote = exchange.block_quotes.get(command.quote_id)
        return quote.quantity if quote is not None and quote.side == BUY else 0
    return 0


def request(market: Market, command: Command, actor: r.Actor) -> Outcome | Parked:
    """What a user's command does: runs at once, or waits for a second user (module text)."""
    threshold = market.registry.four_eyes_threshold
    if threshold is None or actor.role is not r.Role.ENTERPRISE:
        return market.submit(command, actor)
    escrow = escrow_of(market, command)
    if escrow <= threshold:
        return market.submit(command, actor)
    with market.view() as exchange:
        exchange.check(command)  # refused now, not parked
    body = command.as_json()
    body.pop("ts")
    with market.engine.begin() as conn:
        approval_id = conn.execute(
            insert(BlockApprovalRow)
            .values(
                org=actor.org,
                requested_by=actor.user_id,
                requested_at=command.ts.isoformat(),
                command=canonical(body),
                state="pending",
            )
            .returning(BlockApprovalRow.id)
        ).scalar_one()
    return Parked(int(approval_id), escrow, threshold)


def approve(market: Market, approval_id: int, approver: r.Actor, now: dt.datetime) -> Outcome:
    """A second user of the organisation approves: the command runs now, as the approver."""
    with market.engine.connect() as conn:
        row = _pending(conn, approval_id, approver)
    if row.requested_by == approver.user_id:
        raise _problem(
            "the user who asked for a block quote cannot also approve it",
            "提出大宗协议申报的用户不能自行复核",
            "ask a second user of your organisation to approve",
            "请由本单位另一名用户复核",
        )
    command = command_from_json({**json.loads(row.command), "ts": now.isoformat()})

    def mark(conn: Connection, seq: int) -> None:
        _pending(conn, approval_id, approver)  # still pending: approved once only
        _decide(conn, approval_id, approver, "approved", now, seq)

    return market.submit(command, approver, within=mark)


def reject(market: Market, approval_id: int, approver: r.Actor, now: dt.datetime) -> None:
    with market.engine.begin() as conn:
        _pending(conn, approval_id, approver)
        _decide(conn, approval_id, approver, "rejected", now, None)


def pending(market: Market, actor: r.Actor) -> list[dict[str, Any]]:
    """The block commands of the actor's organisation waiting for approval."""
    query = (
        select(BlockApprovalRow)
        .where(BlockApprovalRow.org == actor.org, BlockApprovalRow.state == "pending")
        .order_by(BlockApprovalRow.id)
    )
    with market.engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        {
            "approval_id": row.id,
            "requested_by": row.requested_by,
            "requested_at": row.requested_at,
            "command": json.loads(row.command),
        }
        for row in rows
    ]


def _pending(conn: Connection, approval_id: int, actor: r.Actor) -> Any:
    query = select(BlockApprovalRow).where(BlockApprovalRow.id == approval_id)
    row = conn.execute(query.with_for_update()).first()
    if row is None or row.org != actor.org or row.state != "pending":
        # the same answer for "none", "not yours" and "already decided": no existence oracle
        raise _problem(
            f"there is no pending block approval {approval_id} for your organisation",
            f"本单位不存在编号为 {approval_id} 的待复核大宗协议申报",
            "list your organisation's pending approvals first",
            "请先查询本单位的待复核申报",
        )
    return row


def _decide(
    conn: Connection,
    approval_id: int,
    actor: r.Actor,
    state: str,
    now: dt.datetime,
    seq: int | None,
) -> None:
    conn.execute(
        update(BlockApprovalRow)
        .where(BlockApprovalRow.id == approval_id)
        .values(state=state, decided_by=actor.user_id, decided_at=now.isoformat(), seq=seq)
    )


def _problem(en: str, zh: str, fix_en: str, fix_zh: str) -> InputError:
    return InputError.one(Location(field="approval_id"), en, zh, fix_en, fix_zh)
