"""The exchange as a service: one sequenced writer over the command log, the cash ledger and
delivery-versus-payment.

`Market.submit(command, actor)` runs ONE database transaction on one connection that:

1. takes the writer's turn: locks the single `market_sequence` row (`SELECT … FOR UPDATE` on
   PostgreSQL; SQLite's `BEGIN IMMEDIATE` already admits one writer), so commands from any
   number of threads, clients and API worker processes are applied one at a time in one order;
2. catches the in-memory exchange up with the events other writers committed since its last one
   (replaying them from the store's log), so every process checks against the same state;
3. checks the command (a refusal writes nothing and leaves the state untouched), applies it as
   event number `last + 1` (the store's number, never `len(log)`), and records:
   - the command in `market_events` and the new number in `market_sequence`;
   - every cash move in the cash ledger (`market_cash_*`);
   - every allowance move through the registry service, `Registry.bound(conn).execute`, in the
     same transaction, as exchange settlement (exempt from four-eyes): escrow (trader → the
     exchange's clearing account, as `actor`), release and delivery (clearing → trader, as the
     exchange), each with a request id derived from the event number, so the registry's own
     checks, postings and audit chain run as usual;
   - the trades.

Both legs of every trade therefore commit together or not at all. If anything fails after the
command was applied in memory, the transaction rolls back and this process rebuilds its state
from the log while it still holds its writer lock: no other request ever computes on a state
that the store does not have. Lost races with the registry's own writers (deadlock,
serialisation failure, SQLite busy) retry the whole command. Recovery is always a replay of
`market_events`. The exchange never writes registry tables itself.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update
from sqlalchemy.exc import DBAPIError, OperationalError

from chinaets.core.errors import InputError, Location
from chinaets.market import consistency
from chinaets.market.book import BUY
from chinaets.market.commands import Cancel, CloseDay, Command, command_from_json
from chinaets.market.engine import Exchange, Outcome
from chinaets.market.records import AllowanceMove, CashMove, Trade
from chinaets.market.rules import rules_on, to_yuan
from chinaets.market.store import (
    CashBalanceRow,
    CashPostingRow,
    EventRow,
    SequenceRow,
    TradeRow,
)
from chinaets.registry import queries, store
from chinaets.registry import records as r
from chinaets.registry.errors import LedgerError
from chinaets.registry.ids import clearing_account
from chinaets.registry.models import AccountRow
from chinaets.registry.serials import UnitClass, UnitKind
from chinaets.registry.service import Registry, _retryable

DEFAULT_EXCHANGE = "SEEE"
MAX_ATTEMPTS = 20


class Market:
    def __init__(self, registry: Registry, exchange: str = DEFAULT_EXCHANGE) -> None:
        self.registry = registry
        self.engine: Engine = registry.engine
        self.code = exchange
        self.clearing = clearing_account(exchange)
        self.exchange_actor = r.Actor(f"exchange-{exchange}", r.Role.EXCHANGE, exchange)
        self.exchange = Exchange(self.free_holdings)
        # one writer (and no reader of a half-applied state) per process; the sequence row
        # does the same across processes
        self._lock = threading.RLock()
        self._conn: Connection | None = None  # the writer's transaction while a command runs

    @classmethod
    def open(cls, url: str | None = None, exchange: str = DEFAULT_EXCHANGE) -> Market:
        """Open (creating if needed) the registry, the exchange tables and the clearing account,
        and rebuild the exchange by replaying its log."""
        registry = Registry.open(url)
        registry.init()
        market = cls(registry, exchange)
        market.init()
        market.reload()
        return market

    @classmethod
    def open_existing(cls, url: str, exchange: str = DEFAULT_EXCHANGE) -> Market:
        """The market of an existing, initialised ledger, for reading: nothing is created."""
        market = cls(Registry.open(store.require_existing(url)), exchange)
        try:
            market.reload()
        except DBAPIError:
            market.engine.dispose()
            raise InputError.one(
                Location(field="db"),
                f"{url} is not an initialised ledger with an exchange",
                f"{url} 不是已初始化的登记簿（含交易系统）",
                "create it with `chinaets registry init`, then open the market with a command",
                "请先运行 `chinaets registry init`",
            ) from None
        return market

    def init(self) -> None:
        store.upgrade(self.engine)  # the exchange's tables are in the registry's chain
        with self.registry.reading() as session:
            exists = session.get(AccountRow, self.clearing) is not None
        if not exists:
            request = r.OpenAccount(
                r.AccountKind.CLEARING, self.code, f"{self.code} 交易结算账户 clearing account"
            )
            self.registry.execute(r.SYSTEM, f"market-open-clearing-{self.code}", request)

    def reload(self) -> None:
        """Rebuild the in-memory exchange from the committed log."""
        with self._lock:
            self.exchange = Exchange(self.free_holdings)
            with self.engine.connect() as conn:
                self._catch_up(conn)

    def _catch_up(self, conn: Connection) -> None:
        """Apply the events committed after the last one this process has applied."""
        rows = conn.execute(
            select(EventRow.seq, EventRow.body)
            .where(EventRow.seq > self.exchange.seq)
            .order_by(EventRow.seq)
        )
        for seq, body in rows:
            self.exchange.apply(command_from_json(json.loads(body)), seq)

    @contextmanager
    def view(self) -> Iterator[Exchange]:
        """The exchange as of the last committed event, held still while the caller reads."""
        with self._lock:
            with self.engine.connect() as conn:
                self._catch_up(conn)
            yield self.exchange

    # --- reads ----------------------------------------------------------------------------
    def free_holdings(self, trader: str, vintage: str) -> int:
        """Free (unfrozen) CEA of a vintage in the trader's registry account; 0 if none. While
        a command runs, read in its transaction (SQLite admits one writer at a time)."""
        unit = UnitClass(UnitKind.CEA, vintage)
        if self._conn is not None:
            return queries.free_quantity(self._conn, trader, unit)
        with self.engine.connect() as conn:
            return queries.free_quantity(conn, trader, unit)

    # --- the one write path ---------------------------------------------------------------
    def submit(
        self,
        command: Command,
        actor: r.Actor = r.SYSTEM,
        within: Callable[[Connection, int], None] | None = None,
    ) -> Outcome:
        """Check, apply and record one command as the next event (see the module text).
        `within(conn, seq)` runs in the command's transaction after it is recorded (a parked
        block command's approval is marked in the same commit as the event it becomes)."""
        failure: Exception | None = None
        with self._lock:
            for attempt in range(MAX_ATTEMPTS):
                try:
                    return self._submit_once(command, actor, within)
                except ClosedBuyers as closed:  # withdraw their bids, then try again
                    if not self._withdraw_bids(closed.accounts, command):
                        raise _closed(closed.accounts) from None
                    continue
                except OperationalError as exc:
                    if not _retryable(exc):
                        raise
                    failure = exc
                time.sleep(random.uniform(0, min(0.25, 0.002 * 2**attempt)))
        raise LedgerError(
            "the exchange stayed too busy to record the command; nothing was written",
            "交易系统持续繁忙，指令未被记录",
            "send the command again",
            "请重新提交指令",
        ) from failure

    def _submit_once(
        self,
        command: Command,
        actor: r.Actor,
        within: Callable[[Connection, int], None] | None = None,
    ) -> Outcome:
        applied = False
        try:
            with self.engine.connect() as conn, conn.begin():
                last = _take_turn(conn)
                self._catch_up(conn)
                if self.exchange.seq != last:
                    raise _diverged(last, self.exchange.seq)
                self._conn = conn
                self.exchange.check(command)
                applied = True
                outcome = self.exchange.apply(command, last + 1)
                _buyers_open(conn, outcome)
                self._record(conn, outcome, actor)
                if within is not None:
                    within(conn, outcome.seq)
                conn.execute(update(SequenceRow).where(SequenceRow.id == 1).values(seq=outcome.seq))
        except BaseException:
            if applied:  # memory is ahead of the store: rebuild before anyone reads it
                self._conn = None
                self.reload()
            raise
        finally:
            self._conn = None
        return outcome

    def _record(self, conn: Connection, outcome: Outcome, actor: r.Actor) -> None:
        command = outcome.command
        conn.execute(
            insert(EventRow).values(
                seq=outcome.seq,
                ts=command.ts.isoformat(),
                kind=command.kind,
                actor=actor.user_id,
                body=r.canonical(command.as_json()),
            )
        )
        delivered: dict[str, int] = {}
        bound = self.registry.bound(conn)
        hold = bool(outcome.trades) and not rules_on(command.ts.date()).same_day_resale
        for i, effect in enumerate(outcome.effects):
            if isinstance(effect, CashMove):
                self._cash_leg(conn, outcome.seq, effect)
            else:
                request_id = f"market-{self.code}-{outcome.seq}-{i}"
                tx_id = self._allowance_leg(bound, request_id, effect, actor, hold)
                if effect.action == "deliver":
                    delivered[effect.ref] = tx_id
        for trade in outcome.trades:
            conn.execute(insert(TradeRow).values(**_trade_row(trade, delivered)))
        if isinstance(command, CloseDay):  # T+1: what was bought today may now leave
            request_id = f"market-{self.code}-{outcome.seq}-holds"
            bound.execute(self.exchange_actor, request_id, r.ReleaseHolds(self.clearing))

    def _cash_leg(self, conn: Connection, seq: int, move: CashMove) -> None:
        amount = move.amount
        for account, delta in ((move.source, -amount), (move.destination, amount)):
            _add_balance(conn, account, delta)
            conn.execute(
                insert(CashPostingRow).values(
                    seq=seq, account=account, amount=delta, reason=move.reason, ref=move.ref
                )
            )

    def _allowance_leg(
        self, bound: Registry, request_id: str, move: AllowanceMove, actor: r.Actor, hold: bool
    ) -> int:
        """One registry transfer of a settlement leg; a delivery is held until the close when
        units bought today may not be sold today (`same_day_resale`)."""
        unit = UnitClass(UnitKind.CEA, move.vintage)
        if move.action == "escrow":
            request = r.Transfer(move.trader, self.clearing, unit, move.quantity)
            who = actor
        else:
            request = r.Transfer(self.clearing, move.trader, unit, move.quantity)
            who = self.exchange_actor
        held = hold and move.action == "deliver"
        result = bound.execute(who, request_id, request, exchange_settlement=True, hold=held)
        if result.status != "done":
            raise InputError.one(
                Location(field="registry"),
                f"the registry left transfer {request_id} {result.status}",
                f"登记系统未完成转移 {request_id}（{result.status}）",
                "exchange settlement transfers must not need four-eyes approval",
                "交易结算转移不应需要双人复核",
            )
        return result.tx_id

    def _withdraw_bids(self, accounts: list[str], command: Command) -> int:
        """The exchange cancels every resting buy order of accounts the registry has closed
        (their reserved cash goes back to available, for the bank to pay out), each as its
        own event, so that one closed counterparty does not block the book."""
        with self.view() as exchange:
            bids = [
                (order.trader, order.id)
                for book in exchange.books.values()
                for order in book.orders.values()
                if order.trader in accounts and order.side == BUY
            ]
        for trader, order_id in bids:
            self._submit_once(Cancel(command.ts, trader, order_id), self.exchange_actor)
        return len(bids)

    # --- the cash ledger ------------------------------------------------------------------
    def balances(self) -> dict[str, Decimal]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(CashBalanceRow.account, CashBalanceRow.balance))
            return {a: Decimal(b).quantize(Decimal("0.01")) for a, b in rows}

    def cash_problems(self) -> list[str]:
        """The cash ledger's invariants; an empty list when they all hold."""
        return consistency.cash_problems(self)

    def replay_problems(self) -> list[str]:
        """The log replayed from scratch against the store and the running exchange."""
        return consistency.replay_problems(self)

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn


class ClosedBuyers(Exception):
    """Allowances were to be delivered into registry accounts that are no longer open."""

    def __init__(self, accounts: list[str]) -> None:
        super().__init__(", ".join(accounts))
        self.accounts = accounts


def _closed(accounts: list[str]) -> InputError:
    return InputError.one(
        Location(field="trader"),
        f"allowances would go to closed registry accounts: {', '.join(accounts)}",
        f"配额将交付至已销户的登记账户：{'、'.join(accounts)}",
        "the exchange must withdraw those accounts' bids and quotes first",
        "须先由交易机构撤销这些账户的申报",
    )


def _buyers_open(conn: Connection, outcome: Outcome) -> None:
    """Raise ClosedBuyers (before anything is written) if a delivery goes to a closed account."""
    buyers = {
        e.trader for e in outcome.effects if isinstance(e, AllowanceMove) and e.action == "deliver"
    }
    if not buyers:
        return
    query = select(AccountRow.id).where(
        AccountRow.id.in_(sorted(buyers)), AccountRow.state != r.AccountState.OPEN.value
    )
    closed = sorted(conn.execute(query).scalars())
    if closed:
        raise ClosedBuyers(closed)


def _take_turn(conn: Connection) -> int:
    """Lock the sequence row (the writer's turn) and return the last event number."""
    query = select(SequenceRow.seq).where(SequenceRow.id == 1).with_for_update()
    last = conn.execute(query).scalar()
    if last is None:
        raise _diverged(0, -1)
    return int(last)


def _diverged(store_seq: int, memory_seq: int) -> LedgerError:
    return LedgerError(
        f"the exchange log is inconsistent (sequence {store_seq}, events to {memory_seq})",
        f"交易指令日志不一致（序号 {store_seq}，事件至 {memory_seq}）",
        "run `chinaets market check` and restore the database from a backup",
        "请运行 `chinaets market check` 并从备份恢复数据库",
    )


def _add_balance(conn: Connection, account: str, delta: Decimal) -> None:
    """Add to a balance (creating the account on its first credit); the CHECK constraint
    refuses any balance but BANK's going below zero."""
    row = CashBalanceRow
    done = conn.execute(
        update(row).where(row.account == account).values(balance=row.balance + delta)
    )
    if done.rowcount == 0:
        conn.execute(insert(row).values(account=account, balance=delta))


def _trade_row(trade: Trade, delivered: dict[str, int]) -> dict[str, Any]:
    return {
        "id": trade.id,
        "seq": trade.seq,
        "ts": trade.ts.isoformat(),
        "vintage": trade.vintage,
        "mode": trade.mode,
        "price": to_yuan(trade.price),
        "quantity": trade.quantity,
        "buyer": trade.buyer,
        "seller": trade.seller,
        "buy_order": trade.buy_order,
        "sell_order": trade.sell_order,
        "registry_tx_id": delivered[trade.id],
    }
