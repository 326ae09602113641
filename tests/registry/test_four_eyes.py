"""Four-eyes covers every large movement of units, not only transfers: a cancellation, a
surrender, a forced surrender or a deduction above the threshold waits for a second user of the
same organisation; the request is checked in full when it is made (a request that would fail is
refused at once, not parked); the approval runs it against the ledger as it then is."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tests.registry.support import findings, held, open_enterprise, run

from chinaets.core.errors import InputError
from chinaets.registry import queries
from chinaets.registry import records as r
from chinaets.registry.serials import UnitClass, UnitKind
from chinaets.registry.service import Registry

CEA = UnitClass(UnitKind.CEA, "2024")


def _user(account: str, name: str) -> r.Actor:
    code = account.removeprefix("ENT-")
    return r.Actor(f"{name}-{code}", r.Role.ENTERPRISE, code)


@pytest.fixture
def strict(registry: Registry) -> tuple[Registry, str]:
    guarded = Registry(registry.engine, four_eyes_threshold=1_000)
    account = open_enterprise(guarded, 1)
    run(guarded, r.Issue("MEE", account, CEA, 10_000, r.IssueKind.PRE_ALLOCATION))
    return guarded, account


def _obligation(account: str) -> r.Obligation:
    return r.Obligation(account.removeprefix("ENT-"), 2024)


@pytest.mark.parametrize(
    "movement",
    [
        lambda a: r.Surrender(a, CEA, 5_000, _obligation(a)),
        lambda a: r.Cancel(a, CEA, 5_000, r.CancelReason.VOLUNTARY),
    ],
    ids=["surrender", "cancellation"],
)
def test_a_large_movement_waits_for_a_second_user(
    strict: tuple[Registry, str], movement: Callable[[str], r.Request]
) -> None:
    registry, account = strict
    pending = registry.execute(_user(account, "alice"), "big", movement(account))
    assert pending.status == "pending_approval" and pending.postings == ()
    assert held(registry, account) == {"CEA-2024": (10_000, 0)}
    approval = r.Approve(pending.detail["approval_id"])
    with pytest.raises(InputError):  # not by the user who asked
        registry.execute(_user(account, "alice"), "self-approve", approval)
    done = registry.execute(_user(account, "bob"), "approve", approval)
    assert done.status == "done" and done.detail["approval_id"] == approval.approval_id
    assert held(registry, account) == {"CEA-2024": (5_000, 0)}
    assert findings(registry) == []


def test_small_movements_run_at_once(strict: tuple[Registry, str]) -> None:
    registry, account = strict
    surrender = r.Surrender(account, CEA, 1_000, _obligation(account))
    assert registry.execute(_user(account, "alice"), "small", surrender).status == "done"


def test_a_movement_that_would_fail_is_refused_not_parked(strict: tuple[Registry, str]) -> None:
    registry, account = strict
    too_many = r.Surrender(account, CEA, 20_000, _obligation(account))
    with pytest.raises(InputError):
        registry.execute(_user(account, "alice"), "too-many", too_many)
    with registry.reading() as session:
        assert queries.pending_approvals(session, _user(account, "bob")) == []
    assert findings(registry) == []


def test_the_approval_checks_the_ledger_as_it_is_then(strict: tuple[Registry, str]) -> None:
    registry, account = strict
    first = registry.execute(
        _user(account, "alice"), "first", r.Cancel(account, CEA, 6_000, r.CancelReason.VOLUNTARY)
    )
    second = registry.execute(
        _user(account, "alice"), "second", r.Cancel(account, CEA, 6_000, r.CancelReason.VOLUNTARY)
    )
    registry.execute(_user(account, "bob"), "ok-1", r.Approve(first.detail["approval_id"]))
    with pytest.raises(InputError):  # only 4,000 left
        registry.execute(_user(account, "bob"), "ok-2", r.Approve(second.detail["approval_id"]))
    assert held(registry, account) == {"CEA-2024": (4_000, 0)}
