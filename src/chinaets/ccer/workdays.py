"""Chinese working days (工作日), as every CCER time limit is counted.

The State Council's holiday schedule moves days: Spring Festival and National Day holidays
take weekdays off and make some Saturdays and Sundays working days (调休). The maintained
`chinesecalendar` package carries those notices year by year; a date in a year it does not
cover is refused with a bilingual error instead of guessing from weekdays alone.

Counting convention (the registry's own practice for a "20-working-day notice" is not
published): a period of N working days that starts on day S covers the first N working days
on or after S; it *ends* on the N-th of them, and the next step may happen on the day after.
"""

from __future__ import annotations

import datetime as dt

import chinese_calendar  # type: ignore[import-untyped]

from chinaets.core.errors import InputError, Location

FIRST_YEAR: int = min(chinese_calendar.holidays).year
LAST_YEAR: int = max(chinese_calendar.holidays).year
MAX_SPAN_DAYS = 400  # no CCER time limit is longer than a year; a bound keeps loops finite


def covered(day: dt.date) -> bool:
    return FIRST_YEAR <= day.year <= LAST_YEAR


def _uncovered(day: dt.date, field: str) -> InputError:
    return InputError.one(
        Location(field=field),
        f"{day} is in a year the official holiday calendar does not cover "
        f"(known: {FIRST_YEAR}-{LAST_YEAR}); working days cannot be counted",
        f"{day} 所在年份不在法定节假日安排数据范围内（{FIRST_YEAR}-{LAST_YEAR} 年），无法计算工作日",
        "use a date in a covered year, or update the chinesecalendar package once the State "
        "Council publishes that year's holiday notice",
        "请使用数据覆盖年份内的日期；国务院发布该年节假日安排后请升级 chinesecalendar 包",
    )


def is_working_day(day: dt.date, field: str = "date") -> bool:
    """True on an official working day (a weekday not on holiday, or an adjusted workday)."""
    if not covered(day):
        raise _uncovered(day, field)
    return chinese_calendar.is_workday(day) is True


def nth_working_day(start: dt.date, n: int, field: str = "date") -> dt.date:
    """The n-th working day on or after `start` (n >= 1): the last day of an n-day period."""
    if n < 1:
        raise ValueError("a period has at least one working day")
    day, count = start, 0
    for _ in range(MAX_SPAN_DAYS):
        if is_working_day(day, field):
            count += 1
            if count == n:
                return day
        day += dt.timedelta(days=1)
    raise AssertionError("no CCER period spans more than a year")


def working_days_between(first: dt.date, last: dt.date, field: str = "date") -> int:
    """Working days from `first` to `last`, both included (0 when `last` is before `first`)."""
    count, day = 0, first
    while day <= last:
        count += is_working_day(day, field)
        day += dt.timedelta(days=1)
    return count
