"""Cells written for spreadsheets (CSV and Excel exports): a text that a spreadsheet would run
as a formula (starting with = + - @, or a tab or carriage return before one) is prefixed with
an apostrophe, shown as text. Every export writer passes its values through `neutralise`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_rows(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [{key: neutralise(value) for key, value in row.items()} for row in rows]
