"""REST API of the exchange: a thin FastAPI router over `chinaets.market.service.Market`.

Mount it with ``app.include_router(market.router)`` (prefix /market) in `create_app`: the
market shares the app's registry (`app.state.registry`) and clock (`app.state.clock`).

- Every command body is typed (`market.bodies`): unknown fields are refused, and so is any time
  sent by the client: the server stamps each command with its own clock.
- Who may send what: a clearing bank deposits and withdraws traders' cash; an enterprise acts
  only for its own account (ENT-<credit code>), in every party field of the command; an
  exchange user of SEEE runs the day, listings and auction decisions.
- A block quote that would escrow more than the four-eyes threshold waits for a second user of
  the trader's organisation (`market.block_approvals`, `/market/block-approvals`).
- Reads are market data; identities in the book and the trade list are shown only to the
  trader itself, the exchange and the regulator (`data.Viewer`).

Refused commands answer 422 with the bilingual problems.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import PlainTextResponse

from chinaets.api.deps import ClockDep
from chinaets.api.registry import current_actor
from chinaets.core.clock import Clock
from chinaets.market import block_approvals, data
from chinaets.market.bodies import (
    BANK_KINDS,
    EXCHANGE_KINDS,
    AccountId,
    AnyCommand,
    OrderId,
    PlaceBody,
    Vintage,
)
from chinaets.market.commands import command_from_json
from chinaets.market.engine import Outcome
from chinaets.market.service import Market
from chinaets.registry import records as r

router = APIRouter(prefix="/market", tags=["market 交易"])


_OPENING = threading.Lock()


def get_market(request: Request) -> Market:
    """The app's market: `app.state.market`, else one built (once) over `app.state.registry`."""
    with _OPENING:
        market: Market | None = getattr(request.app.state, "market", None)
        if market is None:
            market = Market(request.app.state.registry)
            market.init()
            market.reload()
            request.app.state.market = market
    return market


MarketDep = Annotated[Market, Depends(get_market)]
ActorDep = Annotated[r.Actor, Depends(current_actor)]


def _submit(market: Market, actor: r.Actor, clock: Clock, body: dict[str, Any]) -> dict[str, Any]:
    body = {**body, "ts": clock().isoformat()}
    _may_act(market, actor, body)
    if body["kind"] in BANK_KINDS:
        body["bank"] = actor.org
    outcome = block_approvals.request(market, command_from_json(body), actor)
    if isinstance(outcome, block_approvals.Parked):
        return outcome.as_json()
    return _done(outcome)


def _done(outcome: Outcome) -> dict[str, Any]:
    return {
        "seq": outcome.seq,
        "ref": outcome.ref,
        "trades": [t.as_json() for t in outcome.trades],
    }


def _parties(market: Market, body: dict[str, Any]) -> list[str]:
    """Every account a command acts for (lodging escrows the seller's allowances)."""
    if body["kind"] == "auction_lodge":
        with market.view() as exchange:
            found = exchange.auctions.get(str(body.get("auction_id")))
        return [found.seller if found else ""]
    return [str(body[f]) for f in ("trader", "seller") if f in body]


def _may_act(market: Market, actor: r.Actor, body: dict[str, Any]) -> None:
    kind = body["kind"]
    if kind in EXCHANGE_KINDS:
        allowed = actor.role is r.Role.EXCHANGE and actor.org == market.code
    elif kind in BANK_KINDS:
        allowed = actor.role is r.Role.CLEARING_BANK
    else:
        own = f"ENT-{actor.org}"
        parties = _parties(market, body)
        allowed = actor.role is r.Role.ENTERPRISE and bool(parties)
        allowed = allowed and all(p == own for p in parties)
    if not allowed:
        raise HTTPException(
            403,
            f"{actor.user_id} may not send '{kind}' for this account / 无权提交该指令",
        )


@router.post("/commands")
def submit_command(
    body: AnyCommand, market: MarketDep, actor: ActorDep, clock: ClockDep
) -> dict[str, Any]:
    return _submit(market, actor, clock, body.model_dump(mode="json", exclude_none=True))


@router.post("/orders")
def place(body: PlaceBody, market: MarketDep, actor: ActorDep, clock: ClockDep) -> dict[str, Any]:
    return _submit(
        market, actor, clock, {"kind": "place", **body.model_dump(mode="json", exclude_none=True)}
    )


@router.delete("/orders/{order_id}")
def cancel(
    order_id: OrderId, trader: AccountId, market: MarketDep, actor: ActorDep, clock: ClockDep
) -> dict[str, Any]:
    return _submit(market, actor, clock, {"kind": "cancel", "trader": trader, "order_id": order_id})


ApprovalId = Annotated[int, Path(ge=1, le=2**62)]


def _enterprise(actor: r.Actor) -> None:
    if actor.role is not r.Role.ENTERPRISE:
        raise HTTPException(403, "only the trader's own users approve its block quotes / 无权复核")


@router.get(
    "/block-approvals",
    summary="Block quotes of my organisation waiting for approval / 待复核大宗申报",
)
def block_pending(market: MarketDep, actor: ActorDep) -> list[dict[str, Any]]:
    _enterprise(actor)
    return block_approvals.pending(market, actor)


@router.post("/block-approvals/{approval_id}/approve", summary="Approve a block quote / 复核通过")
def block_approve(
    approval_id: ApprovalId, market: MarketDep, actor: ActorDep, clock: ClockDep
) -> dict[str, Any]:
    _enterprise(actor)
    return _done(block_approvals.approve(market, approval_id, actor, clock()))


@router.post("/block-approvals/{approval_id}/reject", summary="Reject a block quote / 复核驳回")
def block_reject(
    approval_id: ApprovalId, market: MarketDep, actor: ActorDep, clock: ClockDep
) -> dict[str, Any]:
    _enterprise(actor)
    block_approvals.reject(market, approval_id, actor, clock())
    return {"approval_id": approval_id, "status": "rejected"}


def viewer_of(actor: r.Actor) -> data.Viewer:
    """The exchange and the regulator see every identity; a trader sees its own."""
    if actor.role in {r.Role.EXCHANGE, r.Role.MINISTRY, r.Role.OPERATOR}:
        return data.EVERYONE
    if actor.role is r.Role.ENTERPRISE:
        return data.Viewer(frozenset({f"ENT-{actor.org}"}))
    return data.PUBLIC


Levels = Annotated[int, Query(ge=1, le=50)]
Format = Annotated[str, Query(pattern="^(json|csv)$")]


@router.get("/book/{vintage}")
def book(
    vintage: Vintage, market: MarketDep, actor: ActorDep, levels: Levels = 5
) -> dict[str, Any]:
    with market.view() as exchange:
        if vintage not in exchange.books:
            raise HTTPException(404, f"vintage {vintage} is not listed / {vintage} 年度未挂牌")
        return data.snapshot(exchange, vintage, levels, viewer_of(actor))


@router.get("/trades", response_model=None)
def trades(
    market: MarketDep,
    actor: ActorDep,
    day: dt.date | None = None,
    vintage: Vintage | None = None,
    format: Format = "json",
) -> Any:
    with market.view() as exchange:
        rows = data.trades(exchange, day, vintage, viewer_of(actor))
    return PlainTextResponse(data.to_csv(rows), media_type="text/csv") if format == "csv" else rows


@router.get("/bars", response_model=None)
def bars(market: MarketDep, day: dt.date | None = None, format: Format = "json") -> Any:
    with market.view() as exchange:
        rows = data.bars(exchange, day)
    return PlainTextResponse(data.to_csv(rows), media_type="text/csv") if format == "csv" else rows


@router.get("/report/{day}")
def report(day: dt.date, market: MarketDep) -> dict[str, Any]:
    with market.view() as exchange:
        return data.daily_report(exchange, day)


@router.get("/auctions/{auction_id}")
def auction(auction_id: OrderId, market: MarketDep) -> dict[str, Any]:
    with market.view() as exchange:
        found = exchange.auctions.get(auction_id)
        if found is None:
            raise HTTPException(404, f"no auction {auction_id} / 无此竞价")
        return {
            **{k: str(v) for k, v in found.__dict__.items() if k != "bids"},
            "bids": len(found.bids),
        }
