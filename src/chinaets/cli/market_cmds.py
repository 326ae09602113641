"""`chinaets market …`: the exchange console over `chinaets.market.service.Market`.

Every command takes `--db URL` (default $CHINAETS_DB_URL, else sqlite:///chinaets.db) and
`--json`; write commands take `--at` (local time, default now) so a session can be replayed.
The console acts as the registry operator; role-scoped trading is the REST API's job.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

import typer

from chinaets.cli import render
from chinaets.cli.common import console, print_json, user_errors
from chinaets.market import data
from chinaets.market.commands import (
    AcceptBlock,
    AuctionApply,
    AuctionBid,
    AuctionClear,
    AuctionDecide,
    AuctionLodge,
    Cancel,
    Click,
    CloseDay,
    Command,
    Deposit,
    ListVintage,
    OpenDay,
    Place,
    PostBlock,
)
from chinaets.market.service import Market
from chinaets.registry.store import DB_URL_ENV, default_db_url

app = typer.Typer(
    name="market",
    help="Exchange: orders, book, trades, auctions / 碳排放权交易",
    no_args_is_help=True,
)
auction_app = typer.Typer(name="auction", help="One-way bidding / 单向竞价", no_args_is_help=True)
app.add_typer(auction_app)

Db = Annotated[str | None, typer.Option("--db", envvar=DB_URL_ENV, help="ledger database URL")]
Json = render.AsJson
At = Annotated[
    str | None, typer.Option("--at", help="local time, e.g. 2026-03-02T10:00 (default now)")
]
Trader = Annotated[str, typer.Option("--trader", help="registry account, ENT-<credit code>")]
Vintage = Annotated[str, typer.Option("--vintage", help="CEA vintage, e.g. 2025")]
Qty = Annotated[int, typer.Option("--quantity", "-q", help="tonnes")]
Price = Annotated[str, typer.Option("--price", help="CNY per tonne, e.g. 74.63")]


INSTRUCTIONS_ZH = {
    "list_vintage": "挂牌年度配额",
    "open_day": "开市",
    "close_day": "收市",
    "deposit": "入金",
    "withdraw": "出金",
    "place": "委托",
    "click": "点击成交",
    "post_block": "大宗协议报价",
    "accept_block": "接受大宗协议报价",
    "auction_apply": "申请单向竞价",
    "auction_decide": "审核竞价申请",
    "auction_lodge": "竞价配额冻结",
    "auction_bid": "竞价申报",
    "auction_clear": "竞价成交",
    "cancel": "撤单",
}
"""The exchange's instructions in Chinese (not shared terms: a market `cancel` withdraws an
order, a registry `cancel` retires allowances)."""


def register(parent: typer.Typer) -> None:
    parent.add_typer(app, name="market")


def _ts(at: str | None) -> dt.datetime:
    return dt.datetime.fromisoformat(at) if at else dt.datetime.now().replace(microsecond=0)


def _submit(db: str | None, as_json: bool, command: Command) -> None:
    with user_errors(as_json):
        outcome = Market.open(db or default_db_url()).submit(command)
    if as_json:
        print_json(
            {
                "seq": outcome.seq,
                "ref": outcome.ref,
                "trades": [t.as_json() for t in outcome.trades],
            }
        )
        return
    instruction = render.heading(command.kind, INSTRUCTIONS_ZH.get(command.kind, command.kind))
    accepted = {"instruction": instruction, "seq": outcome.seq, "ref": outcome.ref or None}
    render.record(console, render.heading("accepted", "指令已受理"), accepted)
    if outcome.trades:
        render.listing(render.heading("trades", "成交"), [t.as_json() for t in outcome.trades])


@app.command("list-vintage")
def list_vintage(
    vintage: Vintage, reference_close: Price, db: Db = None, at: At = None, as_json: Json = False
) -> None:
    """List a vintage for trading with its reference (previous) close."""
    _submit(db, as_json, ListVintage(_ts(at), vintage, Decimal(reference_close)))


@app.command("open-day")
def open_day(db: Db = None, at: At = None, as_json: Json = False) -> None:
    """Open a trading day."""
    _submit(db, as_json, OpenDay(_ts(at)))


@app.command("close-day")
def close_day(db: Db = None, at: At = None, as_json: Json = False) -> None:
    """Close the day: official closes, daily bars, expiry of resting orders."""
    _submit(db, as_json, CloseDay(_ts(at)))


@app.command()
def deposit(
    trader: Trader,
    amount: Annotated[str, typer.Option("--amount")],
    db: Db = None,
    at: At = None,
    as_json: Json = False,
) -> None:
    """Pay cash into a trader's exchange cash account."""
    _submit(db, as_json, Deposit(_ts(at), trader, Decimal(amount)))


@app.command()
def place(
    trader: Trader,
    vintage: Vintage,
    side: Annotated[str, typer.Option("--side")],
    price: Price,
    quantity: Qty,
    db: Db = None,
    at: At = None,
    as_json: Json = False,
) -> None:
    """Place a listed-agreement limit order (continuous matching)."""
    _submit(db, as_json, Place(_ts(at), trader, vintage, side, Decimal(price), quantity))


@app.command()
def click(
    trader: Trader,
    quote: Annotated[str, typer.Option("--quote")],
    quantity: Qty,
    db: Db = None,
    at: At = None,
    as_json: Json = False,
) -> None:
    """Click-trade: take a quote among the best five levels at its price."""
    _submit(db, as_json, Click(_ts(at), trader, quote, quantity))


@app.command()
def cancel(
    trader: Trader,
    order: Annotated[str, typer.Option("--order")],
    db: Db = None,
    at: At = None,
    as_json: Json = False,
) -> None:
    """Cancel an order or block quote."""
    _submit(db, as_json, Cancel(_ts(at), trader, order))


@app.command("block-post")
def block_post(
    trader: Trader,
    vintage: Vintage,
    side: Annotated[str, typer.Option("--side")],
    price: Price,
    quantity: Qty,
    counterparty: Annotated[str | None, typer.Option("--counterparty")] = None,
    db: Db = None,
    at: At = None,
    as_json: Json = False,
) -> None:
    """Post a block-agreement quote (to one counterparty, or to all)."""
    _submit(
        db,
        as_json,
        PostBlock(_ts(at), trader, vintage, side, Decimal(price), quantity, counterparty),
    )


@app.command("block-accept")
def block_accept(
    trader: Trader,
    quote: Annotated[str, typer.Option("--quote")],
    db: Db = None,
    at: At = None,
    as_json: Json = False,
) -> None:
    """Accept a block-agreement quote."""
    _submit(db, as_json, AcceptBlock(_ts(at), trader, quote))


@auction_app.command("apply")
def auction_apply(
    seller: Annotated[str, typer.Option("--seller")],
    vintage: Vintage,
    quantity: Qty,
    day: Annotated[str, typer.Option("--day", help="auction day")],
    window: Annotated[str, typer.Option("--window")] = "13:00-14:00",
    floor: Annotated[str, typer.Option("--floor")] = "previous_close",
    allocation: Annotated[str, typer.Option("--allocation")] = "uniform_price",
    db: Db = None,
    at: At = None,
    as_json: Json = False,
) -> None:
    """A seller applies for a one-way bidding auction."""
    _submit(
        db,
        as_json,
        AuctionApply(
            _ts(at),
            seller,
            vintage,
            quantity,
            dt.date.fromisoformat(day),
            window,
            floor,
            allocation,
        ),
    )


@auction_app.command("decide")
def auction_decide(
    auction: Annotated[str, typer.Option("--auction")],
    reject: Annotated[bool, typer.Option("--reject")] = False,
    db: Db = None,
    at: At = None,
    as_json: Json = False,
) -> None:
    """The exchange approves (or --reject) an application."""
    _submit(db, as_json, AuctionDecide(_ts(at), auction, not reject))


@auction_app.command("lodge")
def auction_lodge(
    auction: Annotated[str, typer.Option("--auction")],
    db: Db = None,
    at: At = None,
    as_json: Json = False,
) -> None:
    """The seller's allowances go into escrow for the auction."""
    _submit(db, as_json, AuctionLodge(_ts(at), auction))


@auction_app.command("bid")
def auction_bid(
    trader: Trader,
    auction: Annotated[str, typer.Option("--auction")],
    price: Price,
    quantity: Qty,
    db: Db = None,
    at: At = None,
    as_json: Json = False,
) -> None:
    """Bid in an auction's window."""
    _submit(db, as_json, AuctionBid(_ts(at), trader, auction, Decimal(price), quantity))


@auction_app.command("clear")
def auction_clear(
    auction: Annotated[str, typer.Option("--auction")],
    db: Db = None,
    at: At = None,
    as_json: Json = False,
) -> None:
    """Allocate an auction after its window (uniform price or pay-as-bid)."""
    _submit(db, as_json, AuctionClear(_ts(at), auction))


def _read(db: str | None) -> Market:
    """The market for a read: the ledger must exist (nothing is created by reading)."""
    with user_errors():
        return Market.open_existing(db or default_db_url())


@app.command()
def book(
    vintage: Vintage,
    levels: Annotated[int, typer.Option("--levels", help="price levels a side, e.g. 5")] = 5,
    db: Db = None,
    as_json: Json = False,
    as_csv: render.AsCsv = False,
) -> None:
    """Order-book snapshot of a vintage."""
    market = _read(db)
    if vintage not in market.exchange.books:
        with user_errors(as_json):
            market.exchange.check(Place(dt.datetime.now(), "-", vintage, "buy", Decimal(1), 1))
    snap = data.snapshot(market.exchange, vintage, levels)
    if as_json:
        print_json(snap)
        return
    title = render.heading(
        f"CEA {vintage} · previous close {snap['previous_close']}",
        f"CEA {vintage} · 前收盘价 {snap['previous_close']}",
    )
    render.listing(title, _levels(snap), as_csv=as_csv)


def _levels(snap: dict[str, Any]) -> list[dict[str, Any]]:
    """The book's price levels side by side, best first: bid quantity, bid, ask, ask quantity."""
    bids, asks = snap["bids"], snap["asks"]
    return [
        {
            "bid_qty_t": bids[i]["quantity"] if i < len(bids) else None,
            "bid_cny": bids[i]["price"] if i < len(bids) else None,
            "ask_cny": asks[i]["price"] if i < len(asks) else None,
            "ask_qty_t": asks[i]["quantity"] if i < len(asks) else None,
        }
        for i in range(max(len(bids), len(asks)))
    ]


Day = Annotated[str | None, typer.Option("--day", help="trading day, e.g. 2026-03-02")]


@app.command()
def trades(
    day: Day = None,
    vintage: Annotated[str | None, typer.Option("--vintage", help="CEA vintage, e.g. 2025")] = None,
    db: Db = None,
    as_json: Json = False,
    as_csv: render.AsCsv = False,
) -> None:
    """Trade list (all, or of a day / vintage)."""
    rows = data.trades(_read(db).exchange, dt.date.fromisoformat(day) if day else None, vintage)
    render.listing(render.heading("trades", "成交"), rows, as_json, as_csv)


@app.command()
def bars(
    day: Day = None, db: Db = None, as_json: Json = False, as_csv: render.AsCsv = False
) -> None:
    """Daily OHLCV per vintage and mode."""
    rows = data.bars(_read(db).exchange, dt.date.fromisoformat(day) if day else None)
    render.listing(render.heading("daily bars", "日行情"), rows, as_json, as_csv)


@app.command()
def report(
    day: Annotated[str, typer.Option("--day", help="a closed trading day, e.g. 2026-03-02")],
    db: Db = None,
    as_json: Json = False,
    as_csv: render.AsCsv = False,
) -> None:
    """The daily report of a closed trading day (--csv: its bars)."""
    result = data.daily_report(_read(db).exchange, dt.date.fromisoformat(day))
    if as_csv:
        render.listing("", result["bars"], as_csv=True)
        return
    render.document(render.heading(f"daily report {day}", f"{day} 交易日报"), result, as_json)


@app.command()
def check(db: Db = None) -> None:
    """Check the cash ledger and replay the log against the store (exit 1 on any problem)."""
    market = _read(db)
    problems = market.cash_problems() + market.replay_problems()
    for p in problems:
        console.print(p, highlight=False, markup=False)
    if problems:
        raise typer.Exit(1)
    console.print(render.heading(
        "cash ledger conserved, no negative balance; the log replays to the stored trades and cash",
        "资金账务一致，无负余额；指令日志重放与存储的成交和资金一致",
    ))  # fmt: skip
