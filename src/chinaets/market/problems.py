"""Why an order is refused, said in English and Chinese, with the fix. Each returns a Problem;
the checks collect them and raise one `InputError` so a trader sees every fault at once."""

from __future__ import annotations

import datetime as dt

from chinaets.core.errors import InputError, Location, Problem
from chinaets.market.rules import Session, to_yuan


def _p(field: str, en: str, zh: str, fix_en: str, fix_zh: str) -> Problem:
    return Problem(Location(field=field), en, zh, fix_en, fix_zh)


def raise_all(problems: list[Problem]) -> None:
    if problems:
        raise InputError(problems)


def _hours(sessions: tuple[Session, ...]) -> str:
    return ", ".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in sessions)


def unknown_vintage(vintage: str, listed: list[str]) -> Problem:
    return _p(
        "vintage",
        f"vintage '{vintage}' is not traded on the exchange",
        f"配额年度 '{vintage}' 未在交易系统挂牌",
        f"use one of {listed}",
        f"请使用已挂牌年度之一：{listed}",
    )


def bad_side(side: str) -> Problem:
    return _p(
        "side",
        f"side '{side}' is neither buy nor sell",
        f"买卖方向 '{side}' 无效",
        "give buy or sell",
        "请填写 buy（买入）或 sell（卖出）",
    )


def market_closed(when: dt.datetime, day: dt.date | None) -> Problem:
    state = f"the open trading day is {day}" if day else "no trading day is open"
    return _p(
        "ts",
        f"the market is not open at {when:%Y-%m-%d %H:%M} ({state})",
        f"{when:%Y-%m-%d %H:%M} 不在交易日内（当前{'交易日为 ' + str(day) if day else '未开市'}）",
        "send orders on the open trading day",
        "请在已开市的交易日内申报",
    )


def not_trading_day(day: dt.date) -> Problem:
    return _p(
        "ts",
        f"{day} is not a trading day (weekend or public holiday)",
        f"{day} 不是交易日（周末或法定节假日）",
        "open the market on a Monday-Friday that is not a public holiday",
        "请选择非法定节假日的周一至周五",
    )


def outside_hours(mode: str, when: dt.time, sessions: tuple[Session, ...]) -> Problem:
    zh_mode = {"listed": "挂牌协议", "block": "大宗协议"}.get(mode, mode)
    return _p(
        "ts",
        f"{when:%H:%M:%S} is outside the {mode} agreement sessions ({_hours(sessions)})",
        f"{when:%H:%M:%S} 不在{zh_mode}交易时段（{_hours(sessions)}）内",
        f"send it during {_hours(sessions)}",
        f"请在 {_hours(sessions)} 内申报",
    )


def bad_lot(quantity: int, lot: int) -> Problem:
    return _p(
        "quantity",
        f"quantity {quantity} t is not a positive multiple of the lot ({lot} t)",
        f"申报数量 {quantity} 吨不是最小单位（{lot} 吨）的正整数倍",
        f"give a positive multiple of {lot} t",
        f"请填写 {lot} 吨的正整数倍",
    )


def listed_too_big(quantity: int, below: int) -> Problem:
    return _p(
        "quantity",
        f"a listed-agreement order must be below {below:,} t; this one is {quantity:,} t",
        f"挂牌协议交易单笔申报数量须小于 {below:,} 吨，本笔为 {quantity:,} 吨",
        "split it, or trade it as a block agreement",
        "请拆分申报，或改用大宗协议交易",
    )


def block_too_small(quantity: int, minimum: int) -> Problem:
    return _p(
        "quantity",
        f"a block agreement needs at least {minimum:,} t; this one is {quantity:,} t",
        f"大宗协议交易单笔申报数量不得少于 {minimum:,} 吨，本笔为 {quantity:,} 吨",
        "raise the quantity, or trade it as a listed agreement",
        "请增加数量，或改用挂牌协议交易",
    )


def bad_tick(price: int, tick: int) -> Problem:
    return _p(
        "price",
        f"price {to_yuan(price)} is not a multiple of the tick (CNY {to_yuan(tick)})",
        f"价格 {to_yuan(price)} 不是最小变动单位（{to_yuan(tick)} 元）的整数倍",
        "round the price to the tick",
        "请按最小变动单位调整价格",
    )


def outside_band(price: int, low: int, high: int, mode: str, close: int) -> Problem:
    zh_mode = {"listed": "挂牌协议", "block": "大宗协议", "auction": "单向竞价"}.get(mode, mode)
    return _p(
        "price",
        f"price {to_yuan(price)} is outside the {mode} limits {to_yuan(low)}-{to_yuan(high)} "
        f"(previous close {to_yuan(close)})",
        f"价格 {to_yuan(price)} 超出{zh_mode}价格限制 {to_yuan(low)}-{to_yuan(high)}（上一交易日收盘价 {to_yuan(close)}）",
        f"give a price from {to_yuan(low)} to {to_yuan(high)}",
        f"请在 {to_yuan(low)} 至 {to_yuan(high)} 之间报价",
    )


def unfunded(trader: str, needed: int, free: int) -> Problem:
    return _p(
        "price",
        f"{trader} has CNY {to_yuan(free)} free; the order needs CNY {to_yuan(needed)} (orders are fully pre-funded)",
        f"{trader} 可用资金 {to_yuan(free)} 元，本笔申报需 {to_yuan(needed)} 元（买入须足额预付）",
        "deposit funds or lower the quantity",
        "请入金或减少申报数量",
    )


def bank_ref_used(bank: str, ref: str) -> Problem:
    return _p(
        "bank_ref",
        f"{bank} transfer {ref} has already been booked",
        f"{bank} 银行流水 {ref} 已入账",
        "each bank transfer is booked once; send a new transfer's reference",
        "每笔银行流水只能入账一次，请使用新流水的编号",
    )


def not_enough_allowances(
    trader: str, vintage: str, wanted: int, free: int, bought_today: int
) -> Problem:
    if bought_today and wanted <= free:
        return _p(
            "quantity",
            f"{trader} bought {bought_today:,} t of {vintage} today; allowances bought today cannot be sold until the next trading day",
            f"{trader} 今日买入 {vintage} 年度配额 {bought_today:,} 吨，当日买入的配额不得当日卖出",
            f"sell at most {max(free - bought_today, 0):,} t today, the rest from the next trading day",
            f"今日最多卖出 {max(free - bought_today, 0):,} 吨，其余请于下一交易日卖出",
        )
    return _p(
        "quantity",
        f"{trader} holds {free:,} t of {vintage} free to sell ({bought_today:,} t of them bought today); the order is for {wanted:,} t",
        f"{trader} 可卖出的 {vintage} 年度配额为 {free:,} 吨（其中今日买入 {bought_today:,} 吨不可卖出），申报 {wanted:,} 吨",
        "lower the quantity to the tradable holding",
        "请将数量减至可交易持仓以内",
    )


def unknown_order(ref: str, field: str = "order_id") -> Problem:
    return _p(
        field,
        f"there is no open order or quote '{ref}'",
        f"不存在有效申报 '{ref}'",
        "list the book to find open orders",
        "请先查询行情中的有效申报",
    )


def not_yours(ref: str, trader: str) -> Problem:
    return _p(
        "trader",
        f"order '{ref}' does not belong to {trader}",
        f"申报 '{ref}' 不属于 {trader}",
        "cancel only your own orders",
        "只能撤销本方申报",
    )


def own_quote(ref: str) -> Problem:
    return _p(
        "quote_id",
        f"'{ref}' is your own quote; a trader cannot trade with itself",
        f"'{ref}' 是本方申报，不能与自己成交",
        "pick another trader's quote",
        "请选择其他交易主体的申报",
    )


def self_trade(trader: str) -> Problem:
    return _p(
        "price",
        f"the order would trade with {trader}'s own resting order (self-trade)",
        f"该申报将与 {trader} 自己的挂单成交（自成交）",
        "cancel your resting order first, or change the price",
        "请先撤销本方挂单，或调整申报价格",
    )


def beyond_depth(ref: str, depth: int) -> Problem:
    return _p(
        "quote_id",
        f"quote '{ref}' is not within the best {depth} price levels of its side",
        f"申报 '{ref}' 不在对手方最优 {depth} 个价位之内",
        f"pick a quote from the best {depth} levels",
        f"请在最优 {depth} 个价位内选择",
    )


def click_too_big(ref: str, quantity: int, remaining: int) -> Problem:
    return _p(
        "quantity",
        f"quote '{ref}' has {remaining:,} t left; {quantity:,} t were asked for",
        f"申报 '{ref}' 剩余 {remaining:,} 吨，摘牌数量为 {quantity:,} 吨",
        "take at most the remaining quantity",
        "摘牌数量不得超过剩余数量",
    )


def wrong_counterparty(ref: str, counterparty: str) -> Problem:
    return _p(
        "trader",
        f"block quote '{ref}' is addressed to {counterparty} only",
        f"大宗协议申报 '{ref}' 仅限 {counterparty} 确认",
        "only the named counterparty may accept it",
        "只有指定对手方可以确认",
    )
