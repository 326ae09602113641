"""Administrative operations: opening and closing accounts, adding users with API tokens.
Run inside the service's one transaction; nothing here commits."""

from __future__ import annotations

import re
import secrets

from sqlalchemy import select

from chinaets.registry import checks, ids
from chinaets.registry.models import AccountRow, BlockRow, TokenRow, UserRow
from chinaets.registry.operations import FREEZABLE, Context, Outcome
from chinaets.registry.records import (
    AccountKind,
    AccountState,
    AddUser,
    CloseAccount,
    OpenAccount,
    Role,
    canonical,
)

USER_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@\-]{0,63}$")


def _identify(req: OpenAccount) -> tuple[str, str | None]:
    """The account id and province of a new account; validates holder and province."""
    if req.kind is AccountKind.HOLDING:
        ids.check_uscc(req.holder, "holder")
        return ids.enterprise_account(req.holder), ids.check_province(
            req.province or "", "province"
        )
    if req.kind is AccountKind.PROVINCIAL_ISSUING:
        ids.check_province(req.holder, "holder")
        return ids.provincial_account(req.holder), req.holder
    if req.kind is AccountKind.CLEARING:
        ids.check_exchange(req.holder, "holder")
        return ids.clearing_account(req.holder), req.province and ids.check_province(req.province)
    raise checks.problem(
        "kind",
        f"{req.kind.value} accounts are created by `registry init`, not opened",
        f"{req.kind.value} 账户由 `registry init` 创建，不能另行开立",
        "open a holding, provincial_issuing or clearing account",
        "请开立 holding、provincial_issuing 或 clearing 类型的账户",
    )


def open_account(ctx: Context, req: OpenAccount) -> Outcome:
    account_id, province = _identify(req)
    checks.text(req.name, "name")
    if ctx.session.get(AccountRow, account_id) is not None:
        raise checks.problem(
            "holder",
            f"account {account_id} already exists",
            f"账户 {account_id} 已存在",
            "each holder has one account of each kind; use the existing one",
            "每个主体每类账户只有一个，请使用已有账户",
        )
    ctx.session.add(
        AccountRow(
            id=account_id,
            kind=req.kind.value,
            holder=req.holder,
            name=req.name,
            province=province,
            state=AccountState.OPEN.value,
            opened_at=ctx.now,
        )
    )
    return Outcome([], {"account": account_id})


def close_account(ctx: Context, req: CloseAccount) -> Outcome:
    row = checks.known_account(ctx.accounts, req.account, "account")
    checks.account_kind(row, FREEZABLE, "account")
    checks.can_send(row, "account")
    if ctx.session.scalars(select(BlockRow.id).where(BlockRow.account_id == row.id)).first():
        raise checks.problem(
            "account",
            f"account {row.id} still holds units",
            f"账户 {row.id} 仍持有单位",
            "transfer or surrender everything it holds first",
            "请先转出或清缴全部持有单位",
        )
    row.state = AccountState.CLOSED.value
    return Outcome([], {"account": row.id})


def add_user(ctx: Context, req: AddUser) -> Outcome:
    """Create a user of a role and org, and one API token (returned once, stored hashed)."""
    if not USER_ID.match(req.user_id):
        raise checks.problem(
            "user_id",
            f"'{req.user_id}' is not a user id",
            f"'{req.user_id}' 不是有效的用户名",
            "use 1-64 letters, digits, '_', '.', '@' or '-'",
            "请使用 1-64 位字母、数字、'_'、'.'、'@' 或 '-'",
        )
    _check_scope(req)
    if ctx.session.get(UserRow, req.user_id) is not None:
        raise checks.problem(
            "user_id",
            f"user {req.user_id} already exists",
            f"用户 {req.user_id} 已存在",
            "choose another user id",
            "请更换用户名",
        )
    assert ctx.hash_token is not None
    token = secrets.token_urlsafe(32)
    ctx.session.add(
        UserRow(
            id=req.user_id,
            org=req.org,
            role=req.role.value,
            scope=canonical(sorted(req.scope)),
            created_at=ctx.now,
        )
    )
    ctx.session.flush()
    ctx.session.add(
        TokenRow(
            token_hash=ctx.hash_token(token), user_id=req.user_id, created_at=ctx.now, revoked=False
        )
    )
    return Outcome(
        [], {"user_id": req.user_id, "role": req.role.value, "org": req.org}, secret=token
    )


def _check_scope(req: AddUser) -> None:
    checks.text(req.org, "org", 40)
    if req.role is Role.OPERATOR:
        raise checks.problem(
            "role",
            "the operator role belongs to the registry console, not to users",
            "operator 角色仅供登记机构控制台使用，不能分配给用户",
            "choose ministry, provincial, enterprise, exchange, verifier or public",
            "请选择 ministry、provincial、enterprise、exchange、verifier 或 public",
        )
    if req.role is Role.PROVINCIAL:
        ids.check_province(req.org, "org")
    elif req.role is Role.ENTERPRISE:
        ids.check_uscc(req.org, "org")
    elif req.role is Role.EXCHANGE:
        ids.check_exchange(req.org, "org")
    for entity in req.scope:
        ids.check_uscc(entity, "scope")
    if req.scope and req.role is not Role.VERIFIER:
        raise checks.problem(
            "scope",
            "only verifiers have a list of assigned entities",
            "只有核查机构需要填写所分配的重点排放单位",
            "leave scope empty for this role",
            "此角色请不要填写 scope",
        )
