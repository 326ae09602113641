"""Four-eyes for block escrow: a block sell quote (or the acceptance of a block buy quote) that
would escrow more than the threshold waits for a second user of the trader's organisation; it is
checked when asked for; the approval runs it once, stamped with the server's time."""

from __future__ import annotations

from decimal import Decimal

import pytest
from market_support import at

from chinaets.core.errors import InputError
from chinaets.market import block_approvals
from chinaets.market.commands import PostBlock
from chinaets.market.service import Market
from chinaets.registry import records as r

Setup = tuple[Market, str, str]
THRESHOLD = 150_000


def _user(account: str, name: str) -> r.Actor:
    return r.Actor(f"{name}-{account}", r.Role.ENTERPRISE, account.removeprefix("ENT-"))


@pytest.fixture
def strict(market: Setup) -> Setup:
    m, seller, buyer = market
    m.registry.four_eyes_threshold = THRESHOLD
    return m, seller, buyer


def _quote(seller: str, quantity: int) -> PostBlock:
    return PostBlock(at(13, 30), seller, "2024", "sell", Decimal("70.00"), quantity)


def test_a_large_block_quote_waits_for_a_second_user(strict: Setup) -> None:
    m, seller, _ = strict
    parked = block_approvals.request(m, _quote(seller, 200_000), _user(seller, "alice"))
    assert isinstance(parked, block_approvals.Parked) and parked.escrow == 200_000
    assert m.free_holdings(m.clearing, "2024") == 0  # nothing escrowed yet
    assert [p["approval_id"] for p in block_approvals.pending(m, _user(seller, "bob"))] == [
        parked.approval_id
    ]
    with pytest.raises(InputError):  # not by the user who asked
        block_approvals.approve(m, parked.approval_id, _user(seller, "alice"), at(13, 40))
    done = block_approvals.approve(m, parked.approval_id, _user(seller, "bob"), at(13, 41))
    assert done.ref is not None and done.command.ts == at(13, 41)
    assert m.free_holdings(m.clearing, "2024") == 200_000
    with pytest.raises(InputError):  # approved once only
        block_approvals.approve(m, parked.approval_id, _user(seller, "carol"), at(13, 42))
    assert block_approvals.pending(m, _user(seller, "bob")) == []
    assert m.replay_problems() == [] and m.cash_problems() == []


def test_small_quotes_and_other_firms(strict: Setup) -> None:
    m, seller, buyer = strict
    small = block_approvals.request(m, _quote(seller, 100_000), _user(seller, "alice"))
    assert not isinstance(small, block_approvals.Parked)
    parked = block_approvals.request(m, _quote(seller, 190_000), _user(seller, "alice"))
    assert isinstance(parked, block_approvals.Parked)
    with pytest.raises(InputError):  # another firm neither approves nor learns it exists
        block_approvals.approve(m, parked.approval_id, _user(buyer, "eve"), at(13, 40))
    assert block_approvals.pending(m, _user(buyer, "eve")) == []


def test_a_quote_that_would_be_refused_is_not_parked(strict: Setup) -> None:
    m, seller, _ = strict
    with pytest.raises(InputError):  # more than the seller holds
        block_approvals.request(m, _quote(seller, 400_000), _user(seller, "alice"))
    assert block_approvals.pending(m, _user(seller, "bob")) == []


def test_rejected_quotes_never_run(strict: Setup) -> None:
    m, seller, _ = strict
    parked = block_approvals.request(m, _quote(seller, 200_000), _user(seller, "alice"))
    assert isinstance(parked, block_approvals.Parked)
    block_approvals.reject(m, parked.approval_id, _user(seller, "bob"), at(13, 40))
    with pytest.raises(InputError):
        block_approvals.approve(m, parked.approval_id, _user(seller, "bob"), at(13, 41))
    assert m.free_holdings(m.clearing, "2024") == 0
