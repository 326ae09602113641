"""`DatedFormula`: one quantity, versions named by the date they take effect."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

import pytest

from chinaets.core.errors import RulesError
from chinaets.rules import DatedFormula

_names = itertools.count()
Rate = Callable[[float], float]


def formula() -> DatedFormula[Rate]:
    """A fresh formula with versions from 2019 and 2026 (names are unique in the registry)."""
    rate: DatedFormula[Rate] = DatedFormula(f"test_rate_{next(_names)}", "a test quantity")

    @rate.since("2026-01-01", "2026 update")
    def by_factor_db(x: float) -> float:
        return x * 2

    @rate.since("2019-01-01", "2021 guideline")
    def by_category(x: float) -> float:
        return x

    return rate


@pytest.mark.parametrize(
    ("day", "label", "result"),
    [
        (dt.date(2019, 1, 1), "by_category (from 2019-01-01)", 3.0),
        (dt.date(2025, 12, 31), "by_category (from 2019-01-01)", 3.0),
        (dt.date(2026, 1, 1), "by_factor_db (from 2026-01-01)", 6.0),
        (dt.date(2040, 1, 1), "by_factor_db (from 2026-01-01)", 6.0),
    ],
)
def test_picks_the_version_in_force(day: dt.date, label: str, result: float) -> None:
    rate = formula()
    assert rate.version_at(day).label == label
    assert rate.at(day)(3.0) == result


def test_versions_are_kept_in_date_order_with_their_references() -> None:
    rate = formula()
    assert [(v.start.year, v.reference) for v in rate.versions] == [
        (2019, "2021 guideline"),
        (2026, "2026 update"),
    ]
    assert DatedFormula.registry[rate.name] is rate


def test_before_the_first_version_is_an_error() -> None:
    rate = formula()
    with pytest.raises(RulesError, match=f"{rate.name} has no method in force on 2018-12-31"):
        rate.at(dt.date(2018, 12, 31))


def test_two_versions_on_one_date_are_an_error() -> None:
    rate = formula()
    with pytest.raises(RulesError, match="two versions start on 2026-01-01"):

        @rate.since("2026-01-01", "a second 2026 text")
        def again(x: float) -> float:
            return x

    assert len(rate.versions) == 2


def test_a_bad_date_is_refused() -> None:
    rate = formula()
    with pytest.raises(RulesError, match=f"{rate.name}: '2026-13-01' is not a date"):
        rate.since("2026-13-01", "no such month")
