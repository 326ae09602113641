"""The exchange as a deterministic state machine over an append-only command log.

`Exchange.submit(command)` first *checks* the command against the rules in force and the
trader's funds and holdings (raising one bilingual `InputError`, changing nothing), then
appends it to the log and *applies* it: placing is apart from matching, and applying never
fails. Ids are sequence numbers (O00000001, T00000001 …) drawn in log order, so
`Exchange.replay(log)` rebuilds the same book, ids, trades and balances without re-checking.

Applying a command returns an `Outcome`: the trades it made and the *effects* the outside world
must record: cash moves for the cash ledger and allowance moves for the registry (escrow into
the exchange's clearing account, release, delivery). The persistent service (`service.Market`)
records them in one database transaction per command; tests apply them to paper accounts.

>>> import datetime as dt
>>> from decimal import Decimal as D
>>> holdings = {("ENT-S", "2024"): 5000}
>>> ex = Exchange(lambda trader, vintage: holdings.get((trader, vintage), 0))
>>> day = dt.datetime(2025, 7, 1, 9, 0)
>>> for command in [ListVintage(day, "2024", D("70.00")), OpenDay(day),
...                 Deposit(day, "ENT-B", D("1000000.00"))]:
...     _ = ex.submit(command)
>>> _ = ex.submit(Place(day.replace(hour=10), "ENT-S", "2024", "sell", D("70.50"), 3000))
>>> out = ex.submit(Place(day.replace(hour=10, minute=5), "ENT-B", "2024", "buy", D("71.00"), 1000))
>>> [(t.id, t.price, t.quantity, t.buyer, t.seller) for t in out.trades]
[('T00000001', 7050, 1000, 'ENT-B', 'ENT-S')]
>>> ex.cash_available("ENT-B")  # fen: 1,000,000.00 - 70,500.00 (the 0.50 improvement came back)
92950000
>>> _ = ex.submit(CloseDay(day.replace(hour=15, minute=30)))
>>> ex.closes["2024"], len(Exchange.replay(ex.log, ex.holdings).trades)
(7050, 1)
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from chinaets.core.errors import InputError, Location, Problem
from chinaets.market import auction, blocks, day, listed
from chinaets.market.book import Order, OrderBook
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
    Withdraw,
)
from chinaets.market.problems import bank_ref_used, raise_all, unfunded
from chinaets.market.records import BANK, AllowanceMove, CashMove, DailyBar, Effect, Trade
from chinaets.market.records import available as avail
from chinaets.market.records import reserved as resv
from chinaets.market.rules import MarketRules, rules_on, to_fen

Holdings = Callable[[str, str], int]  # (trader, vintage) → free allowances in the registry

__all__ = [
    "AcceptBlock",
    "Cancel",
    "Click",
    "CloseDay",
    "Deposit",
    "Exchange",
    "ListVintage",
    "OpenDay",
    "Outcome",
    "Place",
    "PostBlock",
    "Withdraw",
]


@dataclass
class Outcome:
    seq: int
    command: Command
    trades: list[Trade] = field(default_factory=list)
    effects: list[Effect] = field(default_factory=list)
    ref: str | None = None  # the id of the order, quote or auction the command created


class Exchange:
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
        self.block_quotes: dict[str, blocks.BlockQuote] = {}
        self.auctions: dict[str, auction.Auction] = {}
        self.counters: dict[str, int] = defaultdict(int)
        self.bank_refs: set[tuple[str, str]] = set()  # (bank, its transfer reference) used
        self._outcome: Outcome | None = None

    # --- the two phases -------------------------------------------------------------------
    def check(self, command: Command) -> None:
        """Raise InputError if the command may not be applied now; never changes state."""
        CHECKS[type(command)](self, command)

    def submit(self, command: Command) -> Outcome:
        self.check(command)
        return self.apply(command)

    def apply(self, command: Command, seq: int | None = None) -> Outcome:
        """Append to the log and apply (already checked, or replayed from the log) as event
        number `seq` (the store's number; by default the next one). Events are applied in
        order without gaps, so ids drawn from the counters are the same on every replay."""
        seq = self.seq + 1 if seq is None else seq
        if seq != self.seq + 1:
            raise ValueError(f"event {seq} applied after event {self.seq}")
        self.log.append(command)
        self.seq = seq
        self._outcome = Outcome(seq, command)
        APPLY[type(command)](self, command)
        outcome, self._outcome = self._outcome, None
        return outcome

    @classmethod
    def replay(cls, log: Iterable[Command], holdings: Holdings) -> Exchange:
        exchange = cls(holdings)
        for command in log:
            exchange.apply(command)
        return exchange

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


# --- cash in and out, listing -------------------------------------------------------------
def _amount_problems(amount: object) -> list[Problem]:
    try:
        to_fen(str(amount), "amount")
    except InputError as exc:
        return exc.problems
    return []


def _bank_problems(ex: Exchange, c: Deposit | Withdraw) -> list[Problem]:
    """A positive amount in fen (within the ledger's digits); a bank reference used once."""
    problems = _amount_problems(c.amount)
    if c.bank_ref and (c.bank, c.bank_ref) in ex.bank_refs:
        problems.append(bank_ref_used(c.bank, c.bank_ref))
    return problems


def _check_deposit(ex: Exchange, c: Deposit) -> None:
    raise_all(_bank_problems(ex, c))


def _apply_deposit(ex: Exchange, c: Deposit) -> None:
    ex.bank_refs.add((c.bank, c.bank_ref))
    ex.move_cash(BANK, avail(c.trader), to_fen(c.amount, "amount"), "deposit", c.trader)


def _check_withdraw(ex: Exchange, c: Withdraw) -> None:
    problems = _bank_problems(ex, c)
    if not problems and to_fen(c.amount) > ex.cash_available(c.trader):
        problems.append(unfunded(c.trader, to_fen(c.amount), ex.cash_available(c.trader)))
    raise_all(problems)


def _apply_withdraw(ex: Exchange, c: Withdraw) -> None:
    ex.bank_refs.add((c.bank, c.bank_ref))
    ex.move_cash(avail(c.trader), BANK, to_fen(c.amount, "amount"), "withdrawal", c.trader)


def _check_list(ex: Exchange, c: ListVintage) -> None:
    problems = _amount_problems(c.reference_close)
    if c.vintage in ex.books:
        problems.append(
            Problem(
                Location(field="vintage"),
                f"vintage {c.vintage} is already listed",
                f"{c.vintage} 年度配额已挂牌",
                "nothing to do",
                "无需重复挂牌",
            )
        )
    raise_all(problems)


def _apply_list(ex: Exchange, c: ListVintage) -> None:
    ex.books[c.vintage] = OrderBook()
    ex.closes[c.vintage] = to_fen(c.reference_close, "reference_close")


CHECKS: dict[type, Callable[[Exchange, Any], None]] = {
    ListVintage: _check_list,
    Deposit: _check_deposit,
    Withdraw: _check_withdraw,
    OpenDay: day.check_open,
    CloseDay: day.check_close,
    Place: listed.check_place,
    Click: listed.check_click,
    Cancel: listed.check_cancel,
    PostBlock: blocks.check_post,
    AcceptBlock: blocks.check_accept,
    AuctionApply: auction.check_apply,
    AuctionDecide: auction.check_decide,
    AuctionLodge: auction.check_lodge,
    AuctionBid: auction.check_bid,
    AuctionClear: auction.check_clear,
}
APPLY: dict[type, Callable[[Exchange, Any], None]] = {
    ListVintage: _apply_list,
    Deposit: _apply_deposit,
    Withdraw: _apply_withdraw,
    OpenDay: day.apply_open,
    CloseDay: day.apply_close,
    Place: listed.apply_place,
    Click: listed.apply_click,
    Cancel: listed.apply_cancel,
    PostBlock: blocks.apply_post,
    AcceptBlock: blocks.apply_accept,
    AuctionApply: auction.apply_apply,
    AuctionDecide: auction.apply_decide,
    AuctionLodge: auction.apply_lodge,
    AuctionBid: auction.apply_bid,
    AuctionClear: auction.apply_clear,
}
