"""Trading days and working days, from the official holiday schedule (`chinesecalendar`).

Trading days are Monday to Friday except public holidays (parameter `trading_days`); weekend
days made into working days by the State Council's adjustments (调休) are not trading days.
Auction time limits count *working days* (工作日), which do include those adjusted weekend days.
A date in a year the package does not cover is refused instead of guessed.
"""

from __future__ import annotations

import datetime as dt

import chinese_calendar  # type: ignore[import-untyped]

from chinaets.core.errors import InputError, Location

FIRST_YEAR = min(chinese_calendar.holidays).year
LAST_YEAR = max(chinese_calendar.holidays).year
MAX_SPAN = 400


def _check_covered(day: dt.date, field: str) -> None:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise InputError.one(
            Location(field=field),
            f"{day} is in a year the official holiday calendar does not cover "
            f"({FIRST_YEAR}-{LAST_YEAR}); trading and working days cannot be known",
            f"{day} 所在年份不在法定节假日安排数据范围内（{FIRST_YEAR}-{LAST_YEAR} 年），无法判断交易日与工作日",
            "use a date in a covered year, or upgrade the chinesecalendar package once the State "
            "Council publishes that year's holiday notice",
            "请使用数据覆盖年份内的日期；国务院发布该年节假日安排后请升级 chinesecalendar 包",
        )


def is_working_day(day: dt.date, field: str = "date") -> bool:
    _check_covered(day, field)
    return bool(chinese_calendar.is_workday(day))


def is_trading_day(day: dt.date, field: str = "date") -> bool:
    return day.weekday() < 5 and is_working_day(day, field)


def next_trading_day(day: dt.date, field: str = "date") -> dt.date:
    """The first trading day after `day`."""
    for offset in range(1, MAX_SPAN):
        candidate = day + dt.timedelta(days=offset)
        if is_trading_day(candidate, field):
            return candidate
    raise AssertionError("no trading day within a year")


def working_days_from(first: dt.date, before: dt.date, field: str = "date") -> int:
    """Working days d with first <= d < before (0 if `before` is not after `first`)."""
    count, day = 0, first
    while day < before:
        count += is_working_day(day, field)
        day += dt.timedelta(days=1)
    return count


def nth_working_day_after(day: dt.date, n: int, field: str = "date") -> dt.date:
    """The n-th working day strictly after `day` (the last day of an n-working-day limit)."""
    count, current = 0, day
    for _ in range(MAX_SPAN):
        current += dt.timedelta(days=1)
        count += is_working_day(current, field)
        if count == n:
            return current
    raise AssertionError("no time limit spans more than a year")
