"""Operations that take units out of circulation or back to an authority: surrender, forced
surrender, cancellation, carry-over conversion and deduction. Run inside the service's one
transaction; nothing here commits.

Surrendered and cancelled units move to the CANCELLED account and keep their serials there
for ever; a surrender also writes a `registry_surrenders` row against its obligation.

Carry-over (结转, 国环规气候〔2024〕1号 附5) converts N units of vintages 2019-2020 … 2024 into
N units of vintage 2025 in one transaction: the old serials (oldest vintage first, lowest
serials first) are cancelled (moved to CANCELLED) and N fresh 2025 serials are issued to the
same account. Each vintage stays exactly conserved (issued − cancelled = held), and the
account's total is unchanged. How many units may be converted is decided by the compliance
module; the registry records the conversion.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from chinaets.registry import checks, ledger, queries
from chinaets.registry.ids import CANCELLATION_ACCOUNT
from chinaets.registry.models import AccountRow, SurrenderRow
from chinaets.registry.operations import MOVABLE, Context, Outcome
from chinaets.registry.records import (
    ISSUING_KINDS,
    AccountKind,
    Cancel,
    CancelReason,
    CarryOver,
    Deduct,
    ForcedSurrender,
    Obligation,
    PostingRecord,
    Surrender,
)
from chinaets.registry.serials import (
    UnitClass,
    UnitKind,
    unit_class,
)
from chinaets.registry.vintages import carry_over_vintages

FORCED_SOURCES = frozenset({AccountKind.HOLDING, AccountKind.PROVINCIAL_ISSUING})


def _record(
    session: Session,
    tx_id: int,
    obligation: Obligation,
    unit: UnitClass,
    quantity: int,
    forced: bool,
) -> None:
    session.add(
        SurrenderRow(
            tx_id=tx_id,
            entity=obligation.entity,
            compliance_year=obligation.compliance_year,
            kind=unit.kind.value,
            vintage=unit.vintage,
            project=unit.project,
            quantity=quantity,
            forced=forced,
        )
    )


def _retire(ctx: Context, row: AccountRow, unit: UnitClass, quantity: int) -> list[PostingRecord]:
    return ledger.move(ctx.session, ctx.tx_id, row.id, CANCELLATION_ACCOUNT, unit, quantity)


def _obligation_detail(obligation: Obligation) -> dict[str, object]:
    return {"entity": obligation.entity, "compliance_year": obligation.compliance_year}


def surrender(ctx: Context, req: Surrender) -> Outcome:
    """The obliged entity surrenders allowances from its own account."""
    checks.positive_quantity(req.quantity)
    row = checks.known_account(ctx.accounts, req.account, "account")
    checks.obligation_of(row, req.obligation, "account")
    checks.kind_is(req.unit, UnitKind.CEA, "unit", "surrender", "清缴")
    checks.vintage_may_settle(req.unit, req.obligation)
    checks.can_send(row, "account")
    postings = _retire(ctx, row, req.unit, req.quantity)
    _record(ctx.session, ctx.tx_id, req.obligation, req.unit, req.quantity, forced=False)
    return Outcome(postings, {"obligation": _obligation_detail(req.obligation)})


def forced_surrender(ctx: Context, req: ForcedSurrender) -> Outcome:
    """An authority surrenders for an entity: from the entity's account, or from the provincial
    account that received its allowances under differentiated issuance (差异化发放)."""
    checks.positive_quantity(req.quantity)
    checks.text(req.order_ref, "order_ref")
    row = checks.known_account(ctx.accounts, req.account, "account")
    checks.account_kind(row, FORCED_SOURCES, "account")
    if row.kind == AccountKind.HOLDING:
        checks.obligation_of(row, req.obligation, "account")
    else:
        checks.obligation_of(_as_holder(req.obligation), req.obligation, "obligation.entity")
    checks.kind_is(req.unit, UnitKind.CEA, "unit", "surrender", "清缴")
    checks.vintage_may_settle(req.unit, req.obligation)
    checks.can_send(row, "account")
    postings = _retire(ctx, row, req.unit, req.quantity)
    _record(ctx.session, ctx.tx_id, req.obligation, req.unit, req.quantity, forced=True)
    detail = {"obligation": _obligation_detail(req.obligation), "order_ref": req.order_ref}
    return Outcome(postings, detail)


def _as_holder(obligation: Obligation) -> AccountRow:
    """A stand-in holding account of the obliged entity, to reuse the obligation checks."""
    return AccountRow(
        id=f"ENT-{obligation.entity}", kind=AccountKind.HOLDING.value, holder=obligation.entity
    )


def cancel(ctx: Context, req: Cancel) -> Outcome:
    """Voluntary cancellation (reduces the national total), or CCER cancelled for offsetting
    against an obligation (the 5 % cap is the compliance module's decision)."""
    checks.positive_quantity(req.quantity)
    checks.serials_match(req.serials, req.quantity)
    row = checks.known_account(ctx.accounts, req.account, "account")
    checks.account_kind(row, MOVABLE, "account")
    detail: dict[str, object] = {"reason": req.reason.value}
    if req.reason is CancelReason.OFFSETTING:
        checks.kind_is(req.unit, UnitKind.CCER, "unit", "offsetting", "抵销")
        if req.obligation is None:
            raise checks.problem(
                "obligation",
                "offsetting needs the obligation it offsets",
                "抵销需填写所抵销的清缴义务",
                "add obligation {entity, compliance_year}",
                "请补充 obligation {entity, compliance_year}",
            )
        checks.obligation_of(row, req.obligation, "account")
        detail["obligation"] = _obligation_detail(req.obligation)
    checks.can_send(row, "account")
    postings = ledger.move(
        ctx.session, ctx.tx_id, row.id, CANCELLATION_ACCOUNT, req.unit, req.quantity, req.serials
    )
    if req.obligation is not None and req.reason is CancelReason.OFFSETTING:
        _record(ctx.session, ctx.tx_id, req.obligation, req.unit, req.quantity, forced=False)
    return Outcome(postings, detail)


def carry_over(ctx: Context, req: CarryOver) -> Outcome:
    checks.positive_quantity(req.quantity)
    checks.text(req.notice_ref, "notice_ref")
    row = checks.known_account(ctx.accounts, req.account, "account")
    checks.account_kind(row, frozenset({AccountKind.HOLDING}), "account")
    checks.can_send(row, "account")
    plan = _conversion_plan(ctx, row.id, req.quantity)
    postings: list[PostingRecord] = []
    for unit, quantity in plan:
        postings += _retire(ctx, row, unit, quantity)
    target = unit_class("CEA", carry_over_vintages()[1])
    postings += ledger.mint(ctx.session, ctx.tx_id, row.id, target, req.quantity)
    converted = [{"unit": unit.label, "quantity": quantity} for unit, quantity in plan]
    return Outcome(
        postings, {"converted": converted, "into": target.label, "notice_ref": req.notice_ref}
    )


def _conversion_plan(ctx: Context, account_id: str, quantity: int) -> list[tuple[UnitClass, int]]:
    """How many units of each old vintage to convert: oldest vintage first."""
    plan, need = [], quantity
    for vintage in carry_over_vintages()[0]:
        unit = unit_class("CEA", vintage)
        free = queries.free_quantity(ctx.session, account_id, unit)
        if free and need:
            plan.append((unit, min(free, need)))
            need -= min(free, need)
    if need:
        held = quantity - need
        raise checks.problem(
            "quantity",
            f"account {account_id} holds {held} free units of vintages 2019-2020 to 2024; "
            f"{quantity} were asked to convert",
            f"账户 {account_id} 可结转的 2019-2020 至 2024 年度配额只有 {held} 个，申请结转 {quantity} 个",
            "convert at most the free quantity of those vintages",
            "请将结转数量减至上述年度可用配额以内",
        )
    return plan


def deduct(ctx: Context, req: Deduct) -> Outcome:
    """An authority takes units back into an issuing account: over-allocation returned on
    true-up (多退), enforcement findings, earlier unpaid surrender or borrowed (预支) amounts."""
    checks.positive_quantity(req.quantity)
    checks.text(req.reason, "reason")
    row = checks.known_account(ctx.accounts, req.account, "account")
    checks.account_kind(row, frozenset({AccountKind.HOLDING, AccountKind.CLEARING}), "account")
    destination = checks.known_account(ctx.accounts, req.destination, "destination")
    checks.account_kind(destination, ISSUING_KINDS, "destination")
    checks.can_send(row, "account")
    postings = ledger.move(ctx.session, ctx.tx_id, row.id, destination.id, req.unit, req.quantity)
    return Outcome(postings, {"reason": req.reason, "destination": destination.id})
