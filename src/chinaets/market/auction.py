"""One-way bidding (单向竞价): a seller's auction of at least 100,000 t.

Timeline (working days, 工作日): the seller applies at least 10 working days before the
auction day; the exchange decides within 3 working days after the application; the allowances
must be in place (escrowed into the clearing account) at least 5 working days before. On the
auction day buyers bid inside the announced window, between the floor (the previous close, or
the close less 10 %, as the seller chose) and the previous close plus 10 %. Bids rank by price,
then time; the offered quantity goes down the ranking (the last accepted bid may be partly
filled). Uniform price: every accepted bid pays the lowest accepted price; pay-as-bid: each its
own price. Unsold allowances go back to the seller.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from chinaets.core.errors import InputError, Location, Problem
from chinaets.market import checks
from chinaets.market.calendar import is_trading_day, nth_working_day_after, working_days_from
from chinaets.market.commands import (
    AUCTION,
    AuctionApply,
    AuctionBid,
    AuctionClear,
    AuctionDecide,
    AuctionLodge,
)
from chinaets.market.problems import raise_all
from chinaets.market.records import Trade, available, reserved
from chinaets.market.rules import AuctionRules, band, rules_on, to_fen, to_yuan
from chinaets.market.state import Auction, Bid, ExchangeState

FLOORS = ("previous_close", "discounted")


def _p(field_name: str, en: str, zh: str, fix_en: str, fix_zh: str) -> Problem:
    return Problem(Location(field=field_name), en, zh, fix_en, fix_zh)


def _rules(day: dt.date) -> AuctionRules:
    found = rules_on(day).auction
    if found is None:
        raise InputError.one(
            Location(field="ts"),
            f"one-way bidding was not available on {day} (enabled in July 2025)",
            f"{day} 尚未启用单向竞价交易方式（2025年7月启用）",
            "use a date after one-way bidding was enabled",
            "请使用启用之后的日期",
        )
    return found


def _window(text: str) -> tuple[dt.time, dt.time] | None:
    try:
        start, end = (dt.time.fromisoformat(p.strip()) for p in text.split("-"))
    except ValueError:
        return None
    return (start, end) if start < end else None


def check_apply(ex: ExchangeState, c: AuctionApply) -> None:
    rules = _rules(c.ts.date())
    problems = _offer_problems(ex, c, rules)
    problems += _timing_problems(c, rules)
    problems += _terms_problems(c, rules)
    if not problems:
        problems += checks.holdings(ex, c.seller, c.vintage, c.quantity)
    raise_all(problems)


def _offer_problems(ex: ExchangeState, c: AuctionApply, rules: AuctionRules) -> list[Problem]:
    """The vintage and quantity offered: a known vintage, whole lots, at least the minimum."""
    problems = checks.vintage(ex, c.vintage) + checks.lot(c.quantity, rules_on(c.ts.date()))
    if not problems and c.quantity < rules.quantity_min:
        problems.append(
            _p(
                "quantity",
                f"an auction offers at least {rules.quantity_min:,} t; this one {c.quantity:,} t",
                f"单向竞价卖方申报数量不得少于 {rules.quantity_min:,} 吨，本次为 {c.quantity:,} 吨",
                "raise the quantity",
                "请增加数量",
            )
        )
    return problems


def _timing_problems(c: AuctionApply, rules: AuctionRules) -> list[Problem]:
    """The auction day: a trading day, far enough ahead of the application."""
    problems: list[Problem] = []
    if not is_trading_day(c.auction_day, "auction_day"):
        problems.append(
            _p(
                "auction_day",
                f"{c.auction_day} is not a trading day",
                f"{c.auction_day} 不是交易日",
                "pick a trading day",
                "请选择交易日",
            )
        )
    lead = working_days_from(c.ts.date(), c.auction_day, "auction_day")
    if lead < rules.application_lead:
        problems.append(
            _p(
                "auction_day",
                f"the application is {lead} working days before the auction; at least {rules.application_lead} are required",
                f"申请日距竞价日仅 {lead} 个工作日，须至少提前 {rules.application_lead} 个工作日申请",
                "apply earlier or choose a later auction day",
                "请提前申请或推迟竞价日",
            )
        )
    return problems


def _terms_problems(c: AuctionApply, rules: AuctionRules) -> list[Problem]:
    """The seller's terms: bidding window, floor price and allocation method."""
    problems: list[Problem] = []
    if _window(c.window) is None:
        problems.append(
            _p(
                "window",
                f"'{c.window}' is not a bidding window like 13:00-14:00",
                f"'{c.window}' 不是有效的竞价时段（如 13:00-14:00）",
                "give HH:MM-HH:MM",
                "请填写 HH:MM-HH:MM",
            )
        )
    if c.floor not in FLOORS:
        problems.append(
            _p(
                "floor",
                f"floor '{c.floor}' is not one of {list(FLOORS)}",
                f"底价方式 '{c.floor}' 无效",
                "previous_close, or discounted (previous close less 10 %)",
                "请填写 previous_close 或 discounted（收盘价下浮10%）",
            )
        )
    if c.allocation not in rules.allocation_rules:
        problems.append(
            _p(
                "allocation",
                f"allocation '{c.allocation}' is not one of {list(rules.allocation_rules)}",
                f"成交方式 '{c.allocation}' 无效",
                "uniform_price or pay_as_bid",
                "请填写 uniform_price 或 pay_as_bid",
            )
        )
    return problems


def apply_apply(ex: ExchangeState, c: AuctionApply) -> None:
    window = _window(c.window)
    assert window is not None
    auction = Auction(
        ex.next_id("A"),
        c.seller,
        c.vintage,
        c.quantity,
        c.auction_day,
        window,
        c.floor,
        c.allocation,
        c.ts.date(),
    )
    ex.auctions[auction.id] = auction
    ex.outcome.ref = auction.id


def _auction(ex: ExchangeState, auction_id: str, status: str) -> Auction:
    auction = ex.auctions.get(auction_id)
    if auction is None or auction.status != status:
        state = "unknown" if auction is None else auction.status
        raise InputError.one(
            Location(field="auction_id"),
            f"auction '{auction_id}' is {state}; this step needs it {status}",
            f"竞价 '{auction_id}' 当前状态为 {state}，本步骤要求状态为 {status}",
            "follow the order apply → decide → lodge → bid → clear",
            "请按 申请→审核→备足配额→竞买→成交 的顺序办理",
        )
    return auction


def check_decide(ex: ExchangeState, c: AuctionDecide) -> None:
    auction = _auction(ex, c.auction_id, "applied")
    last = nth_working_day_after(auction.applied, _rules(auction.applied).decision_days, "ts")
    if c.ts.date() > last:
        raise_all(
            [
                _p(
                    "ts",
                    f"the decision is due by {last} (3 working days after the application)",
                    f"交易机构应于 {last} 前（申请后 3 个工作日内）作出决定",
                    "decide in time or let the seller re-apply",
                    "请按时审核，或由卖方重新申请",
                )
            ]
        )


def apply_decide(ex: ExchangeState, c: AuctionDecide) -> None:
    ex.auctions[c.auction_id].status = "approved" if c.approve else "rejected"


def check_lodge(ex: ExchangeState, c: AuctionLodge) -> None:
    auction = _auction(ex, c.auction_id, "approved")
    lead_needed = _rules(auction.applied).lodge_lead
    lead = working_days_from(c.ts.date(), auction.day, "ts")
    problems = []
    if lead < lead_needed:
        problems.append(
            _p(
                "ts",
                f"allowances must be in place {lead_needed} working days before the auction; {lead} remain",
                f"卖方须于竞价日前至少 {lead_needed} 个工作日备足配额，当前仅剩 {lead} 个工作日",
                "the auction cannot go ahead; apply again for a later day",
                "本次竞价无法进行，请重新申请",
            )
        )
    problems += checks.holdings(ex, auction.seller, auction.vintage, auction.quantity)
    raise_all(problems)


def apply_lodge(ex: ExchangeState, c: AuctionLodge) -> None:
    auction = ex.auctions[c.auction_id]
    auction.status = "lodged"
    ex.move_allowances("escrow", auction.seller, auction.vintage, auction.quantity, auction.id)


def limits(ex: ExchangeState, auction: Auction) -> tuple[int, int]:
    """(floor, maximum) bid prices in fen from the vintage's previous close."""
    rules = _rules(auction.day)
    close = ex.closes[auction.vintage]
    low, _high = band(close, rules.floor_discount)
    return (close if auction.floor == "previous_close" else low), band(
        close, rules.bid_premium_max
    )[1]


def check_bid(ex: ExchangeState, c: AuctionBid) -> None:
    auction = _auction(ex, c.auction_id, "lodged")
    start, end = auction.window
    problems = []
    if ex.day != auction.day or c.ts.date() != auction.day or not start <= c.ts.time() < end:
        problems.append(
            _p(
                "ts",
                f"bids for {auction.id} are taken on {auction.day} {start:%H:%M}-{end:%H:%M}",
                f"竞价 {auction.id} 的竞买时段为 {auction.day} {start:%H:%M}-{end:%H:%M}",
                "bid inside the window",
                "请在竞买时段内申报",
            )
        )
    problems += checks.lot(c.quantity, rules_on(auction.day))
    if c.trader == auction.seller:
        problems.append(
            _p(
                "trader",
                "the seller cannot bid in its own auction",
                "卖方不能参与自己的竞价",
                "bid from another account",
                "请由其他主体竞买",
            )
        )
    floor, ceiling = limits(ex, auction)
    fen = _bid_price(c.price, floor, ceiling, problems)
    if not problems and c.quantity > auction.quantity:
        problems.append(
            _p(
                "quantity",
                f"the bid is for more than the {auction.quantity:,} t offered",
                f"竞买数量超过卖方申报数量 {auction.quantity:,} 吨",
                "bid for less",
                "请减少竞买数量",
            )
        )
    if not problems and fen is not None:
        problems += checks.funds(ex, c.trader, fen * c.quantity)
    raise_all(problems)


def _bid_price(price: Decimal, floor: int, ceiling: int, problems: list[Problem]) -> int | None:
    try:
        fen = to_fen(price)
    except InputError as exc:
        problems += exc.problems
        return None
    if not floor <= fen <= ceiling:
        problems.append(
            _p(
                "price",
                f"bid {to_yuan(fen)} is outside {to_yuan(floor)}-{to_yuan(ceiling)} (floor to previous close +10 %)",
                f"竞买价格 {to_yuan(fen)} 超出 {to_yuan(floor)}-{to_yuan(ceiling)}（底价至上一交易日收盘价上浮10%）",
                f"bid from {to_yuan(floor)} to {to_yuan(ceiling)}",
                f"请在 {to_yuan(floor)} 至 {to_yuan(ceiling)} 之间报价",
            )
        )
        return None
    return fen


def apply_bid(ex: ExchangeState, c: AuctionBid) -> None:
    bid = Bid(ex.next_id("D"), c.trader, to_fen(c.price), c.quantity, ex.seq)
    ex.auctions[c.auction_id].bids.append(bid)
    ex.outcome.ref = bid.id
    ex.move_cash(
        available(c.trader), reserved(c.trader), bid.price * bid.quantity, "bid reserve", bid.id
    )


def check_clear(ex: ExchangeState, c: AuctionClear) -> None:
    auction = _auction(ex, c.auction_id, "lodged")
    if c.ts.date() != auction.day or c.ts.time() < auction.window[1] or ex.day != auction.day:
        raise_all(
            [
                _p(
                    "ts",
                    f"auction {auction.id} clears on {auction.day} after {auction.window[1]:%H:%M}",
                    f"竞价 {auction.id} 应于 {auction.day} {auction.window[1]:%H:%M} 之后成交",
                    "clear it after the bidding window closes",
                    "请在竞买时段结束后成交",
                )
            ]
        )


def allocate(auction: Auction) -> list[tuple[Bid, int, int]]:
    """(bid, quantity filled, price paid in fen) for every accepted bid, best first."""
    left, accepted = auction.quantity, []
    for bid in sorted(auction.bids, key=lambda b: (-b.price, b.seq)):
        if not left:
            break
        filled = min(bid.quantity, left)
        accepted.append((bid, filled, bid.price))
        left -= filled
    if auction.allocation == "uniform_price" and accepted:
        clearing = accepted[-1][0].price
        accepted = [(bid, filled, clearing) for bid, filled, _ in accepted]
    return accepted


def apply_clear(ex: ExchangeState, c: AuctionClear) -> None:
    auction = ex.auctions[c.auction_id]
    auction.status = "cleared"
    sold = 0
    for bid, filled, price in allocate(auction):
        trade = Trade(
            ex.next_id("T"),
            ex.seq,
            c.ts,
            auction.vintage,
            AUCTION,
            price,
            filled,
            bid.trader,
            auction.seller,
            bid.id,
            auction.id,
        )
        ex.record_trade(trade, bid.price)
        sold += filled
        bid.quantity -= filled  # what remains of the bid is released below
    for bid in auction.bids:
        ex.move_cash(
            reserved(bid.trader),
            available(bid.trader),
            bid.price * bid.quantity,
            "bid released",
            bid.id,
        )
    ex.move_allowances(
        "release", auction.seller, auction.vintage, auction.quantity - sold, auction.id
    )
