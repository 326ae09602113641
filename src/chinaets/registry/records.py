"""Immutable records of the registry: accounts, actors, requests and results.

Quantities are integer tonnes (one unit = 1 tCO2e); the registry has no floats. Requests are
what a caller asks for; a `TxResult` is what the ledger did, and is returned unchanged when the
same request id is sent again. Every record converts to plain JSON (`as_json`) so that a
request's hash is the same wherever it came from (CLI, API, library).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar

from chinaets.registry.serials import SerialRange, UnitClass, format_range

KEY_LENGTH = 100  # registry_transactions.request_id


class AccountKind(StrEnum):
    MEE_ISSUING = "mee_issuing"
    PROVINCIAL_ISSUING = "provincial_issuing"
    HOLDING = "holding"
    CLEARING = "clearing"
    CANCELLATION = "cancellation"
    SUPPLY = "supply"


ISSUING_KINDS = frozenset({AccountKind.MEE_ISSUING, AccountKind.PROVINCIAL_ISSUING})


class AccountState(StrEnum):
    OPEN = "open"
    FROZEN = "frozen"
    CLOSED = "closed"


class Role(StrEnum):
    OPERATOR = "operator"  # the registry institution's console (CLI with direct database access)
    MINISTRY = "ministry"
    PROVINCIAL = "provincial"
    ENTERPRISE = "enterprise"
    EXCHANGE = "exchange"
    VERIFIER = "verifier"
    CLEARING_BANK = "bank"  # a settlement bank of the exchange: traders' cash in and out
    PUBLIC = "public"


class Op(StrEnum):
    OPEN_ACCOUNT = "open_account"
    CLOSE_ACCOUNT = "close_account"
    ISSUE = "issue"
    TRANSFER = "transfer"
    FREEZE = "freeze"
    UNFREEZE = "unfreeze"
    SURRENDER = "surrender"
    FORCED_SURRENDER = "forced_surrender"
    CANCEL = "cancel"
    CARRY_OVER = "carry_over"
    DEDUCT = "deduct"
    APPROVE = "approve"
    REJECT = "reject"
    ADD_USER = "add_user"
    RELEASE_HOLDS = "release_holds"


class IssueKind(StrEnum):
    PRE_ALLOCATION = "pre_allocation"
    TRUE_UP = "true_up"
    TOP_UP = "top_up"
    CCER = "ccer"


class CancelReason(StrEnum):
    VOLUNTARY = "voluntary"
    OFFSETTING = "offsetting"


@dataclass(frozen=True)
class Account:
    id: str
    kind: AccountKind
    holder: str
    name: str
    province: str | None
    state: AccountState


@dataclass(frozen=True)
class Actor:
    """Who is asking: a user with a role inside an organisation, and the role's scope
    (the province, the exchange, or the entities a verifier is assigned to)."""

    user_id: str
    role: Role
    org: str
    scope: frozenset[str] = frozenset()


SYSTEM = Actor("system", Role.OPERATOR, "registry")
PUBLIC = Actor("public", Role.PUBLIC, "public")


@dataclass(frozen=True)
class Obligation:
    """A surrender obligation: an entity (credit code) and the compliance year it is for."""

    entity: str
    compliance_year: int


@dataclass(frozen=True)
class Request:
    op: ClassVar[Op]

    def as_json(self) -> dict[str, Any]:
        return {"op": self.op.value, **_jsonable(dataclasses.asdict(self))}


@dataclass(frozen=True)
class OpenAccount(Request):
    op: ClassVar[Op] = Op.OPEN_ACCOUNT
    kind: AccountKind
    holder: str
    name: str
    province: str | None = None


@dataclass(frozen=True)
class CloseAccount(Request):
    op: ClassVar[Op] = Op.CLOSE_ACCOUNT
    account: str


@dataclass(frozen=True)
class Issue(Request):
    op: ClassVar[Op] = Op.ISSUE
    issuer: str
    account: str
    unit: UnitClass
    quantity: int
    issue_kind: IssueKind
    note: str = ""


@dataclass(frozen=True)
class Transfer(Request):
    op: ClassVar[Op] = Op.TRANSFER
    source: str
    destination: str
    unit: UnitClass
    quantity: int
    serials: SerialRange | None = None


@dataclass(frozen=True)
class Freeze(Request):
    op: ClassVar[Op] = Op.FREEZE
    account: str
    order_ref: str
    unit: UnitClass | None = None
    quantity: int | None = None


@dataclass(frozen=True)
class Unfreeze(Request):
    op: ClassVar[Op] = Op.UNFREEZE
    freeze_id: int
    order_ref: str


@dataclass(frozen=True)
class Surrender(Request):
    op: ClassVar[Op] = Op.SURRENDER
    account: str
    unit: UnitClass
    quantity: int
    obligation: Obligation


@dataclass(frozen=True)
class ForcedSurrender(Request):
    op: ClassVar[Op] = Op.FORCED_SURRENDER
    account: str
    unit: UnitClass
    quantity: int
    obligation: Obligation
    order_ref: str


@dataclass(frozen=True)
class Cancel(Request):
    op: ClassVar[Op] = Op.CANCEL
    account: str
    unit: UnitClass
    quantity: int
    reason: CancelReason
    serials: SerialRange | None = None
    obligation: Obligation | None = None


@dataclass(frozen=True)
class CarryOver(Request):
    op: ClassVar[Op] = Op.CARRY_OVER
    account: str
    quantity: int
    notice_ref: str


@dataclass(frozen=True)
class Deduct(Request):
    op: ClassVar[Op] = Op.DEDUCT
    account: str
    destination: str
    unit: UnitClass
    quantity: int
    reason: str


@dataclass(frozen=True)
class Approve(Request):
    op: ClassVar[Op] = Op.APPROVE
    approval_id: int


@dataclass(frozen=True)
class Reject(Request):
    op: ClassVar[Op] = Op.REJECT
    approval_id: int


@dataclass(frozen=True)
class AddUser(Request):
    op: ClassVar[Op] = Op.ADD_USER
    user_id: str
    role: Role
    org: str
    scope: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReleaseHolds(Request):
    """The exchange closed its trading day: the T+1 holds on what it delivered end (library
    callers only; no REST route)."""

    op: ClassVar[Op] = Op.RELEASE_HOLDS
    account: str  # the exchange's clearing account


@dataclass(frozen=True)
class PostingRecord:
    """One side of a movement: +quantity into, or −quantity out of, an account."""

    account: str
    unit: UnitClass
    serials: SerialRange
    quantity: int

    def as_json(self) -> dict[str, Any]:
        return {
            "account": self.account,
            "unit": self.unit.label,
            "serials": format_range(self.unit, self.serials),
            "quantity": self.quantity,
        }


@dataclass(frozen=True)
class TxResult:
    """What one write request did. Returned again, identical, for a retried request id."""

    tx_id: int
    request_id: str
    op: Op
    status: str
    created_at: str
    postings: tuple[dict[str, Any], ...] = ()
    detail: Mapping[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "tx_id": self.tx_id,
            "request_id": self.request_id,
            "op": self.op.value,
            "status": self.status,
            "created_at": self.created_at,
            "postings": list(self.postings),
            "detail": dict(self.detail),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TxResult:
        return cls(
            tx_id=int(data["tx_id"]),
            request_id=str(data["request_id"]),
            op=Op(data["op"]),
            status=str(data["status"]),
            created_at=str(data["created_at"]),
            postings=tuple(data["postings"]),
            detail=dict(data["detail"]),
        )


@dataclass(frozen=True)
class Call:
    """One write request as the service received it: its canonical body (as JSON and as the
    canonical text that is stored and hashed) and the digest that idempotency compares."""

    actor: Actor
    request_id: str
    request: Request
    body: dict[str, Any]
    body_text: str
    digest: str
    exchange_settlement: bool = False
    hold: bool = False  # a delivery whose units T+1 holds until the exchange closes the day

    @property
    def key(self) -> str:
        """The request id in the journal: in the namespace of the caller's organisation, so
        that one organisation's ids never collide with, or reveal, another's ('/' is not in
        the request-id alphabet). A key longer than the column keeps the namespace and a
        SHA-256 of the id ('#' marks it; '#' is not in the alphabet either)."""
        key = f"{self.actor.org}/{self.request_id}"
        if len(key) <= KEY_LENGTH:
            return key
        digest = hashlib.sha256(self.request_id.encode()).hexdigest()
        return f"{self.actor.org}/#{digest}"[:KEY_LENGTH]


def _jsonable(value: Any) -> Any:
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | frozenset | set):
        items = [_jsonable(v) for v in value]
        return sorted(items) if isinstance(value, frozenset | set) else items
    return value


def canonical(value: Any) -> str:
    """Canonical JSON text: sorted keys, no spaces, UTF-8 kept (the form that is hashed)."""
    return json.dumps(_jsonable(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
