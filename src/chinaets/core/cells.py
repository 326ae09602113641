"""Cells written for spreadsheets (CSV and Excel exports): a text that a spreadsheet would run
as a formula (starting with = + - @, or a tab or carriage return before one) is prefixed with
an apostrophe, shown as text. Every export writer passes its values through `neutralise`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


_ILLEGAL_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def for_excel(value: Any) -> Any:
    """`neutralise`, and control characters (which XLSX cannot hold) removed from text."""
    if isinstance(value, str):
        value = _ILLEGAL_IN_XLSX.sub("", value)
    return neutralise(value)


def neutralise_rows(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [{key: neutralise(value) for key, value in row.items()} for row in rows]
