"""Request checks shared by the operations: each raises a bilingual `InputError` naming the
field and the fix, before anything is written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TypeVar

from chinaets.core.errors import InputError, Location
from chinaets.registry.ids import check_uscc
from chinaets.registry.models import AccountRow
from chinaets.registry.records import Account, AccountKind, AccountState, Obligation
from chinaets.registry.serials import SerialRange, UnitClass, UnitKind

MAX_QUANTITY = 10**12
# an account as the ORM loads it, or as the transfer hot path reads it (`records.Account`)
AnyAccount = TypeVar("AnyAccount", AccountRow, Account)


def problem(field: str, en: str, zh: str, fix_en: str, fix_zh: str) -> InputError:
    return InputError.one(Location(field=field), en, zh, fix_en, fix_zh)


def known_account(accounts: Mapping[str, AnyAccount], account_id: str, field: str) -> AnyAccount:
    row = accounts.get(account_id)
    if row is None:
        raise problem(
            field,
            f"there is no account '{account_id}'",
            f"账户 '{account_id}' 不存在",
            "check the account id (MEE, PRV-<province>, ENT-<credit code>, CLR-<exchange>)",
            "请核对账户编号（MEE、PRV-省代码、ENT-统一社会信用代码、CLR-交易机构代码）",
        )
    return row


def account_kind(row: AccountRow | Account, allowed: frozenset[AccountKind], field: str) -> None:
    if AccountKind(row.kind) not in allowed:
        names = ", ".join(sorted(k.value for k in allowed))
        raise problem(
            field,
            f"account {row.id} is a {row.kind} account, which cannot be used here",
            f"账户 {row.id} 的类型为 {row.kind}，不能用于此操作",
            f"use an account of kind: {names}",
            f"请使用以下类型的账户：{names}",
        )


def can_send(row: AccountRow | Account, field: str) -> None:
    """Units may leave only an open account (a judicially frozen account keeps what it holds)."""
    if row.state == AccountState.FROZEN:
        raise problem(
            field,
            f"account {row.id} is judicially frozen; nothing can leave it",
            f"账户 {row.id} 已被司法冻结，任何单位不得转出",
            "wait until the freeze is lifted (registry unfreeze on the court's order)",
            "请待法院解除冻结、登记机构解冻后再办理",
        )
    can_receive(row, field)


def can_receive(row: AccountRow | Account, field: str) -> None:
    if row.state == AccountState.CLOSED:
        raise problem(
            field,
            f"account {row.id} is closed",
            f"账户 {row.id} 已注销",
            "use an open account",
            "请使用状态正常的账户",
        )


def positive_quantity(quantity: int, field: str = "quantity") -> int:
    if (
        isinstance(quantity, bool)
        or not isinstance(quantity, int)
        or not 0 < quantity <= MAX_QUANTITY
    ):
        raise problem(
            field,
            f"quantity must be a whole number of tonnes from 1 to {MAX_QUANTITY}, not {quantity!r}",
            f"数量必须是 1 至 {MAX_QUANTITY} 之间的整数吨，当前为 {quantity!r}",
            "give a positive integer number of units (1 unit = 1 tCO2e)",
            "请填写正整数（1 个单位 = 1 吨二氧化碳当量）",
        )
    return quantity


def serials_match(serials: SerialRange | None, quantity: int) -> None:
    if serials is not None and serials.quantity != quantity:
        raise problem(
            "serials",
            f"the serial range holds {serials.quantity} units but quantity is {quantity}",
            f"序列号区间包含 {serials.quantity} 个单位，但数量为 {quantity}",
            "make quantity equal to the number of serials, or leave serials out",
            "请使数量与序列号个数一致，或不填序列号",
        )


def kind_is(unit: UnitClass, kind: UnitKind, field: str, what_en: str, what_zh: str) -> None:
    if unit.kind is not kind:
        raise problem(
            f"{field}.kind",
            f"{what_en} takes {kind.value} units, not {unit.kind.value}",
            f"{what_zh}只能使用 {kind.value}，不能使用 {unit.kind.value}",
            f"give unit kind {kind.value}",
            f"请将单位种类改为 {kind.value}",
        )


def obligation_of(row: AccountRow, obligation: Obligation, field: str) -> None:
    """The units must come from the obliged entity's own holding account."""
    check_uscc(obligation.entity, "obligation.entity")
    if not 2019 <= obligation.compliance_year <= 2100:
        raise problem(
            "obligation.compliance_year",
            f"{obligation.compliance_year} is not a compliance year",
            f"{obligation.compliance_year} 不是有效的履约年度",
            "give the year of the verified emissions, 2019 or later",
            "请填写核查排放量所属年度（2019 年及以后）",
        )
    if row.kind != AccountKind.HOLDING or row.holder != obligation.entity:
        raise problem(
            field,
            f"account {row.id} is not the holding account of entity {obligation.entity}",
            f"账户 {row.id} 不是重点排放单位 {obligation.entity} 的持有账户",
            f"surrender from ENT-{obligation.entity}; others may transfer units to it first",
            f"请从 ENT-{obligation.entity} 清缴；其他单位可先将配额转入该账户",
        )


def vintage_may_settle(unit: UnitClass, obligation: Obligation) -> None:
    """The vintage may settle the obligation's data year, as the law of allowance units says (`registry.vintages`)
    (usable vintages; 2021–2022 borrowing of the 2023 vintage; 2025 arrears rule)."""
    if unit.kind is not UnitKind.CEA:
        return
    from chinaets.registry.vintages import may_settle

    why = may_settle(unit.first_year(), obligation.compliance_year, dt.date.today())
    if why is not None:
        raise problem(
            "unit.vintage",
            f"vintage {unit.vintage} cannot settle compliance year {obligation.compliance_year} ({why})",
            f"{unit.vintage} 年度配额不能用于 {obligation.compliance_year} 年度清缴",
            "use a vintage that the year's plan allows",
            "请使用该年度方案允许的配额年份",
        )


def text(value: str, field: str, max_length: int = 200) -> str:
    if not value.strip() or len(value) > max_length:
        raise problem(
            field,
            f"{field} must be 1-{max_length} characters",
            f"{field} 必须为 1-{max_length} 个字符",
            f"give the {field} (for example the document number)",
            f"请填写 {field}（例如文书编号）",
        )
    return value
