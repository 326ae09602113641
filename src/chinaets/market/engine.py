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

from collections.abc import Callable, Iterable
from typing import Any

from chinaets.core.errors import InputError, Location, Problem
from chinaets.market import auction, blocks, day, listed
from chinaets.market.book import OrderBook
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
from chinaets.market.records import BANK
from chinaets.market.records import available as avail
from chinaets.market.rules import to_fen
from chinaets.market.state import ExchangeState, Holdings, Outcome

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


class Exchange(ExchangeState):
    """The state machine: checks and applies commands, dispatching them to the modes."""

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
