"""Property tests: random order streams (places, clicks, cancels) never leave the book
crossed, never overfill an order, never trade outside the limits, keep price-time priority,
and conserve allowances and cash."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from market_support import CLOSE, DAY, PaperExchange

from chinaets.core.errors import InputError
from chinaets.market.commands import Cancel, Click, Deposit, ListVintage, OpenDay, Place
from chinaets.market.rules import band, rules_on

TRADERS = ["T1", "T2", "T3", "T4"]
LOW, HIGH = band(7000, rules_on(DAY.date()).listed_price_limit)

action = st.tuples(
    st.sampled_from(["place", "place", "place", "click", "cancel"]),
    st.sampled_from(TRADERS),
    st.sampled_from(["buy", "sell"]),
    st.integers(LOW - 20, HIGH + 20),  # some outside the band, to be refused
    st.integers(1, 400),
    st.integers(0, 50),
)


def _fresh() -> PaperExchange:
    paper = PaperExchange({(t, "2024"): 20_000 for t in TRADERS})
    paper.submit(ListVintage(DAY, "2024", CLOSE))
    paper.submit(OpenDay(DAY))
    for t in TRADERS:
        paper.submit(Deposit(DAY, t, Decimal("2000000")))
    return paper


def _command(paper: PaperExchange, i: int, a: tuple[str, str, str, int, int, int]) -> object:
    kind, trader, side, price, qty, pick = a
    ts = (
        DAY.replace(hour=10)
        + (DAY - DAY.replace(hour=9)) * 0
        + __import__("datetime").timedelta(seconds=i)
    )
    resting = paper.ex.books["2024"].resting()
    if kind == "place" or not resting:
        return Place(ts, trader, "2024", side, Decimal(price) / 100, qty)
    target = resting[pick % len(resting)]
    if kind == "click":
        return Click(ts, trader, target.id, min(qty, target.remaining))
    return Cancel(ts, target.trader, target.id)


def _check_invariants(paper: PaperExchange, filled: Counter[str]) -> None:
    ex, book = paper.ex, paper.ex.books["2024"]
    bid, ask = book.best_bid(), book.best_ask()
    assert bid is None or ask is None or bid < ask, "book crossed"
    for order_id, qty in filled.items():
        assert qty <= ex.orders[order_id].quantity, "order overfilled"
    assert all(LOW <= t.price <= HIGH for t in ex.trades), "trade outside the limits"
    assert sum(ex.cash.values()) == 0, "cash not conserved"
    assert all(v >= 0 for k, v in ex.cash.items() if k != "BANK"), "negative cash"
    escrow = sum(o.remaining for o in book.orders.values() if o.side == "sell")
    assert paper.paper.clearing["2024"] == escrow, "escrow does not back the resting sells"
    held = sum(paper.paper.free[(t, "2024")] for t in TRADERS)
    assert held + paper.paper.clearing["2024"] == 20_000 * len(TRADERS), "allowances not conserved"
    reserved = sum(o.price * o.remaining for o in book.orders.values() if o.side == "buy")
    assert sum(v for k, v in ex.cash.items() if k.endswith("/reserved")) == reserved


def _check_priority(
    paper: PaperExchange, before: list[tuple[str, int, int, str]], trades: list
) -> None:
    """A continuous-matching taker filled the best makers first (price, then arrival)."""
    if not trades or not isinstance(paper.ex.log[-1], Place):
        return
    taker_side = paper.ex.log[-1].side
    makers = [o for o in before if o[3] != taker_side]
    key = (lambda o: (o[1], o[2])) if taker_side == "buy" else (lambda o: (-o[1], o[2]))
    expected = [o[0] for o in sorted(makers, key=key)][: len(trades)]
    got = [t.sell_order if taker_side == "buy" else t.buy_order for t in trades]
    assert got == expected, "price-time priority broken"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(action, min_size=1, max_size=60))
def test_random_streams_keep_the_invariants(
    actions: list[tuple[str, str, str, int, int, int]],
) -> None:
    paper = _fresh()
    filled: Counter[str] = Counter()
    for i, a in enumerate(actions):
        command = _command(paper, i, a)
        book = paper.ex.books["2024"]
        before = [(o.id, o.price, o.seq, o.side) for o in book.resting()]
        try:
            outcome = paper.submit(command)  # type: ignore[arg-type]
        except InputError:
            continue
        for t in outcome.trades:
            filled[t.buy_order] += t.quantity
            filled[t.sell_order] += t.quantity
        _check_priority(paper, before, outcome.trades)
        _check_invariants(paper, filled)
