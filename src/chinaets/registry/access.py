"""Who may see and do what.

| role       | organisation (org)       | reads                                   | writes |
|------------|--------------------------|-----------------------------------------|--------|
| operator   | the registry institution | everything                              | everything (the `chinaets registry` console; never an API user) |
| ministry   | MEE                      | every account                           | issue (MEE or any provincial account), transfer from issuing accounts, freeze/unfreeze, forced surrender, carry-over, deduction, open/close accounts, add users |
| provincial | province code, e.g. 42   | accounts in its province                | issue CEA from its PRV account to accounts in its province, transfer from its PRV account, forced surrender, carry-over and deduction in its province, open/close holding accounts there |
| enterprise | its credit code          | its own holding account                 | transfer, surrender, cancel from its own account |
| exchange   | exchange code, e.g. SEEE | its own clearing account                | transfer and cancel from its clearing account |
| verifier   | the verification body    | holding accounts of assigned entities   | nothing |
| public     | —                        | aggregate statistics only               | nothing |

Four-eyes: a transfer, cancellation, surrender, forced surrender or deduction above the
configured size by a user (not the operator console) waits for approval by a second user of the
same organisation. API tokens are random (256 bits) and stored
only as HMAC-SHA256 under a server secret (the "pepper"), so a copy of the database does not
reveal or let anyone check tokens.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from chinaets.registry import records as r
from chinaets.registry.errors import denied
from chinaets.registry.models import TokenRow, UserRow
from chinaets.registry.records import ISSUING_KINDS, Account, AccountKind, Actor, Role

AUTHORITIES = frozenset({Role.MINISTRY, Role.PROVINCIAL})


def can_read(actor: Actor, account: Account) -> bool:
    if actor.role in {Role.MINISTRY, Role.OPERATOR}:
        return True
    if actor.role is Role.PROVINCIAL:
        return account.province == actor.org
    if actor.role is Role.VERIFIER:
        return account.kind is AccountKind.HOLDING and account.holder in actor.scope
    return operates(actor, account)


def operates(actor: Actor, account: Account) -> bool:
    """May the actor send units out of this account as its holder?"""
    if actor.role is Role.MINISTRY:
        return account.kind in ISSUING_KINDS
    if actor.role is Role.PROVINCIAL:
        return account.kind is AccountKind.PROVINCIAL_ISSUING and account.holder == actor.org
    if actor.role is Role.ENTERPRISE:
        return account.kind is AccountKind.HOLDING and account.holder == actor.org
    if actor.role is Role.EXCHANGE:
        return account.kind is AccountKind.CLEARING and account.holder == actor.org
    return False


def supervises(actor: Actor, account: Account) -> bool:
    """Is the actor the authority over this account (enforcement, opening and closing)?"""
    if actor.role is Role.MINISTRY:
        return True
    return actor.role is Role.PROVINCIAL and account.province == actor.org


def _rule(actor: Actor, request: r.Request, accounts: Mapping[str, Account]) -> bool:
    """The permission rule of each operation (accounts named by the request are in `accounts`)."""
    get = accounts.get
    match request:
        case r.Issue(issuer=issuer, account=recipient, unit=unit):
            src, dst = get(issuer), get(recipient)
            ok = src is not None and dst is not None and operates(actor, src)
            if actor.role is Role.PROVINCIAL:
                ok = (
                    ok
                    and dst is not None
                    and dst.province == actor.org
                    and unit.kind.value == "CEA"
                )
            return ok
        case r.Transfer(source=source) | r.Cancel(account=source):
            return _all(actor, operates, get(source))
        case r.Surrender(account=source):
            return actor.role is Role.ENTERPRISE and _all(actor, operates, get(source))
        case r.Freeze() | r.Unfreeze() | r.AddUser():
            return actor.role is Role.MINISTRY
        case r.ForcedSurrender(account=source) | r.CarryOver(account=source):
            return _all(actor, supervises, get(source))
        case r.Deduct(account=source, destination=destination):
            return _all(actor, supervises, get(source)) and _all(actor, operates, get(destination))
        case r.OpenAccount(kind=kind, province=province, holder=holder):
            # a credit code's characters 3-4 are the province of its registration
            return actor.role is Role.MINISTRY or (
                actor.role is Role.PROVINCIAL
                and kind is AccountKind.HOLDING
                and province == actor.org
                and holder[2:4] == actor.org
            )
        case r.CloseAccount(account=closing):
            target = get(closing)
            return _all(actor, supervises, target) and (
                actor.role is Role.MINISTRY
                or (target is not None and target.kind is AccountKind.HOLDING)
            )
        case r.ReleaseHolds(account=clearing):
            return actor.role is Role.EXCHANGE and _all(actor, operates, get(clearing))
        case r.Approve() | r.Reject():
            return actor.role not in {Role.PUBLIC, Role.VERIFIER}
    return False


def _all(actor: Actor, test: Callable[[Actor, Account], bool], account: Account | None) -> bool:
    return account is not None and test(actor, account)


def authorize(actor: Actor, request: r.Request, accounts: Mapping[str, Account]) -> None:
    """Raise AccessDenied unless the actor's role and scope allow `request`."""
    if actor.role is Role.OPERATOR:
        return
    if not _rule(actor, request, accounts):
        raise denied(
            f"do '{request.op.value}' on these accounts", f"对这些账户办理“{request.op.value}”"
        )


def require_read(actor: Actor, account: Account) -> None:
    if not can_read(actor, account):
        raise denied(f"see account {account.id}", f"查看账户 {account.id}")


def require_ministry(actor: Actor, what_en: str, what_zh: str) -> None:
    if actor.role not in {Role.MINISTRY, Role.OPERATOR}:
        raise denied(what_en, what_zh)


def hash_token(pepper: str, token: str) -> str:
    return hmac.new(pepper.encode(), token.encode(), hashlib.sha256).hexdigest()


def actor_for_token(session: Session, token_hash: str) -> Actor | None:
    """The user behind an API token (given as `hash_token` of it), or None if the token is
    unknown or revoked."""
    query = (
        select(UserRow)
        .join(TokenRow, TokenRow.user_id == UserRow.id)
        .where(TokenRow.token_hash == token_hash, TokenRow.revoked.is_(False))
    )
    user = session.scalars(query).first()
    if user is None:
        return None
    return Actor(user.id, Role(user.role), user.org, frozenset(json.loads(user.scope)))
