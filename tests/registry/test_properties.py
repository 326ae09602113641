"""Stateful property test: random sequences of issue, transfer, freeze, unfreeze, surrender,
cancel, carry-over and deduction keep every invariant, and the ledger agrees with a model.

The ledger is shared across examples (invariants are global, so they must hold whatever came
before); each example works on its own fresh accounts.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from tests.registry.support import findings, held, run, uscc

from chinaets.core.errors import InputError
from chinaets.registry import records as r
from chinaets.registry.serials import UnitClass, unit_class
from chinaets.registry.service import Registry
from chinaets.registry.vintages import may_settle

UNITS = [unit_class("CEA", v) for v in ("2019-2020", "2021", "2024", "2025")] + [
    unit_class("CCER", "2024", "PRJ-7")
]
_numbers = itertools.count(1000)


def machine_for(registry: Registry, examples: int) -> type[RuleBasedStateMachine]:
    class LedgerMachine(RuleBasedStateMachine):
        @initialize()
        def accounts(self) -> None:
            self.accounts = []
            for _ in range(3):
                code = uscc(next(_numbers))
                run(registry, r.OpenAccount(r.AccountKind.HOLDING, code, "prop", "42"))
                self.accounts.append(f"ENT-{code}")
            self.free: Counter[tuple[str, UnitClass]] = Counter()
            self.frozen: Counter[tuple[str, UnitClass]] = Counter()
            self.freezes: list[tuple[int, str, UnitClass, int]] = []

        def attempt(self, request: r.Request) -> r.TxResult | None:
            try:
                return run(registry, request)
            except InputError:
                return None

        @rule(to=st.integers(0, 2), unit=st.sampled_from(UNITS), quantity=st.integers(1, 500))
        def issue(self, to: int, unit: UnitClass, quantity: int) -> None:
            kind = r.IssueKind.CCER if unit.kind.value == "CCER" else r.IssueKind.PRE_ALLOCATION
            run(registry, r.Issue("MEE", self.accounts[to], unit, quantity, kind))
            self.free[(self.accounts[to], unit)] += quantity

        @rule(
            a=st.integers(0, 2),
            b=st.integers(0, 2),
            unit=st.sampled_from(UNITS),
            quantity=st.integers(1, 600),
        )
        def transfer(self, a: int, b: int, unit: UnitClass, quantity: int) -> None:
            src, dst = self.accounts[a], self.accounts[b]
            done = self.attempt(r.Transfer(src, dst, unit, quantity))
            assert (done is not None) == (a != b and self.free[(src, unit)] >= quantity)
            if done:
                self.free[(src, unit)] -= quantity
                self.free[(dst, unit)] += quantity

        @rule(a=st.integers(0, 2), unit=st.sampled_from(UNITS), quantity=st.integers(1, 300))
        def freeze(self, a: int, unit: UnitClass, quantity: int) -> None:
            account = self.accounts[a]
            done = self.attempt(r.Freeze(account, "court", unit, quantity))
            assert (done is not None) == (self.free[(account, unit)] >= quantity)
            if done:
                self.free[(account, unit)] -= quantity
                self.frozen[(account, unit)] += quantity
                self.freezes.append((done.detail["freeze_id"], account, unit, quantity))

        @rule(data=st.data())
        def unfreeze(self, data: st.DataObject) -> None:
            if not self.freezes:
                return
            freeze_id, account, unit, quantity = self.freezes.pop(
                data.draw(st.integers(0, len(self.freezes) - 1))
            )
            run(registry, r.Unfreeze(freeze_id, "court release"))
            self.frozen[(account, unit)] -= quantity
            self.free[(account, unit)] += quantity

        @rule(a=st.integers(0, 2), unit=st.sampled_from(UNITS[:4]), quantity=st.integers(1, 300))
        def surrender(self, a: int, unit: UnitClass, quantity: int) -> None:
            account = self.accounts[a]
            obligation = r.Obligation(account[4:], 2025)
            done = self.attempt(r.Surrender(account, unit, quantity, obligation))
            # D25 §五(一): only 2025 and later vintages settle 2025 (the registry's vintage law)
            usable = may_settle(unit.first_year(), 2025, dt.date.today()) is None
            assert (done is not None) == (usable and self.free[(account, unit)] >= quantity)
            if done:
                self.free[(account, unit)] -= quantity

        @rule(a=st.integers(0, 2), unit=st.sampled_from(UNITS), quantity=st.integers(1, 300))
        def cancel(self, a: int, unit: UnitClass, quantity: int) -> None:
            account = self.accounts[a]
            done = self.attempt(r.Cancel(account, unit, quantity, r.CancelReason.VOLUNTARY))
            assert (done is not None) == (self.free[(account, unit)] >= quantity)
            if done:
                self.free[(account, unit)] -= quantity

        @rule(a=st.integers(0, 2), quantity=st.integers(1, 800))
        def carry_over(self, a: int, quantity: int) -> None:
            account = self.accounts[a]
            old = [u for u in UNITS[:3]]
            done = self.attempt(r.CarryOver(account, quantity, "notice"))
            assert (done is not None) == (sum(self.free[(account, u)] for u in old) >= quantity)
            if done:
                need = quantity
                for unit in old:
                    taken = min(need, self.free[(account, unit)])
                    self.free[(account, unit)] -= taken
                    need -= taken
                self.free[(account, UNITS[3])] += quantity

        @rule(a=st.integers(0, 2), unit=st.sampled_from(UNITS), quantity=st.integers(1, 300))
        def deduct(self, a: int, unit: UnitClass, quantity: int) -> None:
            account = self.accounts[a]
            done = self.attempt(r.Deduct(account, "MEE", unit, quantity, "enforcement"))
            assert (done is not None) == (self.free[(account, unit)] >= quantity)
            if done:
                self.free[(account, unit)] -= quantity

        @invariant()
        def ledger_sound_and_matches_model(self) -> None:
            assert findings(registry) == []
            for account in self.accounts:
                expected = {
                    u.label: (self.free[(account, u)], self.frozen[(account, u)])
                    for u in UNITS
                    if self.free[(account, u)] or self.frozen[(account, u)]
                }
                assert held(registry, account) == expected

    LedgerMachine.TestCase.settings = settings(
        max_examples=examples,
        stateful_step_count=12,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    return LedgerMachine


@pytest.fixture
def examples(backend: object) -> Iterator[int]:
    yield 60 if getattr(backend, "name", "") == "sqlite" else 30


def test_random_operation_sequences_keep_every_invariant(registry: Registry, examples: int) -> None:
    machine = machine_for(registry, examples)
    machine.TestCase().runTest()
