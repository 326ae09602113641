"""REST API of the exchange: a thin FastAPI router over `chinaets.market.service.Market`.

Mount it with ``app.include_router(market.router)`` (prefix /market) in `create_app`: the
market shares the app's registry (`app.state.registry`). Reads are public market data. Writes
need a registry API token: an enterprise may act only for its own account (ENT-<credit code>);
an exchange user of SEEE runs the day, listings and auction decisions. Refused orders answer
422 with the bilingual problems.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel

from chinaets.api.registry import current_actor
from chinaets.core.errors import InputError
from chinaets.market import data
from chinaets.market.commands import Command, command_from_json
from chinaets.market.service import Market
from chinaets.registry import records as r

router = APIRouter(prefix="/market", tags=["market"])


def get_market(request: Request) -> Market:
    """The app's market: `app.state.market`, else one built over `app.state.registry`."""
    market: Market | None = getattr(request.app.state, "market", None)
    if market is None:
        market = Market(request.app.state.registry)
        market.init()
        market.reload()
        request.app.state.market = market
    return market


MarketDep = Annotated[Market, Depends(get_market)]
ActorDep = Annotated[r.Actor, Depends(current_actor)]


class CommandBody(BaseModel):
    """Any exchange command as JSON: kind plus its fields (see GET /market/commands)."""

    kind: str
    ts: dt.datetime | None = None
    model_config = {"extra": "allow"}


def _submit(market: Market, actor: r.Actor, body: dict[str, Any]) -> dict[str, Any]:
    body.setdefault("ts", dt.datetime.now().isoformat(timespec="seconds"))
    try:
        command: Command = command_from_json(body)
        _may_act(actor, {**body, "seller": _lodging_seller(market, body)})
        outcome = market.submit(command, actor)
    except InputError as exc:
        raise HTTPException(422, exc.as_dict()) from None
    return {
        "seq": outcome.seq,
        "ref": outcome.ref,
        "trades": [t.as_json() for t in outcome.trades],
    }


def _lodging_seller(market: Market, body: dict[str, Any]) -> str | None:
    """Lodging escrows the seller's allowances, so the seller (not the exchange) sends it."""
    if body.get("kind") != "auction_lodge":
        return body.get("seller")
    found = market.exchange.auctions.get(str(body.get("auction_id")))
    return found.seller if found else None


def _may_act(actor: r.Actor, body: dict[str, Any]) -> None:
    trader = body.get("trader") or body.get("seller")
    if (
        actor.role is r.Role.EXCHANGE
        and actor.org == "SEEE"
        and body.get("kind") != "auction_lodge"
    ):
        return  # the exchange's own staff: days, listing, auction decisions
    if actor.role is not r.Role.ENTERPRISE or trader is None or trader != f"ENT-{actor.org}":
        raise HTTPException(
            403, f"{actor.user_id} may not trade for {trader} / 无权代 {trader} 交易"
        )


@router.post("/commands")
def submit_command(body: CommandBody, market: MarketDep, actor: ActorDep) -> dict[str, Any]:
    return _submit(market, actor, body.model_dump(mode="json", exclude_none=True))


class PlaceBody(BaseModel):
    trader: str
    vintage: str
    side: str
    price: Decimal
    quantity: int
    ts: dt.datetime | None = None


@router.post("/orders")
def place(body: PlaceBody, market: MarketDep, actor: ActorDep) -> dict[str, Any]:
    return _submit(
        market, actor, {"kind": "place", **body.model_dump(mode="json", exclude_none=True)}
    )


@router.delete("/orders/{order_id}")
def cancel(order_id: str, trader: str, market: MarketDep, actor: ActorDep) -> dict[str, Any]:
    return _submit(market, actor, {"kind": "cancel", "trader": trader, "order_id": order_id})


@router.get("/book/{vintage}")
def book(vintage: str, market: MarketDep, levels: int = 5) -> dict[str, Any]:
    if vintage not in market.exchange.books:
        raise HTTPException(404, f"vintage {vintage} is not listed / {vintage} 年度未挂牌")
    return data.snapshot(market.exchange, vintage, levels)


@router.get("/trades", response_model=None)
def trades(
    market: MarketDep, day: dt.date | None = None, vintage: str | None = None, format: str = "json"
) -> Any:
    rows = data.trades(market.exchange, day, vintage)
    return PlainTextResponse(data.to_csv(rows), media_type="text/csv") if format == "csv" else rows


@router.get("/bars", response_model=None)
def bars(market: MarketDep, day: dt.date | None = None, format: str = "json") -> Any:
    rows = data.bars(market.exchange, day)
    return PlainTextResponse(data.to_csv(rows), media_type="text/csv") if format == "csv" else rows


@router.get("/report/{day}")
def report(day: dt.date, market: MarketDep) -> dict[str, Any]:
    return data.daily_report(market.exchange, day)


@router.get("/auctions/{auction_id}")
def auction(auction_id: str, market: MarketDep) -> dict[str, Any]:
    found = market.exchange.auctions.get(auction_id)
    if found is None:
        raise HTTPException(404, f"no auction {auction_id} / 无此竞价")
    return {
        **{k: str(v) for k, v in found.__dict__.items() if k != "bids"},
        "bids": len(found.bids),
    }
