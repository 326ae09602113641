"""The exchange as a service: the command log, the cash ledger and delivery-versus-payment.

`Market.submit(command, actor)` checks the command (nothing is written if it is refused), then
runs ONE database transaction on one connection that holds:

- the command appended to `market_events`;
- every cash move in the cash ledger (`market_cash_*`);
- every allowance move through the registry service, `Registry.bound(conn).execute`, in the
  same transaction, as exchange settlement (exempt from four-eyes): escrow (trader → the exchange's clearing account, as `actor`), release and
  delivery (clearing → trader, as the exchange), each with a request id derived from the log
  position, so the registry's own checks, postings and audit chain run as usual;
- the trades.

Both legs of every trade (allowances to the buyer, cash to the seller) therefore commit
together or not at all: any failure in either leg, or in recording the trade, rolls back the
whole command, and the in-memory exchange is rebuilt from the log. The exchange never writes
registry tables itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, update

from chinaets.core.errors import InputError, Location
from chinaets.market.commands import Command, command_from_json
from chinaets.market.engine import Exchange, Outcome
from chinaets.market.records import AllowanceMove, CashMove, Trade
from chinaets.market.rules import to_yuan
from chinaets.market.store import CashBalanceRow, CashPostingRow, EventRow, TradeRow, create_tables
from chinaets.registry import queries
from chinaets.registry import records as r
from chinaets.registry.ids import clearing_account
from chinaets.registry.models import AccountRow
from chinaets.registry.serials import UnitClass, UnitKind
from chinaets.registry.service import Registry

DEFAULT_EXCHANGE = "SEEE"


class Market:
    def __init__(self, registry: Registry, exchange: str = DEFAULT_EXCHANGE) -> None:
        self.registry = registry
        self.engine: Engine = registry.engine
        self.code = exchange
        self.clearing = clearing_account(exchange)
        self.exchange_actor = r.Actor(f"exchange-{exchange}", r.Role.EXCHANGE, exchange)
        self.exchange = Exchange(self.free_holdings)

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

    def init(self) -> None:
        create_tables(self.engine)
        with self.registry.reading() as session:
            exists = session.get(AccountRow, self.clearing) is not None
        if not exists:
            request = r.OpenAccount(
                r.AccountKind.CLEARING, self.code, f"{self.code} 交易结算账户 clearing account"
            )
            self.registry.execute(r.SYSTEM, f"market-open-clearing-{self.code}", request)

    def reload(self) -> None:
        """Rebuild the in-memory exchange from the committed log."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(EventRow.body).order_by(EventRow.seq)).scalars().all()
        commands = [command_from_json(json.loads(body)) for body in rows]
        self.exchange = Exchange.replay(commands, self.free_holdings)

    # --- reads ----------------------------------------------------------------------------
    def free_holdings(self, trader: str, vintage: str) -> int:
        """Free (unfrozen) CEA of a vintage in the trader's registry account; 0 if none."""
        with self.engine.connect() as conn:
            return queries.free_quantity(conn, trader, UnitClass(UnitKind.CEA, vintage))

    # --- the one write path ---------------------------------------------------------------
    def submit(self, command: Command, actor: r.Actor = r.SYSTEM) -> Outcome:
        self.exchange.check(command)
        try:
            with self.engine.connect() as conn, conn.begin():
                outcome = self.exchange.apply(command)
                self._record(conn, outcome, actor)
        except BaseException:
            self.reload()
            raise
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
        for i, effect in enumerate(outcome.effects):
            if isinstance(effect, CashMove):
                self._cash_leg(conn, outcome.seq, effect)
            else:
                request_id = f"market-{self.code}-{outcome.seq}-{i}"
                tx_id = self._allowance_leg(bound, request_id, effect, actor)
                if effect.action == "deliver":
                    delivered[effect.ref] = tx_id
        for trade in outcome.trades:
            conn.execute(insert(TradeRow).values(**_trade_row(trade, delivered)))

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
        self, bound: Registry, request_id: str, move: AllowanceMove, actor: r.Actor
    ) -> int:
        unit = UnitClass(UnitKind.CEA, move.vintage)
        if move.action == "escrow":
            request = r.Transfer(move.trader, self.clearing, unit, move.quantity)
            who = actor
        else:
            request = r.Transfer(self.clearing, move.trader, unit, move.quantity)
            who = self.exchange_actor
        result = bound.execute(who, request_id, request, exchange_settlement=True)
        if result.status != "done":
            raise InputError.one(
                Location(field="registry"),
                f"the registry left transfer {request_id} {result.status}",
                f"登记系统未完成转移 {request_id}（{result.status}）",
                "exchange settlement transfers must not need four-eyes approval",
                "交易结算转移不应需要双人复核",
            )
        return result.tx_id

    # --- the cash ledger ------------------------------------------------------------------
    def balances(self) -> dict[str, Decimal]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(CashBalanceRow.account, CashBalanceRow.balance))
            return {a: Decimal(b).quantize(Decimal("0.01")) for a, b in rows}

    def cash_problems(self) -> list[str]:
        """The cash ledger's invariants; an empty list when they all hold."""
        problems = []
        with self.engine.connect() as conn:
            posted = dict(
                conn.execute(
                    select(CashPostingRow.account, func.sum(CashPostingRow.amount)).group_by(
                        CashPostingRow.account
                    )
                ).all()
            )
        balances = self.balances()
        if sum(balances.values(), Decimal(0)) != 0:
            problems.append(f"cash not conserved: balances sum to {sum(balances.values())}")
        for account, balance in balances.items():
            if Decimal(posted.get(account, 0)) != balance:
                problems.append(f"{account}: balance {balance} != postings {posted.get(account)}")
            if account != "BANK" and balance < 0:
                problems.append(f"{account}: negative balance {balance}")
            if to_yuan(self.exchange.cash.get(account, 0)) != balance:
                problems.append(
                    f"{account}: ledger {balance} != exchange {self.exchange.cash.get(account, 0)} fen"
                )
        return problems

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn


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
