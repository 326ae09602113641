"""Who sees and does what on the platform, with the registry's users and roles.

| role       | sees                                   | does |
|------------|----------------------------------------|------|
| operator   | everything (the CLI with direct database access) | everything |
| ministry   | every submission                       | review anywhere |
| provincial | submissions of entities in its province (org = GB/T 2260 code) | review them |
| verifier   | submissions of its assigned entities (scope) | nothing |
| enterprise | its own submissions (org = its credit code) | submit for itself |
"""

from __future__ import annotations

import json

from sqlalchemy import ColumnElement, SQLColumnExpression, false, true
from sqlalchemy.orm import Session

from chinaets.core.china import PROVINCES
from chinaets.registry.errors import AccessDenied, denied
from chinaets.registry.models import UserRow
from chinaets.registry.records import Actor, Role

REVIEWERS = frozenset({Role.OPERATOR, Role.MINISTRY, Role.PROVINCIAL})
_PROVINCE_BY_CODE = {code: name for name, (_, code) in PROVINCES.items()}


def province_of(actor: Actor) -> str | None:
    """The province (English name, as submissions store it) a provincial user supervises."""
    return _PROVINCE_BY_CODE.get(actor.org) if actor.role is Role.PROVINCIAL else None


def sees(actor: Actor, province: str, credit_code: str) -> bool:
    if actor.role in (Role.OPERATOR, Role.MINISTRY):
        return True
    if actor.role is Role.PROVINCIAL:
        return province_of(actor) == province
    if actor.role is Role.VERIFIER:
        return credit_code in actor.scope
    return actor.role is Role.ENTERPRISE and actor.org == credit_code


def visible(
    actor: Actor, province: SQLColumnExpression[str], code: SQLColumnExpression[str]
) -> ColumnElement[bool]:
    """`sees` as a SQL condition on a table's province and credit-code columns."""
    if actor.role in (Role.OPERATOR, Role.MINISTRY):
        return true()
    if actor.role is Role.PROVINCIAL:
        return province == (province_of(actor) or "")
    if actor.role is Role.VERIFIER:
        return code.in_(sorted(actor.scope)) if actor.scope else false()
    if actor.role is Role.ENTERPRISE:
        return code == actor.org
    return false()


def require_review(actor: Actor, province: str) -> None:
    if actor.role not in REVIEWERS or not sees(actor, province, ""):
        raise denied("review submissions of this province", "审核该省份的提交")


def require_submit(actor: Actor, credit_code: str) -> None:
    if actor.role in (Role.OPERATOR, Role.MINISTRY) or (
        actor.role is Role.ENTERPRISE and actor.org == credit_code
    ):
        return
    raise denied("submit for another entity", "代其他单位提交")


def actor_named(session: Session, user_id: str) -> Actor:
    """A registry user as an actor (for the CLI's `--as`)."""
    row = session.get(UserRow, user_id)
    if row is None:
        raise AccessDenied(
            f"no registry user '{user_id}'",
            f"登记系统中没有用户“{user_id}”",
            "add the user with chinaets registry add-user",
            "请先用 chinaets registry add-user 添加用户",
        )
    return Actor(row.id, Role(row.role), row.org, frozenset(json.loads(row.scope or "[]")))
