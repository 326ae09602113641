"""The write operations on accounts and units, run inside the service's one transaction.

Each handler checks the request (bilingual `InputError` on any problem, before anything is
written), then changes blocks and writes postings through `ledger`. None of them commits.
Surrender, cancellation, carry-over and deduction live in `retirements`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from chinaets.registry import checks, holds, ledger
from chinaets.registry.models import (
    AccountRow,
    ApprovalRow,
    BlockRow,
    FreezeRow,
)
from chinaets.registry.records import (
    ISSUING_KINDS,
    AccountKind,
    AccountState,
    Actor,
    Cancel,
    Deduct,
    ForcedSurrender,
    Freeze,
    Issue,
    IssueKind,
    PostingRecord,
    ReleaseHolds,
    Request,
    Surrender,
    Transfer,
    Unfreeze,
    canonical,
)
from chinaets.registry.serials import SerialRange, UnitClass, UnitKind, format_range

ISSUE_TARGETS = frozenset(
    {AccountKind.HOLDING, AccountKind.PROVINCIAL_ISSUING, AccountKind.MEE_ISSUING}
)
MOVABLE = frozenset({*ISSUING_KINDS, AccountKind.HOLDING, AccountKind.CLEARING})
# the movements of units that four-eyes covers above the threshold (see `needs_approval`)
FOUR_EYES = (Transfer, Cancel, Surrender, ForcedSurrender, Deduct)
FREEZABLE = frozenset({AccountKind.HOLDING, AccountKind.CLEARING, AccountKind.PROVINCIAL_ISSUING})


@dataclass
class Context:
    """What a handler may use: the open session, who asks, the transaction row being written,
    the accounts the request names (already locked), and the registry's settings."""

    session: Session
    actor: Actor
    tx_id: int
    now: str
    accounts: dict[str, AccountRow]
    four_eyes_threshold: int | None = None
    hash_token: Callable[[str], str] | None = None
    exchange_settlement: bool = False  # see `needs_approval`
    hold: bool = False  # a delivery that T+1 holds (see `holds`)


@dataclass
class Outcome:
    postings: list[PostingRecord] = field(default_factory=list)
    detail: dict[str, Any] = field(default_factory=dict)
    status: str = "done"
    secret: str | None = None  # returned to the caller once, never stored


def issue(ctx: Context, req: Issue) -> Outcome:
    checks.positive_quantity(req.quantity)
    issuer = checks.known_account(ctx.accounts, req.issuer, "issuer")
    checks.account_kind(issuer, ISSUING_KINDS, "issuer")
    target = checks.known_account(ctx.accounts, req.account, "account")
    checks.account_kind(target, ISSUE_TARGETS, "account")
    checks.can_receive(target, "account")
    if (req.unit.kind is UnitKind.CCER) != (req.issue_kind is IssueKind.CCER):
        raise checks.problem(
            "issue_kind",
            f"issue kind {req.issue_kind.value} does not fit {req.unit.kind.value} units",
            f"签发类型 {req.issue_kind.value} 与单位种类 {req.unit.kind.value} 不符",
            "use pre_allocation, true_up or top_up for CEA, and ccer for CCER",
            "CEA 请使用 pre_allocation、true_up 或 top_up，CCER 请使用 ccer",
        )
    if req.unit.kind is UnitKind.CCER and issuer.kind != AccountKind.MEE_ISSUING:
        raise checks.problem(
            "issuer",
            "CCER are issued by the MEE account only",
            "CCER 只能由生态环境部账户签发",
            "give issuer MEE",
            "请将签发账户改为 MEE",
        )
    postings = ledger.mint(ctx.session, ctx.tx_id, target.id, req.unit, req.quantity)
    return Outcome(postings, {"issuer": issuer.id, "issue_kind": req.issue_kind.value})


def check_transfer(ctx: Context, req: Transfer) -> None:
    check_transfer_accounts(ctx.accounts, req)
    if not ctx.exchange_settlement:
        holds.check_transfer(ctx.session, req, holds.held(ctx.session, req.source, req.unit))


def check_transfer_accounts(accounts: Mapping[str, checks.AnyAccount], req: Transfer) -> None:
    """The checks of a transfer on the locked accounts it names (both paths share them)."""
    checks.positive_quantity(req.quantity)
    checks.serials_match(req.serials, req.quantity)
    source = checks.known_account(accounts, req.source, "source")
    destination = checks.known_account(accounts, req.destination, "destination")
    checks.account_kind(source, MOVABLE, "source")
    checks.account_kind(destination, MOVABLE, "destination")
    checks.can_send(source, "source")
    checks.can_receive(destination, "destination")
    if source.id == destination.id:
        raise checks.problem(
            "destination",
            "source and destination are the same account",
            "转出与转入账户相同",
            "give a different destination account",
            "请填写其他转入账户",
        )


def transfer(ctx: Context, req: Transfer) -> Outcome:
    check_transfer(ctx, req)
    if ctx.exchange_settlement:
        check_settlement(ctx.accounts, req)
    threshold = ctx.four_eyes_threshold
    postings = ledger.move(
        ctx.session, ctx.tx_id, req.source, req.destination, req.unit, req.quantity, req.serials
    )
    if ctx.hold:
        holds.record(ctx.session, ctx.tx_id, req)
    return Outcome(postings, transfer_detail(req, threshold, ctx.exchange_settlement))


def release_holds(ctx: Context, req: ReleaseHolds) -> Outcome:
    """The exchange closed its trading day: what it delivered may leave the buyers' accounts."""
    clearing = checks.known_account(ctx.accounts, req.account, "account")
    checks.account_kind(clearing, frozenset({AccountKind.CLEARING}), "account")
    released = holds.release(ctx.session, ctx.tx_id, clearing.id)
    return Outcome([], {"account": clearing.id, "holds_released": released})


def transfer_detail(
    req: Transfer, threshold: int | None, exchange_settlement: bool
) -> dict[str, Any]:
    detail = {"source": req.source, "destination": req.destination}
    if threshold is not None and req.quantity > threshold and exchange_settlement:
        detail["four_eyes"] = "exempt: exchange settlement"  # why no second user signed
    return detail


def needs_approval(
    actor: Actor, req: Request, threshold: int | None, exchange_settlement: bool
) -> bool:
    """The four-eyes rule: a movement of units (`FOUR_EYES`) above `threshold` waits for a
    second user of the same organisation, except

    - from the operator console (`system`), which acts on the registry's own authority;
    - exchange settlement: a transfer into or out of an exchange clearing account that the
      exchange records, in its own transaction, as the escrow, release or delivery leg of its
      market (`Registry.execute(..., exchange_settlement=True)`, which only library code can
      set). The trade was matched under the exchange's rules and both parties consented by
      placing their orders, a large block order with a second user's approval (`market.blocks`);
      a second signature per leg would make delivery-versus-payment impossible. Any other
      transfer, including an enterprise's own transfer to a clearing account through the API,
      still needs approval.
    """
    if not isinstance(req, FOUR_EYES) or threshold is None or actor.user_id == "system":
        return False
    return req.quantity > threshold and not exchange_settlement


def check_settlement(accounts: Mapping[str, checks.AnyAccount], req: Transfer) -> None:
    kinds = {accounts[req.source].kind, accounts[req.destination].kind}
    if AccountKind.CLEARING.value not in kinds:
        raise checks.problem(
            "destination",
            "an exchange settlement must move units into or out of a clearing account",
            "交易结算转移必须转入或转出交易机构结算账户",
            "settle through the exchange's clearing account",
            "请通过交易机构的结算账户结算",
        )


def propose(ctx: Context, req: Request, threshold: int) -> Outcome:
    """Four-eyes: record the request as pending until a second user of the org approves (the
    caller has checked it by running it in a savepoint that was rolled back)."""
    row = ApprovalRow(
        tx_id=ctx.tx_id,
        org=ctx.actor.org,
        requested_by=ctx.actor.user_id,
        request=canonical(req.as_json()),
        state="pending",
    )
    ctx.session.add(row)
    ctx.session.flush()
    detail = {"approval_id": row.id, "four_eyes_threshold": threshold}
    return Outcome([], detail, status="pending_approval")


def approved_request(ctx: Context, approval_id: int) -> tuple[ApprovalRow, Request]:
    """The pending request a second user of the organisation approves (not its requester)."""
    row = _pending(ctx, approval_id)
    if row.requested_by == ctx.actor.user_id:
        raise checks.problem(
            "approval_id",
            "the user who asked for a movement cannot also approve it",
            "提出申请的用户不能自行复核",
            "ask a second user of your organisation to approve",
            "请由本单位另一名用户复核",
        )
    from chinaets.registry.parse import parse_request

    data = json.loads(row.request)
    return row, parse_request(data.pop("op"), data)


def reject(ctx: Context, approval_id: int) -> Outcome:
    row = _pending(ctx, approval_id)
    decide(ctx, row, "rejected")
    return Outcome([], {"approval_id": row.id})


def _pending(ctx: Context, approval_id: int) -> ApprovalRow:
    row = ctx.session.get(ApprovalRow, approval_id, with_for_update=True)
    if row is None or row.org != ctx.actor.org:
        raise checks.problem(
            "approval_id",
            f"there is no approval {approval_id} for your organisation",
            f"本单位不存在编号为 {approval_id} 的待复核申请",
            "list pending approvals first",
            "请先查询待复核申请",
        )
    if row.state != "pending":
        raise checks.problem(
            "approval_id",
            f"approval {approval_id} was already {row.state}",
            f"编号 {approval_id} 的申请已处理（{row.state}）",
            "nothing to do",
            "无需再次处理",
        )
    return row


def decide(ctx: Context, row: ApprovalRow, state: str) -> None:
    row.state, row.decided_by, row.decided_tx_id = state, ctx.actor.user_id, ctx.tx_id


def freeze(ctx: Context, req: Freeze) -> Outcome:
    row = checks.known_account(ctx.accounts, req.account, "account")
    checks.account_kind(row, FREEZABLE, "account")
    checks.can_receive(row, "account")
    checks.text(req.order_ref, "order_ref")
    if (req.unit is None) != (req.quantity is None):
        raise checks.problem(
            "quantity",
            "give both unit and quantity to freeze units, or neither to freeze the account",
            "冻结部分单位需同时填写 unit 和 quantity；冻结整个账户则两者都不填",
            "add the missing field or remove the other",
            "请补全或删除相应字段",
        )
    record = FreezeRow(
        account_id=row.id,
        kind=None,
        vintage=None,
        project=None,
        quantity=req.quantity,
        serials="[]",
        order_ref=req.order_ref,
        active=True,
        tx_id=ctx.tx_id,
    )
    ctx.session.add(record)
    ctx.session.flush()
    if req.unit is None or req.quantity is None:
        row.state = AccountState.FROZEN.value
        return Outcome([], {"freeze_id": record.id, "scope": "account"})
    return _freeze_units(ctx, record, req.unit, req.quantity)


def _freeze_units(ctx: Context, record: FreezeRow, unit: UnitClass, quantity: int) -> Outcome:
    """Freeze `quantity` free units (lowest serials first): they move into blocks of their own
    that carry the freeze id, and the freeze records their serials."""
    checks.positive_quantity(quantity)
    record.kind, record.vintage, record.project = unit.kind.value, unit.vintage, unit.project
    ranges = ledger.take(ctx.session, record.account_id, unit, quantity, None)
    ledger.put(ctx.session, record.account_id, unit, ranges, freeze_id=record.id)
    record.serials = canonical([format_range(unit, part) for part in ranges])
    return Outcome(
        [], {"freeze_id": record.id, "scope": "units", "serials": _loads_list(record.serials)}
    )


def _loads_list(text: str) -> list[Any]:
    result: list[Any] = json.loads(text)
    return result


def unfreeze(ctx: Context, req: Unfreeze) -> Outcome:
    checks.text(req.order_ref, "order_ref")
    found = ctx.session.get(FreezeRow, req.freeze_id)
    if found is None or not found.active:
        raise checks.problem(
            "freeze_id",
            f"there is no active freeze {req.freeze_id}",
            f"不存在编号为 {req.freeze_id} 的有效冻结",
            "give the id of an active freeze",
            "请填写有效冻结的编号",
        )
    row = ledger.lock_accounts(ctx.session, [found.account_id])[found.account_id]
    record = ctx.session.get(FreezeRow, req.freeze_id, with_for_update=True, populate_existing=True)
    assert record is not None
    record.active, record.released_tx_id = False, ctx.tx_id
    if record.quantity is None:
        _reopen_if_unfrozen(ctx.session, row)
    else:
        _release_blocks(ctx.session, record)
    return Outcome([], {"freeze_id": record.id, "account": row.id})


def _reopen_if_unfrozen(session: Session, row: AccountRow) -> None:
    session.flush()
    still = select(FreezeRow.id).where(
        FreezeRow.account_id == row.id, FreezeRow.active.is_(True), FreezeRow.quantity.is_(None)
    )
    if session.scalars(still).first() is None:
        row.state = AccountState.OPEN.value


def _release_blocks(session: Session, record: FreezeRow) -> None:
    blocks = list(session.scalars(select(BlockRow).where(BlockRow.freeze_id == record.id)))
    ranges = [SerialRange(b.serial_start, b.serial_end) for b in blocks]
    for block in blocks:
        session.delete(block)
    session.flush()
    if blocks:
        from chinaets.registry.serials import unit_class

        unit = unit_class(blocks[0].kind, blocks[0].vintage, blocks[0].project)
        ledger.put(session, record.account_id, unit, sorted(ranges))
