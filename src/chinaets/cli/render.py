"""Tables for people at any width: headed columns when they fit, a record per row when not.

Numbers never break across lines (they are never wrapped), labels are in the user's language
(`--lang`, `CHINAETS_LANG` or the locale), and every listing can also be had as JSON or CSV.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import Annotated, Any

import typer
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from chinaets.cli.common import console as stdout
from chinaets.core.cells import neutralise_rows
from chinaets.core.labels import LANGS, Lang, bilingual, default_lang, label
from chinaets.core.numbers import exact_values, figure

AsJson = Annotated[
    bool, typer.Option("--json", help="print JSON, exact values / 输出 JSON（精确值）")
]
AsCsv = Annotated[
    bool,
    typer.Option("--csv", help="print CSV, exact values (e.g. > out.csv) / 输出 CSV（精确值）"),
]

_chosen: list[Lang] = []


def set_lang(lang: str | None) -> None:
    _chosen[:] = [LANGS[lang]] if lang else []


@contextmanager
def language(chosen: str | None) -> Iterator[None]:
    """`chosen` (if any) for what is printed inside, the language before it afterwards (a
    command's own --lang does not outlive the command)."""
    before = list(_chosen)
    if chosen:
        set_lang(chosen)
    try:
        yield
    finally:
        _chosen[:] = before


def lang() -> Lang:
    return _chosen[0] if _chosen else default_lang()


def heading(en: str, zh: str) -> str:
    return bilingual(en, zh, lang())


def record(
    console: Console, title: str, values: Mapping[str, Any], own: Mapping[str, str] | None = None
) -> None:
    """One row of figures as a two-column table: label, value."""
    table = Table(title=title, show_header=False)
    keys = shown(list(values))
    heads = {key: head(key, own) for key in keys}
    cells = {key: cell(key, values[key], own) for key in keys}
    figures = [cell_len(cells[k]) for k in keys if isinstance(values[k], int | float | Decimal)]
    # labels and text fold when the console is narrow; a number never breaks
    table.add_column(
        overflow="fold", min_width=min(10, max(map(cell_len, heads.values()), default=1))
    )
    table.add_column(justify="right", overflow="fold", min_width=max(figures, default=1))
    for key in keys:
        table.add_row(Text(heads[key]), Text(cells[key]))
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
    cells = [[cell(k, row.get(k), own) for k in keys] for row in data]
    heads = [head(k, own) for k in keys]
    widest = [max(cell_len(c[i]) for c in [*cells, heads]) for i in range(len(keys))]
    if sum(widest) + 3 * len(keys) + 1 > console.width:
        for i, row in enumerate(data, 1):
            record(console, f"{title} · {i}/{len(data)}", row, own)
        return
    table = Table(title=title)
    for heading_text, key in zip(heads, keys, strict=True):
        numeric = isinstance(data[0].get(key), int | float | Decimal)
        table.add_column(
            heading_text, justify="right" if numeric else "left", no_wrap=numeric, overflow="fold"
        )
    for line in cells:
        table.add_row(*(Text(c) for c in line))
    console.print(table)


def head(key: str, own: Mapping[str, str] | None = None) -> str:
    """The label of a column: a Chinese-name column (``name_zh``) is headed as its code's column
    (alone in Chinese, marked 中文 beside the code's column otherwise)."""
    if key.endswith("_zh") and len(key) > 3:
        base = label(key[:-3], lang(), own)
        return base if lang() == "zh" else f"{base} 中文"
    return label(key, lang(), own)


def shown(keys: list[str]) -> list[str]:
    """The columns a reader of `lang()` needs: a code and its Chinese name (``fuel`` and
    ``fuel_zh``) as the Chinese name alone in Chinese, the code alone in English."""
    language = lang()
    if language == "zh":  # nor the English name beside a Chinese one (``item_en``, ``item_zh``)
        return [
            k for k in keys
            if f"{k}_zh" not in keys and not (k.endswith("_en") and f"{k[:-3]}_zh" in keys)
        ]  # fmt: skip
    if language == "en":
        return [k for k in keys if not (k.endswith("_zh") and k[:-3] in keys)]
    return keys


def cell(key: str, value: Any, own: Mapping[str, str] | None = None) -> str:
    """A value as a table cell: a figure, or a nested list or record written out in words."""
    if isinstance(value, Mapping):
        return "; ".join(f"{head(k, own)}: {cell(k, v, own)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return "; ".join(cell(key, item, own) for item in value) or "—"
    return figure(key, value, lang())


def listing(
    title: str,
    data: Sequence[Mapping[str, Any]],
    as_json: bool = False,
    as_csv: bool = False,
    own: Mapping[str, str] | None = None,
) -> None:
    """Every listing of the command line: JSON, CSV, or a table for people (see `rows`)."""
    if as_json:
        print(json.dumps(exact_values(data), ensure_ascii=False, indent=2, default=str))
    elif as_csv:
        print(csv_text(data), end="")
    elif not data:
        stdout.print(f"{title}: " + heading("none", "无"), highlight=False, markup=False)
    else:
        rows(stdout, title, data, own)


def document(
    title: str, data: Mapping[str, Any], as_json: bool = False, own: Mapping[str, str] | None = None
) -> None:
    """One result (a record of fields) as JSON or for people: its flat fields as a record, each
    list of records below it as a listing."""
    if as_json:
        print(json.dumps(exact_values(data), ensure_ascii=False, indent=2, default=str))
        return
    tables = {k: v for k, v in data.items() if _is_rows(v) and v}
    flat = {k: v for k, v in data.items() if k not in tables and not (_is_rows(v) and not v)}
    if flat:
        record(stdout, title, flat, own)
    for key, value in tables.items():
        listing(label(key, lang(), own), value, own=own)


def _is_rows(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, Mapping) for item in value)


def _csv_value(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return "; ".join(str(_csv_value(v)) for v in value)
    if isinstance(value, Mapping):
        return json.dumps(exact_values(value), ensure_ascii=False, default=str)
    return exact_values(value)


def csv_text(data: Sequence[Mapping[str, Any]]) -> str:
    """Rows as CSV text: exact values, nested lists joined, cells a spreadsheet would run as
    formulas neutralised."""
    buffer = io.StringIO()
    if data:
        writer = csv.DictWriter(buffer, fieldnames=list(data[0]))
        writer.writeheader()
        writer.writerows(neutralise_rows({k: _csv_value(v) for k, v in r.items()} for r in data))
    return buffer.getvalue()
