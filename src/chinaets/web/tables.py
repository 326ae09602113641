"""Read-model tables on the dashboard: a listing from the query string (page, sort, search,
filters), column headers and cell values in the page's language, and downloads (CSV, Excel)
of the whole listing.

Downloads are opened by spreadsheet programs, so a text cell that starts like a formula
(``= + - @``, tab, carriage return) is written with a leading apostrophe: it shows as text
and never runs. Numbers stay numbers (typed cells in Excel).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from chinaets.national.readmodel import TABLES, Listing, Page
from chinaets.web import labels
from chinaets.web.access import Viewer, scope

PER_PAGE = (25, 50, 100, 200)
FORMULA = r"^[=+\-@\t\r]"
"""Text a spreadsheet would take for a formula: it gets a leading apostrophe."""
DOWNLOAD_ROWS = 100_000


class NotAllowed(Exception):
    """The viewer may not list this table."""


def listing(name: str, query: Mapping[str, str], viewer: Viewer, **fixed: Any) -> Listing:
    """The listing the query string asks for, within what the viewer may see; `fixed` filters
    come from the page (e.g. the entity of an entity page) and override the query string."""
    spec = TABLES[name]
    allowed = scope(viewer, name)
    if allowed is None:
        raise NotAllowed(name)
    where: dict[str, Any] = {}
    for column in spec.columns:
        text = query.get(column.name, "").strip()
        if text:
            where[column.name] = _typed(text, column.type)
    where.update({k: v for k, v in fixed.items() if v is not None})
    per_page = _int(query.get("per_page"), 50)
    return Listing(
        where=where, search=query.get("q", "")[:100], sort=query.get("sort", ""),
        descending=query.get("dir", "") == "desc", page=max(1, _int(query.get("page"), 1)),
        per_page=per_page if per_page in PER_PAGE else 50,
        scope_provinces=allowed[0], scope_codes=allowed[1],
    )  # fmt: skip


def _int(text: str | None, default: int) -> int:
    try:
        return int(text or default)
    except ValueError:
        return default


def _typed(text: str, sql_type: str) -> Any:
    if sql_type in ("SMALLINT", "INTEGER", "BIGINT"):
        return _int(text, 0)
    if sql_type == "DOUBLE":
        try:
            return float(text)
        except ValueError:
            return 0.0
    if sql_type == "BOOLEAN":
        return text.lower() in ("1", "true", "yes")
    return text


def headers(name: str, lang: str) -> list[tuple[str, str]]:
    """(column, header in `lang`) of a table's shown columns."""
    return [
        (c.name, labels.column(c, lang))
        for c in TABLES[name].columns
        if c.name not in labels.HIDDEN
    ]


def display_rows(page: Page, lang: str) -> list[dict[str, Any]]:
    """The page's rows with codes (provinces, sectors, kinds, fuels, units) in the page's
    language, without the hidden columns."""
    coded = [c for c in page.columns if c in labels.TRANSLATED]
    zh_unit = lang == "zh" and "intensity_unit_zh" in page.columns
    out = []
    for row in page.rows:
        shown = {k: v for k, v in row.items() if k not in labels.HIDDEN}
        for column in coded:  # only the columns that hold codes are looked up
            shown[column] = labels.cell(column, row[column], lang)
        if zh_unit and row["intensity_unit_zh"]:
            shown["intensity_unit"] = row["intensity_unit_zh"]
        out.append(shown)
    return out


def display_table(data: pa.Table, lang: str) -> pa.Table:
    """A whole listing for a download, column by column (no Python per row): codes in the
    page's language, formula-like text made inert, headers in the page's language."""
    columns, names = [], []
    for column, header in headers_of(data.column_names, lang):
        values = data[column]
        if column == "intensity_unit" and lang == "zh" and "intensity_unit_zh" in data.column_names:
            zh = data["intensity_unit_zh"]
            values = pc.if_else(pc.not_equal(zh, ""), zh, values)
        elif column in labels.TRANSLATED:
            values = _translated(column, values, lang)
        if pa.types.is_string(values.type):
            formula = pc.match_substring_regex(values, FORMULA)
            values = pc.if_else(formula, pc.binary_join_element_wise("'", values, ""), values)
        columns.append(values)
        names.append(header)
    return pa.table(columns, names=names)


def headers_of(columns: list[str], lang: str) -> list[tuple[str, str]]:
    """(column, header) of the shown columns among `columns`."""
    specs = {c.name: c for spec in TABLES.values() for c in spec.columns}
    return [(c, labels.column(specs[c], lang)) for c in columns if c not in labels.HIDDEN]


def _translated(column: str, values: pa.ChunkedArray, lang: str) -> pa.ChunkedArray:
    """Each distinct code looked up once, then spread over the column."""
    distinct = pc.unique(values)
    shown = pa.array([labels.cell(column, v, lang) for v in distinct.to_pylist()], pa.string())
    return pa.chunked_array([shown.take(pc.index_in(values, value_set=distinct))])


def to_csv(data: pa.Table, lang: str) -> bytes:
    """CSV of a whole listing (UTF-8 with a BOM: Excel opens it as UTF-8)."""
    buffer = io.BytesIO()
    buffer.write("\ufeff".encode())
    pacsv.write_csv(display_table(data, lang), buffer)
    return buffer.getvalue()


def to_xlsx(data: pa.Table, lang: str, sheet_name: str) -> bytes:
    """An Excel workbook of a whole listing: numbers as numbers, text always as text."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    shown = display_table(data, lang)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_name[:31])
    sheet.append(shown.column_names)
    for row in shown.to_pylist():
        cells = []
        for value in row.values():
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text, never a formula
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def query_string(query: Mapping[str, Any], **changes: Any) -> str:
    """The query string of `query` with `changes` (None removes a key), for paging links."""
    from urllib.parse import urlencode

    merged = {**query, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "")})


PLAIN = frozenset({"year", "month", "compliance_year", "vintage"})
"""Integer columns shown without thousands separators."""


def fmt_cell(value: Any, column: str = "") -> str:
    """A cell as text: thousands separated, small numbers with their significant digits."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "✓" if value else "—"
    if column in PLAIN:
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        size = abs(value)
        if size >= 100 or value == 0:
            return f"{value:,.0f}"
        return f"{value:,.2f}" if size >= 1 else f"{value:.4g}"
    return str(value)
