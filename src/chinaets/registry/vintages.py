"""The law of allowance units: which allowance (CEA) vintages the plans have created, which may
settle which data year (usable vintages, the 2021–2022 borrowing, arrears) and what the one-off
carry-over converts. The registry applies it at issuance, surrender and conversion; compliance
sizes obligations on it. It is the registry's law book (``registry/parameters/``), which the
compliance book extends, so both read the one set of dated files and nothing is hard-coded.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from chinaets.rules.lawbook import LawBook

LAW = LawBook("registry", "注册登记", Path(__file__).resolve().parent)
"""The registry's law book: allowance vintages and their usability (no worked cases of its
own; the compliance cases exercise it through the compliance book)."""
LAW_BOOK = LAW
parameters = LAW.parameters


def _terms(name: str, when: dt.date) -> dict[str, object]:
    return dict(parameters().at(when).dated(name).value)  # type: ignore[arg-type]


def _int(value: object) -> int:
    return int(str(value))


def vintage_label(first_year: int) -> str:
    """ "2019-2020" for a combined vintage, else the year."""
    t = _terms("cea_vintages", dt.date(first_year, 1, 1))
    if _int(t["combined_from"]) == first_year:
        return f"{first_year}-{_int(t['combined_to'])}"
    return str(first_year)


def first_year_of(year: int) -> int:
    """The vintage a year's allowances belong to, by its first year (2020 → 2019: the 2019-2020
    vintage was issued as one)."""
    latest = dict(parameters()["cea_vintages"].values[-1].value)  # type: ignore[arg-type]
    start, end = _int(latest["combined_from"]), _int(latest["combined_to"])
    return start if start <= year <= end else year


@cache
def cea_vintages() -> tuple[str, ...]:
    """Every vintage label the latest plan has created, oldest first."""
    t = dict(parameters()["cea_vintages"].values[-1].value)  # type: ignore[arg-type]
    combined = range(_int(t["combined_from"]) + 1, _int(t["combined_to"]) + 1)
    years = [y for y in range(_int(t["first"]), _int(t["last"]) + 1) if y not in combined]
    return tuple(vintage_label(y) for y in years)


def may_settle(vintage_first_year: int, data_year: int, on: dt.date) -> str | None:
    """None if allowances of the vintage may settle the data year's obligation on date `on`,
    else why not (usable vintages of the data year, borrowing, arrears). A data year later than
    the last plan's takes the last plan's values."""
    when = dt.date(data_year, 1, 1)
    usable = _terms("usable_vintages", when)
    if _int(usable["earliest"]) <= vintage_first_year <= _int(usable["latest"]):
        return None
    borrowing = _terms("borrowing", when)
    if borrowing["allowed"] and vintage_first_year == _int(borrowing["from_vintage"]):
        return None
    arrears = _terms("arrears_usable_vintages", on)
    if data_year <= _int(arrears["data_years_to"]) and (
        _int(arrears["earliest"]) <= vintage_first_year <= _int(arrears["latest"])
    ):
        return None
    return f"usable for {data_year}: vintages {usable['earliest']}–{usable['latest']}"


def carry_over_vintages() -> tuple[tuple[str, ...], str]:
    """The vintages the one-off carry-over converts, and the vintage they become."""
    t = dict(parameters()["carry_over"].values[-1].value)  # type: ignore[arg-type]
    sources = [
        v for v in cea_vintages() if _int(t["vintage_from"]) <= int(v[:4]) <= _int(t["vintage_to"])
    ]
    return tuple(sources), vintage_label(_int(t["into_vintage"]))
