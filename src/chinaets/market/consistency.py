"""The exchange's consistency checks (`chinaets market check`): the cash ledger against its
postings and the running exchange, and the whole log replayed from scratch against the store.

Each check reads one snapshot (one transaction) while holding the market's process lock, after
catching the running exchange up with the log, so a check run while others trade compares like
with like."""

from __future__ import annotations

import json
from contextlib import AbstractContextManager
from decimal import Decimal
from typing import Any, Protocol

from sqlalchemy import Connection, Engine, func, select

from chinaets.market.commands import command_from_json
from chinaets.market.engine import Exchange
from chinaets.market.records import BANK, Trade
from chinaets.market.rules import to_yuan
from chinaets.market.store import CashBalanceRow, CashPostingRow, EventRow, SequenceRow, TradeRow


class Market(Protocol):
    """What the checks need of `chinaets.market.service.Market` (which calls them: a protocol
    keeps the arrow from the service to the checks only)."""

    engine: Engine

    def view(self) -> AbstractContextManager[Exchange]: ...

    def free_holdings(self, trader: str, vintage: str) -> int: ...


def cash_problems(market: Market) -> list[str]:
    """Conservation, balances equal to their postings, no negative balance (the BANK contra
    account never positive), and the ledger equal to the running exchange's cash."""
    with market.view() as exchange, market.engine.connect() as conn:
        posted = _posted(conn)
        rows = conn.execute(select(CashBalanceRow.account, CashBalanceRow.balance)).all()
        cash = dict(exchange.cash)
    balances = {a: Decimal(b).quantize(Decimal("0.01")) for a, b in rows}
    problems = []
    if sum(balances.values(), Decimal(0)) != 0:
        problems.append(f"cash not conserved: balances sum to {sum(balances.values())}")
    for account, balance in balances.items():
        if Decimal(posted.get(account, 0)) != balance:
            problems.append(f"{account}: balance {balance} != postings {posted.get(account)}")
        if balance > 0 if account == BANK else balance < 0:
            problems.append(f"{account}: balance {balance} on the wrong side of zero")
        if to_yuan(cash.get(account, 0)) != balance:
            problems.append(f"{account}: ledger {balance} != exchange {cash.get(account, 0)} fen")
    return problems


def _posted(conn: Connection) -> dict[str, Any]:
    query = select(CashPostingRow.account, func.sum(CashPostingRow.amount)).group_by(
        CashPostingRow.account
    )
    return {account: total for account, total in conn.execute(query).all()}


def replay_problems(market: Market) -> list[str]:
    """Event numbers without gaps and equal to the sequence row; the log replayed into a fresh
    exchange makes exactly the stored trades and the running exchange's cash."""
    with market.view() as exchange, market.engine.connect() as conn:
        seqs = list(conn.execute(select(EventRow.seq).order_by(EventRow.seq)).scalars())
        head = conn.execute(select(SequenceRow.seq)).scalar()
        stored = {row.id: row for row in conn.execute(select(TradeRow))}
        bodies = list(conn.execute(select(EventRow.body).order_by(EventRow.seq)).scalars())
        running = dict(exchange.cash)
    problems: list[str] = []
    if seqs != list(range(1, len(seqs) + 1)):
        problems.append("event numbers have gaps or duplicates")
    if head != len(seqs):
        problems.append(f"sequence row {head} != {len(seqs)} events")
    replayed = Exchange.replay(
        (command_from_json(json.loads(body)) for body in bodies), market.free_holdings
    )
    problems += _trade_problems(replayed.trades, stored)
    if {k: v for k, v in replayed.cash.items() if v} != {k: v for k, v in running.items() if v}:
        problems.append("the replayed cash differs from the running exchange's")
    return problems


def _trade_problems(replayed: list[Trade], stored: dict[str, Any]) -> list[str]:
    problems = []
    if len(replayed) != len(stored):
        problems.append(f"replay makes {len(replayed)} trades, the store has {len(stored)}")
    for trade in replayed:
        row = stored.get(trade.id)
        expected = (trade.seq, trade.quantity, trade.buyer, trade.seller, to_yuan(trade.price))
        if row is None or (row.seq, row.quantity, row.buyer, row.seller, row.price) != expected:
            problems.append(f"trade {trade.id} differs between the replay and the store")
    return problems
