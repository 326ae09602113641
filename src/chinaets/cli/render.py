"""Tables for people at any width: headed columns when they fit, a record per row when not.

Numbers never break across lines (they are never wrapped), labels are in the user's language
(`--lang`, `CHINAETS_LANG` or the locale), and every listing can also be had as JSON or CSV.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from chinaets.core.cells import neutralise_rows
from chinaets.core.labels import LANGS, Lang, default_lang, label
from chinaets.core.numbers import figure

_chosen: list[Lang] = []


def set_lang(lang: str | None) -> None:
    _chosen[:] = [LANGS[lang]] if lang else []


def lang() -> Lang:
    return _chosen[0] if _chosen else default_lang()


def heading(en: str, zh: str) -> str:
    return {"zh": zh, "en": en}.get(lang(), f"{en} / {zh}")


def record(
    console: Console, title: str, values: Mapping[str, Any], own: Mapping[str, str] | None = None
) -> None:
    """One row of figures as a two-column table: label, value."""
    table = Table(title=title, show_header=False)
    table.add_column(overflow="fold")
    table.add_column(justify="right", no_wrap=True)
    for key in shown(list(values)):
        table.add_row(Text(label(key, lang(), own)), Text(figure(key, values[key], lang())))
    console.print(table)


def rows(
    console: Console,
    title: str,
    data: Sequence[Mapping[str, Any]],
    own: Mapping[str, str] | None = None,
) -> None:
    """Rows under their column labels when they fit the console, else one record per row."""
    if not data:
        return
    keys = shown(list(data[0]))
    cells = [[figure(k, row.get(k), lang()) for k in keys] for row in data]
    heads = [label(k, lang(), own) for k in keys]
    widest = [max(cell_len(c[i]) for c in [*cells, heads]) for i in range(len(keys))]
    if sum(widest) + 3 * len(keys) + 1 > console.width:
        for i, row in enumerate(data, 1):
            record(console, f"{title} · {i}/{len(data)}", row, own)
        return
    table = Table(title=title)
    for head, key in zip(heads, keys, strict=True):
        numeric = isinstance(data[0].get(key), int | float)
        table.add_column(
            head, justify="right" if numeric else "left", no_wrap=numeric, overflow="fold"
        )
    for line in cells:
        table.add_row(*(Text(c) for c in line))
    console.print(table)


def shown(keys: list[str]) -> list[str]:
    """The columns a reader of `lang()` needs: a code and its Chinese name (``fuel`` and
    ``fuel_zh``) as the Chinese name alone in Chinese, the code alone in English."""
    language = lang()
    if language == "zh":
        return [k for k in keys if f"{k}_zh" not in keys]
    if language == "en":
        return [k for k in keys if not (k.endswith("_zh") and k[:-3] in keys)]
    return keys


def as_csv(data: Sequence[Mapping[str, Any]]) -> str:
    """Rows as CSV text (exact values; cells a spreadsheet would run as formulas neutralised)."""
    buffer = io.StringIO()
    if data:
        writer = csv.DictWriter(buffer, fieldnames=list(data[0]))
        writer.writeheader()
        writer.writerows(neutralise_rows(data))
    return buffer.getvalue()
