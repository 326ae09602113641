"""Helpers of the exchange tests: an in-memory exchange over paper holdings (effects applied
as the registry would), and a market over a real registry on SQLite (and PostgreSQL when
CHINAETS_TEST_PG_URL reaches a server)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from chinaets.core.ids import credit_code_check_char
from chinaets.market.commands import Command
from chinaets.market.engine import Exchange, Outcome
from chinaets.market.records import AllowanceMove
from chinaets.registry import records as r
from chinaets.registry.serials import UnitClass, UnitKind
from chinaets.registry.service import Registry

DAY = dt.datetime(2025, 7, 1, 9, 0)  # a Tuesday, a trading day
CLOSE = Decimal("70.00")


def at(hour: int, minute: int = 0, day: dt.datetime = DAY) -> dt.datetime:
    return day.replace(hour=hour, minute=minute)


class Paper:
    """Registry holdings on paper: free units per (account, vintage) and the clearing pool."""

    def __init__(self, holdings: dict[tuple[str, str], int]) -> None:
        self.free: dict[tuple[str, str], int] = defaultdict(int, holdings)
        self.clearing: dict[str, int] = defaultdict(int)

    def __call__(self, trader: str, vintage: str) -> int:
        return self.free[(trader, vintage)]

    def apply(self, outcome: Outcome) -> Outcome:
        for e in outcome.effects:
            if isinstance(e, AllowanceMove):
                sign = 1 if e.action == "escrow" else -1
                self.free[(e.trader, e.vintage)] -= sign * e.quantity
                self.clearing[e.vintage] += sign * e.quantity
                assert self.free[(e.trader, e.vintage)] >= 0 and self.clearing[e.vintage] >= 0
        return outcome


class PaperExchange:
    """An Exchange whose allowance effects land on paper holdings."""

    def __init__(self, holdings: dict[tuple[str, str], int]) -> None:
        self.paper = Paper(holdings)
        self.ex = Exchange(self.paper)

    def submit(self, command: Command) -> Outcome:
        return self.paper.apply(self.ex.submit(command))


def uscc(n: int) -> str:
    body = f"91420100MA{n:07d}"
    return body + credit_code_check_char(body)


def open_entity(registry: Registry, n: int, cea_2024: int = 0) -> str:
    code = uscc(n)
    registry.execute(
        r.SYSTEM, f"open-{n}", r.OpenAccount(r.AccountKind.HOLDING, code, f"E{n}", "42")
    )
    account = f"ENT-{code}"
    if cea_2024:
        unit = UnitClass(UnitKind.CEA, "2024")
        issue = r.Issue("MEE", account, unit, cea_2024, r.IssueKind.PRE_ALLOCATION)
        registry.execute(r.SYSTEM, f"issue-{n}", issue)
    return account
