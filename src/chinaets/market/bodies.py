"""The exchange's commands as typed request bodies (REST API and anything else that takes a
command from outside): one pydantic model per command kind, unknown fields refused
(`extra="forbid"`), every value bounded in shape and size, and no `ts`: the server stamps the
time. `AnyCommand` is the tagged union on `kind` that `POST /market/commands` accepts.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, create_model

AccountId = Annotated[str, Field(pattern=r"^[A-Z]{2,4}-[0-9A-Z]{1,24}$", max_length=40)]
OrderId = Annotated[str, Field(pattern=r"^[A-Z]\d{8}$")]
Vintage = Annotated[str, Field(pattern=r"^\d{4}$")]
BankRef = Annotated[str, Field(pattern=r"^[0-9A-Za-z_.:-]{1,64}$")]
Yuan = Annotated[
    Decimal, Field(gt=0, max_digits=14, decimal_places=2, allow_inf_nan=False)
]  # up to CNY 999,999,999,999.99
Tonnes = Annotated[StrictInt, Field(gt=0, le=10**10)]
Side = Literal["buy", "sell"]
Window = Annotated[str, Field(pattern=r"^\d{2}:\d{2}-\d{2}:\d{2}$")]

FIELDS: dict[str, Any] = {
    "trader": AccountId,
    "seller": AccountId,
    "counterparty": AccountId | None,
    "vintage": Vintage,
    "side": Side,
    "price": Yuan,
    "amount": Yuan,
    "reference_close": Yuan,
    "quantity": Tonnes,
    "quote_id": OrderId,
    "order_id": OrderId,
    "auction_id": OrderId,
    "bank_ref": BankRef,
    "auction_day": dt.date,
    "window": Window,
    "floor": Literal["previous_close", "discounted"],
    "allocation": Literal["uniform_price", "pay_as_bid"],
    "approve": StrictBool,
}
KINDS: dict[str, tuple[str, ...]] = {
    "list_vintage": ("vintage", "reference_close"),
    "open_day": (),
    "close_day": (),
    "deposit": ("trader", "amount", "bank_ref"),
    "withdraw": ("trader", "amount", "bank_ref"),
    "place": ("trader", "vintage", "side", "price", "quantity"),
    "click": ("trader", "quote_id", "quantity"),
    "cancel": ("trader", "order_id"),
    "post_block": ("trader", "vintage", "side", "price", "quantity", "counterparty"),
    "accept_block": ("trader", "quote_id"),
    "auction_apply": (
        "seller",
        "vintage",
        "quantity",
        "auction_day",
        "window",
        "floor",
        "allocation",
    ),
    "auction_decide": ("auction_id", "approve"),
    "auction_lodge": ("auction_id",),
    "auction_bid": ("trader", "auction_id", "price", "quantity"),
    "auction_clear": ("auction_id",),
}
EXCHANGE_KINDS = frozenset(
    {"list_vintage", "open_day", "close_day", "auction_decide", "auction_clear"}
)
BANK_KINDS = frozenset({"deposit", "withdraw"})
STRICT = ConfigDict(extra="forbid")


def _model(kind: str, names: tuple[str, ...]) -> type[BaseModel]:
    fields: dict[str, Any] = {"kind": (Literal[kind], ...)}
    for name in names:
        optional = name == "counterparty"
        fields[name] = (FIELDS[name], None if optional else ...)
    title = "".join(part.title() for part in kind.split("_")) + "Body"
    return create_model(title, __config__=STRICT, **fields)


MODELS = {kind: _model(kind, names) for kind, names in KINDS.items()}


class PlaceBody(BaseModel):
    """A listed-agreement limit order (POST /market/orders)."""

    model_config = STRICT
    trader: AccountId
    vintage: Vintage
    side: Side
    price: Yuan
    quantity: Tonnes


# built from MODELS, so a new command needs one line in KINDS
if TYPE_CHECKING:
    AnyCommand = BaseModel
else:
    AnyCommand = Annotated[Union[tuple(MODELS.values())], Field(discriminator="kind")]  # noqa: UP007
