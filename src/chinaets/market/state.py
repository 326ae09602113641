"""The exchange's state, what the trading modes change: books, orders, block quotes, auctions,
cash accounts, the day, the trades and bars; with the helpers every mode uses to move cash and
allowances as effects and to reserve or give back what an order or quote needs.

The modes (``listed``, ``blocks``, ``auction``, ``day``) and their ``checks`` work on an
`ExchangeState`; the engine (`chinaets.market.engine.Exchange`) extends it with the command
log's check-and-apply and imports the modes, never the other way round.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from chinaets.market.book import BUY, Order, OrderBook
from chinaets.market.commands import Command
from chinaets.market.records import AllowanceMove, CashMove, DailyBar, Effect, Trade
from chinaets.market.records import available as avail
from chinaets.market.records import reserved as resv
from chinaets.market.rules import MarketRules, rules_on

Holdings = Callable[[str, str], int]  # (trader, vintage) → free allowances in the registry


@dataclass(frozen=True)
class BlockQuote:
    id: str
    trader: str
    vintage: str
    side: str
    price: int
    quantity: int
    counterparty: str | None
    seq: int


@dataclass
class Bid:
    id: str
    trader: str
    price: int
    quantity: int
    seq: int


@dataclass
class Auction:
    id: str
    seller: str
    vintage: str
    quantity: int
    day: dt.date
    window: tuple[dt.time, dt.time]
    floor: str
    allocation: str
    applied: dt.date
    status: str = "applied"  # → approved | rejected → lodged → cleared
    bids: list[Bid] = field(default_factory=list)


@dataclass
class Outcome:
    seq: int
    command: Command
    trades: list[Trade] = field(default_factory=list)
    effects: list[Effect] = field(default_factory=list)
    ref: str | None = None  # the id of the order, quote or auction the command created


class ExchangeState:
    """The exchange's state and the helpers the trading modes use to change it (the modes
    never see the engine that dispatches commands to them)."""

    def __init__(self, holdings: Holdings) -> None:
        self.holdings = holdings
        self.log: list[Command] = []
        self.seq = 0  # the number of the last event applied (the store's, when there is one)
        self.books: dict[str, OrderBook] = {}
        self.closes: dict[str, int] = {}  # previous (official) close per vintage, fen
        self.day: dt.date | None = None
        self.order_vintage: dict[str, str] = {}
        self.orders: dict[str, Order] = {}  # every listed order, resting or done
        self.cash: dict[str, int] = defaultdict(int)  # cash-ledger account → fen
        self.bought_today: dict[tuple[str, str], int] = defaultdict(int)
        self.trades: list[Trade] = []
        self.bars: list[DailyBar] = []
        self.block_quotes: dict[str, BlockQuote] = {}
        self.auctions: dict[str, Auction] = {}
        self.counters: dict[str, int] = defaultdict(int)
        self.bank_refs: set[tuple[str, str]] = set()  # (bank, its transfer reference) used
        self._outcome: Outcome | None = None

    # --- helpers the mode modules use -----------------------------------------------------
    @property
    def outcome(self) -> Outcome:
        assert self._outcome is not None, "effects are only recorded while applying"
        return self._outcome

    def next_id(self, prefix: str) -> str:
        self.counters[prefix] += 1
        return f"{prefix}{self.counters[prefix]:08d}"

    def rules(self, when: dt.datetime) -> MarketRules:
        return rules_on(when.date())

    def move_cash(self, source: str, destination: str, fen: int, reason: str, ref: str) -> None:
        if fen:
            self.cash[source] -= fen
            self.cash[destination] += fen
            self.outcome.effects.append(CashMove(source, destination, fen, reason, ref))

    def move_allowances(self, action: str, trader: str, vintage: str, qty: int, ref: str) -> None:
        if qty:
            self.outcome.effects.append(AllowanceMove(action, trader, vintage, qty, ref))

    def cash_available(self, trader: str) -> int:
        return self.cash.get(avail(trader), 0)

    def cash_reserved(self, trader: str) -> int:
        return self.cash.get(resv(trader), 0)

    def tradable(self, trader: str, vintage: str) -> tuple[int, int]:
        """(free registry holding, bought today) of a trader in one vintage."""
        return self.holdings(trader, vintage), self.bought_today.get((trader, vintage), 0)

    def record_trade(self, trade: Trade, buyer_reserve_price: int) -> None:
        """Settle a trade's legs as effects: cash from the buyer's reservation, any price
        improvement back to the buyer, allowances from clearing to the buyer."""
        self.trades.append(trade)
        self.outcome.trades.append(trade)
        self.move_cash(resv(trade.buyer), avail(trade.seller), trade.value, "trade", trade.id)
        refund = (buyer_reserve_price - trade.price) * trade.quantity
        self.move_cash(resv(trade.buyer), avail(trade.buyer), refund, "price improvement", trade.id)
        self.move_allowances("deliver", trade.buyer, trade.vintage, trade.quantity, trade.id)
        self.bought_today[(trade.buyer, trade.vintage)] += trade.quantity


def reserve(
    ex: ExchangeState, trader: str, side: str, vintage: str, fen: int, qty: int, ref: str
) -> None:
    """Back a new order: buyer's cash into reservation, seller's allowances into escrow."""
    if side == BUY:
        ex.move_cash(avail(trader), resv(trader), fen * qty, "order reserve", ref)
    else:
        ex.move_allowances("escrow", trader, vintage, qty, ref)


def unreserve(ex: ExchangeState, order: Order, vintage: str, reason: str) -> None:
    """Give back what an order no longer needs (cancelled or expired remainder)."""
    if order.side == BUY:
        fen = order.price * order.remaining
        ex.move_cash(resv(order.trader), avail(order.trader), fen, reason, order.id)
    else:
        ex.move_allowances("release", order.trader, vintage, order.remaining, order.id)


def withdraw_quote(ex: ExchangeState, quote_id: str, reason: str) -> None:
    """Remove an unaccepted quote and give back its reservation or escrow."""
    quote = ex.block_quotes.pop(quote_id)
    if quote.side == BUY:
        fen = quote.price * quote.quantity
        ex.move_cash(resv(quote.trader), avail(quote.trader), fen, reason, quote.id)
    else:
        ex.move_allowances("release", quote.trader, quote.vintage, quote.quantity, quote.id)
