"""Read-model tables on the dashboard: a listing from the query string (page, sort, search,
filters), column headers and cell values in the page's language, and downloads (CSV, Excel)
of the whole listing.

Downloads are opened by spreadsheet programs, so a text cell that starts like a formula
(``= + - @``, tab, carriage return) is written with a leading apostrophe: it shows as text
and never runs. Numbers stay numbers (typed cells in Excel).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

from chinaets.national.readmodel import TABLES, Listing, Page
from chinaets.web import labels
from chinaets.web.access import Viewer, scope

PER_PAGE = (25, 50, 100, 200)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
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


def safe_text(value: Any) -> Any:
    """A text cell that a spreadsheet would read as a formula, made inert."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(page: Page, lang: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([label for _, label in headers(page.table, lang)])
    for row in display_rows(page, lang):
        writer.writerow(["" if v is None else safe_text(v) for v in row.values()])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Excel opens UTF-8 as such


def to_xlsx(page: Page, lang: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet(page.table[:31])
    sheet.append([label for _, label in headers(page.table, lang)])
    for row in display_rows(page, lang):
        cells = []
        for value in row.values():
            cell = WriteOnlyCell(sheet, value=safe_text(value))
            if isinstance(value, str):
                cell.data_type = "s"  # text, never a formula
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


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
