"""Bad orders: each gets a clear bilingual reason naming the field and the fix, and changes
nothing (the log, the book and the cash are as before)."""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal

import pytest
from market_support import DAY, PaperExchange, at

from chinaets.core.errors import InputError
from chinaets.market.commands import Command, Place, PostBlock, command_from_json

D = Decimal
# (name, command, field, English fragment, Chinese fragment)
CORPUS: list[tuple[str, Command, str, str, str]] = [
    (
        "above the limit",
        Place(at(10), "B1", "2024", "buy", D("77.01"), 10),
        "price",
        "outside the listed limits 63.00-77.00",
        "超出挂牌协议价格限制",
    ),
    (
        "below the limit",
        Place(at(10), "S1", "2024", "sell", D("62.99"), 10),
        "price",
        "outside the listed",
        "超出挂牌协议价格限制",
    ),
    (
        "block beyond 30 %",
        PostBlock(at(13, 30), "S1", "2024", "sell", D("91.01"), 100_000),
        "price",
        "block limits 49.00-91.00",
        "大宗协议价格限制",
    ),
    (
        "wrong tick",
        Place(at(10), "B1", "2024", "buy", D("70.005"), 10),
        "price",
        "whole fen",
        "最小变动单位",
    ),
    (
        "zero quantity",
        Place(at(10), "B1", "2024", "buy", D("70"), 0),
        "quantity",
        "multiple of the lot",
        "最小单位",
    ),
    (
        "too big for listed",
        Place(at(10), "S1", "2024", "sell", D("70"), 100_000),
        "quantity",
        "must be below 100,000 t",
        "须小于 100,000 吨",
    ),
    (
        "too small for block",
        PostBlock(at(13, 30), "S1", "2024", "sell", D("70"), 99_999),
        "quantity",
        "at least 100,000 t",
        "不得少于 100,000 吨",
    ),
    (
        "before the session",
        Place(at(9, 29), "B1", "2024", "buy", D("70"), 10),
        "ts",
        "outside the listed agreement sessions",
        "不在挂牌协议交易时段",
    ),
    (
        "lunch break",
        Place(at(12, 0), "B1", "2024", "buy", D("70"), 10),
        "ts",
        "09:30-11:30, 13:00-15:00",
        "交易时段",
    ),
    (
        "at the close",
        Place(at(15, 0), "B1", "2024", "buy", D("70"), 10),
        "ts",
        "outside",
        "交易时段",
    ),
    (
        "block in the morning",
        PostBlock(at(10), "S1", "2024", "sell", D("70"), 100_000),
        "ts",
        "block agreement sessions (13:00-15:00)",
        "大宗协议交易时段",
    ),
    (
        "another day",
        Place(DAY.replace(day=2, hour=10), "B1", "2024", "buy", D("70"), 10),
        "ts",
        "not open",
        "不在交易日内",
    ),
    (
        "unfunded",
        Place(at(10), "B9", "2024", "buy", D("75"), 10),
        "price",
        "fully pre-funded",
        "须足额预付",
    ),
    (
        "no holdings",
        Place(at(10), "B1", "2024", "sell", D("70"), 10),
        "quantity",
        "free to sell",
        "可卖出",
    ),
    (
        "unknown vintage",
        Place(at(10), "B1", "2031", "buy", D("70"), 10),
        "vintage",
        "'2031' is not traded",
        "未在交易系统挂牌",
    ),
    (
        "bad side",
        Place(at(10), "B1", "2024", "hold", D("70"), 10),
        "side",
        "neither buy nor sell",
        "买卖方向",
    ),
]


@pytest.mark.parametrize(
    ("name", "command", "field", "en", "zh"), CORPUS, ids=[c[0] for c in CORPUS]
)
def test_bad_order_is_refused_clearly_and_changes_nothing(
    paper: PaperExchange, name: str, command: Command, field: str, en: str, zh: str
) -> None:
    paper.paper.free[("B1", "2024")] = 0
    before = (
        len(paper.ex.log),
        dict(paper.ex.cash),
        copy.deepcopy(paper.ex.books["2024"].depth("buy", 10)),
    )
    with pytest.raises(InputError) as info:
        paper.submit(command)
    problem = info.value.problems[0]
    assert problem.where.field == field
    assert en in problem.en and zh in problem.zh
    assert problem.fix_en and problem.fix_zh
    assert (
        len(paper.ex.log),
        dict(paper.ex.cash),
        paper.ex.books["2024"].depth("buy", 10),
    ) == before


def test_every_problem_is_reported_at_once(paper: PaperExchange) -> None:
    with pytest.raises(InputError) as info:
        paper.submit(Place(at(12), "B1", "2024", "buy", D("99.99"), 0))
    assert {p.where.field for p in info.value.problems} == {"ts", "quantity", "price"}


def test_holiday_and_uncovered_year() -> None:
    from chinaets.market.calendar import is_trading_day, working_days_from

    assert not is_trading_day(dt.date(2025, 10, 1))  # National Day
    assert not is_trading_day(dt.date(2025, 9, 28))  # an adjusted working Sunday: no trading
    assert working_days_from(dt.date(2025, 9, 28), dt.date(2025, 9, 29)) == 1  # but a working day
    with pytest.raises(InputError, match="does not cover"):
        is_trading_day(dt.date(2099, 1, 5))


def test_a_day_before_the_market_opened_names_the_first_trading_day() -> None:
    from chinaets.market.rules import first_trading_day, rules_on

    assert first_trading_day() == dt.date(2021, 7, 16)  # the trading-day rule's first date
    with pytest.raises(InputError) as caught:
        rules_on(dt.date(2021, 7, 15))
    (problem,) = caught.value.problems
    assert "2021-07-16" in problem.fix_en and "2021-07-16" in problem.fix_zh


def test_command_json_round_trip_and_bad_json() -> None:
    command = Place(at(10), "B1", "2024", "buy", D("70.01"), 10)
    assert command_from_json(command.as_json()) == command
    with pytest.raises(InputError, match="whole number of tonnes"):
        command_from_json({**command.as_json(), "quantity": 1.5})
    with pytest.raises(InputError, match="not an exchange command"):
        command_from_json({"kind": "short_sell"})
