"""Working days over China's official holidays and adjusted workdays (调休)."""

from __future__ import annotations

import datetime as dt

import pytest

from chinaets.ccer.workdays import is_working_day, nth_working_day, working_days_between
from chinaets.core.errors import InputError

D = dt.date.fromisoformat


def test_spring_festival_2024() -> None:
    # 2024: holiday 10-17 Feb; Sunday 4 Feb and Sunday 18 Feb are working days
    assert is_working_day(D("2024-02-04")) and is_working_day(D("2024-02-18"))
    assert not is_working_day(D("2024-02-12"))
    assert nth_working_day(D("2024-02-08"), 3) == D("2024-02-18")


def test_spring_festival_2025() -> None:
    # 2025: holiday 28 Jan - 4 Feb; Sunday 26 Jan and Saturday 8 Feb are working days
    assert nth_working_day(D("2025-01-27"), 2) == D("2025-02-05")
    assert is_working_day(D("2025-02-08"))


def test_national_day() -> None:
    # 2024: holiday 1-7 Oct; Sunday 29 Sep and Saturday 12 Oct are working days
    assert nth_working_day(D("2024-09-27"), 2) == D("2024-09-29")
    assert nth_working_day(D("2024-09-30"), 2) == D("2024-10-08")
    # a 20-working-day notice from Monday 23 Sep 2024 ends on 23 Oct (counted by hand)
    assert nth_working_day(D("2024-09-23"), 20) == D("2024-10-23")
    # 2025: holiday 1-8 Oct; Sunday 28 Sep is a working day
    assert nth_working_day(D("2025-09-26"), 3) == D("2025-09-29")


def test_period_starting_on_a_holiday_starts_on_the_next_working_day() -> None:
    assert nth_working_day(D("2024-10-01"), 1) == D("2024-10-08")
    assert working_days_between(D("2024-10-01"), D("2024-10-12")) == 5


@pytest.mark.parametrize("day", ["2003-06-02", "2027-01-04"])
def test_uncovered_year_is_refused_not_guessed(day: str) -> None:
    with pytest.raises(InputError) as err:
        is_working_day(D(day))
    text = err.value.render()
    assert "does not cover" in text and "法定节假日" in text and "chinesecalendar" in text


def test_period_running_into_an_uncovered_year_is_refused() -> None:
    with pytest.raises(InputError, match="does not cover"):
        nth_working_day(D("2026-12-20"), 20)
