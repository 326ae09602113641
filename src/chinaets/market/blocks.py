"""Block agreement (大宗协议): a quote of at least 100,000 t within ±30 % of the previous close,
13:00-15:00. Addressed to one counterparty it is a bilateral negotiation; addressed to nobody
it is a posted offer any trader may accept directly. Acceptance is for the whole quantity at
the quote's price; block trades do not set the close."""

from __future__ import annotations

from chinaets.market import checks
from chinaets.market import problems as why
from chinaets.market.commands import BLOCK, BUY, SELL, AcceptBlock, PostBlock
from chinaets.market.problems import raise_all
from chinaets.market.records import Trade
from chinaets.market.rules import to_fen
from chinaets.market.state import BlockQuote, ExchangeState, reserve


def check_post(ex: ExchangeState, c: PostBlock) -> None:
    rules = ex.rules(c.ts)
    problems = checks.vintage(ex, c.vintage) + checks.side(c.side)
    problems += checks.session(ex, c.ts, BLOCK, rules.block_sessions)
    lot = checks.lot(c.quantity, rules)
    if not lot and c.quantity < rules.block_quantity_min:
        lot = [why.block_too_small(c.quantity, rules.block_quantity_min)]
    problems += lot
    fen, price_problems = checks.price(
        ex, rules, c.vintage, c.price, rules.block_price_limit, BLOCK
    )
    problems += price_problems
    if c.counterparty == c.trader:
        problems.append(why.own_quote("(new block quote)"))
    if not problems:
        problems += checks.backing(ex, c.trader, c.side, c.vintage, fen, c.quantity)
    raise_all(problems)


def apply_post(ex: ExchangeState, c: PostBlock) -> None:

    quote = BlockQuote(
        ex.next_id("B"),
        c.trader,
        c.vintage,
        c.side,
        to_fen(c.price),
        c.quantity,
        c.counterparty,
        ex.seq,
    )
    ex.block_quotes[quote.id] = quote
    ex.outcome.ref = quote.id
    reserve(ex, c.trader, c.side, c.vintage, quote.price, c.quantity, quote.id)


def check_accept(ex: ExchangeState, c: AcceptBlock) -> None:
    quote = ex.block_quotes.get(c.quote_id)
    if quote is None:
        raise_all([why.unknown_order(c.quote_id, "quote_id")])
        return
    rules = ex.rules(c.ts)
    problems = checks.session(ex, c.ts, BLOCK, rules.block_sessions)
    if quote.trader == c.trader:
        problems.append(why.own_quote(c.quote_id))
    elif quote.counterparty is not None and quote.counterparty != c.trader:
        problems.append(why.wrong_counterparty(c.quote_id, quote.counterparty))
    if not problems:
        side = SELL if quote.side == BUY else BUY
        problems += checks.backing(ex, c.trader, side, quote.vintage, quote.price, quote.quantity)
    raise_all(problems)


def apply_accept(ex: ExchangeState, c: AcceptBlock) -> None:

    quote = ex.block_quotes.pop(c.quote_id)
    side = SELL if quote.side == BUY else BUY
    ref = ex.next_id("B")
    ex.outcome.ref = ref
    reserve(ex, c.trader, side, quote.vintage, quote.price, quote.quantity, ref)
    buyer, seller = (quote.trader, c.trader) if quote.side == BUY else (c.trader, quote.trader)
    buy_ref, sell_ref = (quote.id, ref) if quote.side == BUY else (ref, quote.id)
    trade = Trade(
        ex.next_id("T"),
        ex.seq,
        c.ts,
        quote.vintage,
        BLOCK,
        quote.price,
        quote.quantity,
        buyer,
        seller,
        buy_ref,
        sell_ref,
    )
    ex.record_trade(trade, quote.price)
