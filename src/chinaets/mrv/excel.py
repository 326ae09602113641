"""Excel workbooks in and out: enterprises keep their data in Excel.

The template has one sheet per table: row 1 bilingual labels with units, row 2 field keys,
data from row 3. The reader accepts the same layout, or keys in row 1.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from pydantic import BaseModel

from chinaets.core import limits
from chinaets.core.cells import for_excel
from chinaets.core.errors import InputError, Location

Sheet = list[tuple[int, list[Any]]]
_LABEL_FILL = PatternFill("solid", fgColor="DDEBF7")


def read_workbook(path: Path) -> dict[str, Sheet]:
    """Every sheet as (Excel row number, cell values), streamed: refused past
    `limits.MAX_ROWS` rows of a sheet or `limits.MAX_CELLS` cells, or a file past
    `limits.MAX_FILE_BYTES`, before the rest is read."""
    limits.check_size(path.stat().st_size, Location(path.name))
    if path.stat().st_size == 0:
        raise InputError.one(
            Location(path.name), "the workbook is empty (0 bytes)", "工作簿为空（0 字节）",
            "start from `chinaets template`", "请从 `chinaets template` 生成的模板开始",
        )  # fmt: skip
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # see below: the parser's errors on a damaged file are many
        raise _unreadable(path.name, exc) from None
    try:
        cells = [0]
        return {ws.title: _sheet(path.name, ws, cells) for ws in book.worksheets}
    except InputError:
        raise
    except Exception as exc:  # a damaged file can fail anywhere in the parser (zlib, XML, …)
        raise _unreadable(path.name, exc) from None
    finally:
        book.close()


def _sheet(file: str, ws: Any, cells: list[int]) -> Sheet:
    rows: Sheet = []
    for n, values in enumerate(ws.iter_rows(values_only=True), 1):
        where = Location(file, ws.title, n)
        limits.check_rows(n, where)
        row = list(values)
        while row and row[-1] is None:  # a formatted but empty column tail costs nothing
            row.pop()
        cells[0] += len(row)
        limits.check_cells(cells[0], where)
        rows.append((n, row))
    return rows


def _unreadable(file: str, exc: Exception) -> InputError:
    return InputError.one(
        Location(file),
        f"not a readable .xlsx workbook ({exc.__class__.__name__})",
        "不是可读取的 .xlsx 工作簿",
        "save the file from Excel as .xlsx (not .xls or .csv renamed)",
        "请在 Excel 中另存为 .xlsx 格式",
    )


def write_template(
    path: Path,
    tables: Mapping[str, type[BaseModel]],
    labels: Mapping[str, tuple[str, str]],
    year: int | None = None,
) -> None:
    """A blank bilingual workbook for the given tables (the data year pre-filled if given)."""
    book = Workbook()
    book.remove(book.active)
    for name, model in tables.items():
        sheet = book.create_sheet(name)
        keys = (["year"] if name == "entity" else []) + list(model.model_fields)
        sheet.append([_label(model, k) for k in keys])
        sheet.append(keys)
        for cell in sheet[1]:
            cell.fill = _LABEL_FILL
            cell.font = Font(bold=True)
        for cell in sheet[2]:
            cell.font = Font(italic=True, color="666666")
        for column, key in enumerate(keys, 1):
            sheet.column_dimensions[sheet.cell(1, column).column_letter].width = max(
                14, len(key) + 4
            )
        sheet.freeze_panes = "A3"
        if name == "entity" and year is not None:
            sheet.cell(3, 1, year)
        zh, en = labels.get(name, (name, name))
        sheet.sheet_properties.tabColor = "1F4E78"
        sheet.cell(1, len(keys) + 2, f"{zh} / {en}").font = Font(bold=True)
    book.save(path)


def write_tables(
    path: Path, tables: Mapping[str, list[dict[str, Any]]], labels: Mapping[str, str] | None = None
) -> None:
    """Result tables (list of row dicts) as one sheet each: a Chinese label row (when `labels`
    knows the column) above the key row, as in the template."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in tables.items():
        sheet = book.create_sheet(name[:31])
        if not rows:
            continue
        header = list(rows[0])
        if labels:
            sheet.append([labels.get(k, k) for k in header])
            for cell in sheet[1]:
                cell.fill = _LABEL_FILL
                cell.font = Font(bold=True)
        sheet.append(header)
        for row in rows:
            sheet.append([for_excel(row.get(k)) for k in header])
        sheet.freeze_panes = sheet.cell(sheet.max_row - len(rows) + 1, 1).coordinate
    book.save(path)


def _label(model: type[BaseModel], key: str) -> str:
    if key == "year":
        return "数据年度 data year"
    extra = model.model_fields[key].json_schema_extra
    if not isinstance(extra, dict):
        return key
    unit = f" [{extra['unit']}]" if extra.get("unit") else ""
    return f"{extra.get('zh', '')} {extra.get('en', key)}{unit}".strip()
