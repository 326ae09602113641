"""Listed agreement (挂牌协议): continuous matching with price-time priority, the click-trade
(摘牌) on a quote among the best levels, and cancellation."""

from __future__ import annotations

from chinaets.core.errors import Problem
from chinaets.market import checks
from chinaets.market import problems as why
from chinaets.market.book import BUY, SELL, Order
from chinaets.market.commands import LISTED, Cancel, Click, Place
from chinaets.market.problems import raise_all
from chinaets.market.records import Trade
from chinaets.market.rules import to_fen
from chinaets.market.state import ExchangeState, reserve, unreserve, withdraw_quote


def _size(quantity: int, below: int, rules_lot: list[Problem]) -> list[Problem]:
    if rules_lot:
        return rules_lot
    return [why.listed_too_big(quantity, below)] if quantity >= below else []


def check_place(ex: ExchangeState, c: Place) -> None:
    rules = ex.rules(c.ts)
    problems = checks.vintage(ex, c.vintage) + checks.side(c.side)
    problems += checks.session(ex, c.ts, LISTED, rules.listed_sessions)
    problems += _size(c.quantity, rules.listed_quantity_below, checks.lot(c.quantity, rules))
    fen, price_problems = checks.price(
        ex, rules, c.vintage, c.price, rules.listed_price_limit, LISTED
    )
    problems += price_problems
    if not problems:
        problems += checks.backing(ex, c.trader, c.side, c.vintage, fen, c.quantity)
    # self-trade prevention: the incoming order is refused (the resting one stands)
    book = ex.books.get(c.vintage)
    if not problems and fen and book and book.would_meet(c.trader, c.side, fen, c.quantity):
        problems.append(why.self_trade(c.trader))
    raise_all(problems)


def apply_place(ex: ExchangeState, c: Place) -> None:
    fen = to_fen(c.price)
    order = Order(ex.next_id("O"), c.trader, c.side, fen, c.quantity, ex.seq)
    ex.outcome.ref = order.id
    ex.orders[order.id] = order
    ex.order_vintage[order.id] = c.vintage
    reserve(ex, c.trader, c.side, c.vintage, fen, c.quantity, order.id)
    for maker_id, _taker, price, qty in ex.books[c.vintage].add(order):
        _trade(ex, c, order, ex.orders[maker_id], price, qty)


def _trade(
    ex: ExchangeState, c: Place | Click, taker: Order, maker: Order, price: int, qty: int
) -> None:
    buy, sell = (taker, maker) if taker.side == BUY else (maker, taker)
    vintage = ex.order_vintage[maker.id]
    trade = Trade(
        ex.next_id("T"),
        ex.seq,
        c.ts,
        vintage,
        LISTED,
        price,
        qty,
        buy.trader,
        sell.trader,
        buy.id,
        sell.id,
    )
    ex.record_trade(trade, buy.price)


def _quote(ex: ExchangeState, quote_id: str) -> Order | None:
    vintage = ex.order_vintage.get(quote_id)
    if vintage is None:
        return None
    return ex.books[vintage].orders.get(quote_id)


def check_click(ex: ExchangeState, c: Click) -> None:
    rules = ex.rules(c.ts)
    quote = _quote(ex, c.quote_id)
    if quote is None:
        raise_all([why.unknown_order(c.quote_id, "quote_id")])
        return
    problems = checks.session(ex, c.ts, LISTED, rules.listed_sessions)
    problems += _size(c.quantity, rules.listed_quantity_below, checks.lot(c.quantity, rules))
    if quote.trader == c.trader:
        problems.append(why.own_quote(c.quote_id))
    book = ex.books[ex.order_vintage[quote.id]]
    if quote.price not in book.best_levels(quote.side, rules.click_depth):
        problems.append(why.beyond_depth(c.quote_id, rules.click_depth))
    if not problems and c.quantity > quote.remaining:
        problems.append(why.click_too_big(c.quote_id, c.quantity, quote.remaining))
    if not problems:
        side = SELL if quote.side == BUY else BUY
        problems += checks.backing(
            ex, c.trader, side, ex.order_vintage[quote.id], quote.price, c.quantity
        )
    raise_all(problems)


def apply_click(ex: ExchangeState, c: Click) -> None:
    quote = _quote(ex, c.quote_id)
    assert quote is not None
    vintage = ex.order_vintage[quote.id]
    side = SELL if quote.side == BUY else BUY
    taker = Order(ex.next_id("O"), c.trader, side, quote.price, c.quantity, ex.seq)
    ex.outcome.ref = taker.id
    ex.orders[taker.id] = taker
    ex.order_vintage[taker.id] = vintage
    reserve(ex, c.trader, side, vintage, quote.price, c.quantity, taker.id)
    _maker, _taker, price, qty = ex.books[vintage].take(quote.id, taker.id, c.quantity)
    taker.remaining = 0
    _trade(ex, c, taker, quote, price, qty)


def check_cancel(ex: ExchangeState, c: Cancel) -> None:
    if c.order_id in ex.block_quotes:
        owner = ex.block_quotes[c.order_id].trader
    else:
        quote = _quote(ex, c.order_id)
        if quote is None:
            raise_all([why.unknown_order(c.order_id)])
            return
        owner = quote.trader
    if owner != c.trader:
        raise_all([why.not_yours(c.order_id, c.trader)])


def apply_cancel(ex: ExchangeState, c: Cancel) -> None:
    if c.order_id in ex.block_quotes:
        withdraw_quote(ex, c.order_id, "cancelled")
        return
    vintage = ex.order_vintage[c.order_id]
    order = ex.books[vintage].cancel(c.order_id)
    unreserve(ex, order, vintage, "cancelled")
