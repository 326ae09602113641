"""What traders and the exchange ask for: the commands of the append-only order event log.

Every command carries its own timestamp (local time, Asia/Shanghai, naive), so applying the
same commands in the same order always gives the same book, ids and trades. `as_json` and
`command_from_json` are exact round trips (Decimal and dates as strings).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar

from chinaets.core.errors import InputError, Location

BUY, SELL = "buy", "sell"
LISTED, BLOCK, AUCTION = "listed", "block", "auction"
_DECIMALS = {"price", "amount", "reference_close"}


@dataclass(frozen=True)
class Command:
    kind: ClassVar[str]
    ts: dt.datetime

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            is_text = isinstance(value, Decimal | dt.date)  # datetime is a date too
            out[f.name] = value.isoformat() if isinstance(value, dt.date) else value
            if is_text and isinstance(value, Decimal):
                out[f.name] = str(value)
        return out


@dataclass(frozen=True)
class ListVintage(Command):
    kind: ClassVar[str] = "list_vintage"
    vintage: str
    reference_close: Decimal


@dataclass(frozen=True)
class OpenDay(Command):
    kind: ClassVar[str] = "open_day"


@dataclass(frozen=True)
class CloseDay(Command):
    kind: ClassVar[str] = "close_day"


@dataclass(frozen=True)
class Deposit(Command):
    """Cash a clearing bank has received for a trader (出金/入金 through the settlement bank):
    `bank` and its transfer reference `bank_ref`, used once per bank."""

    kind: ClassVar[str] = "deposit"
    trader: str
    amount: Decimal
    bank: str = ""
    bank_ref: str = ""


@dataclass(frozen=True)
class Withdraw(Command):
    kind: ClassVar[str] = "withdraw"
    trader: str
    amount: Decimal
    bank: str = ""
    bank_ref: str = ""


@dataclass(frozen=True)
class Place(Command):
    """A listed-agreement limit order: matched continuously, price-time priority."""

    kind: ClassVar[str] = "place"
    trader: str
    vintage: str
    side: str
    price: Decimal
    quantity: int


@dataclass(frozen=True)
class Click(Command):
    """A click-trade (摘牌): take `quantity` of one quote among the best levels, at its price."""

    kind: ClassVar[str] = "click"
    trader: str
    quote_id: str
    quantity: int


@dataclass(frozen=True)
class Cancel(Command):
    kind: ClassVar[str] = "cancel"
    trader: str
    order_id: str


@dataclass(frozen=True)
class PostBlock(Command):
    """A block-agreement quote: to one named counterparty (negotiation) or to all (posted)."""

    kind: ClassVar[str] = "post_block"
    trader: str
    vintage: str
    side: str
    price: Decimal
    quantity: int
    counterparty: str | None = None


@dataclass(frozen=True)
class AcceptBlock(Command):
    kind: ClassVar[str] = "accept_block"
    trader: str
    quote_id: str


@dataclass(frozen=True)
class AuctionApply(Command):
    """A seller's application for a one-way bidding auction (单向竞价)."""

    kind: ClassVar[str] = "auction_apply"
    seller: str
    vintage: str
    quantity: int
    auction_day: dt.date
    window: str  # "HH:MM-HH:MM" on the auction day
    floor: str  # "previous_close" or "discounted"
    allocation: str  # "uniform_price" or "pay_as_bid"


@dataclass(frozen=True)
class AuctionDecide(Command):
    kind: ClassVar[str] = "auction_decide"
    auction_id: str
    approve: bool


@dataclass(frozen=True)
class AuctionLodge(Command):
    kind: ClassVar[str] = "auction_lodge"
    auction_id: str


@dataclass(frozen=True)
class AuctionBid(Command):
    kind: ClassVar[str] = "auction_bid"
    trader: str
    auction_id: str
    price: Decimal
    quantity: int


@dataclass(frozen=True)
class AuctionClear(Command):
    kind: ClassVar[str] = "auction_clear"
    auction_id: str


COMMANDS: dict[str, type[Command]] = {
    c.kind: c
    for c in (
        ListVintage,
        OpenDay,
        CloseDay,
        Deposit,
        Withdraw,
        Place,
        Click,
        Cancel,
        PostBlock,
        AcceptBlock,
        AuctionApply,
        AuctionDecide,
        AuctionLodge,
        AuctionBid,
        AuctionClear,
    )
}


def _bad(field: str, en: str, zh: str, fix_en: str, fix_zh: str) -> InputError:
    return InputError.one(Location(field=field), en, zh, fix_en, fix_zh)


def _convert(name: str, value: Any) -> Any:
    if name == "ts":
        return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    if name == "auction_day":
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    if name in _DECIMALS:
        return Decimal(str(value))
    if name == "quantity" and (isinstance(value, bool) or not isinstance(value, int)):
        raise _bad(
            "quantity",
            f"quantity {value!r} is not a whole number of tonnes",
            f"数量 {value!r} 不是整数吨",
            "give whole tonnes, e.g. 1000 (lot 1 t)",
            "请填写整数吨，例如 1000（最小单位 1 吨）",
        )
    return value


def command_from_json(data: dict[str, Any]) -> Command:
    """Rebuild a command from its JSON form (the log, the API, the CLI)."""
    kind = data.get("kind")
    cls = COMMANDS.get(str(kind))
    if cls is None:
        raise _bad(
            "kind",
            f"'{kind}' is not an exchange command",
            f"'{kind}' 不是交易系统指令",
            f"use one of {sorted(COMMANDS)}",
            f"请使用 {sorted(COMMANDS)} 之一",
        )
    names = {f.name for f in dataclasses.fields(cls)}
    missing = sorted(n for n in names if n not in data and _required(cls, n))
    if missing:
        raise _bad(
            missing[0],
            f"{kind} needs '{missing[0]}'",
            f"{kind} 指令缺少字段 '{missing[0]}'",
            "add the field",
            "请补全该字段",
        )
    try:
        values = {n: _convert(n, data[n]) for n in names if n in data}
    except (ValueError, ArithmeticError) as exc:
        raise _bad(
            "command",
            f"{kind}: {exc}",
            f"{kind} 指令字段格式错误：{exc}",
            "check dates (YYYY-MM-DDTHH:MM) and amounts",
            "请检查日期与金额格式",
        ) from None
    return cls(**values)


def _required(cls: type[Command], name: str) -> bool:
    field = next(f for f in dataclasses.fields(cls) if f.name == name)
    return field.default is dataclasses.MISSING
