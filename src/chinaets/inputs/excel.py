"""Excel workbooks in and out: enterprises keep their data in Excel.

The template has an instructions sheet, then one sheet per table: row 1 bilingual labels with
units, row 2 field keys (both protected), data from row 3, with a drop-down on every enumerated
field offering the Chinese terms. The reader accepts the same layout, or keys in row 1, and
skips the instructions sheet.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import BaseModel
from rich.cells import cell_len

from chinaets.core import limits
from chinaets.core.cells import for_excel
from chinaets.core.errors import InputError, Location
from chinaets.core.labels import english, label
from chinaets.core.numbers import PLAIN_KEYS, SMALL_FIGURE, exact, figure
from chinaets.core.terms import choice_label, zh_term
from chinaets.inputs.examples import EXAMPLE_NOTE, EXAMPLE_ROW
from chinaets.inputs.schema_base import choices

Sheet = list[tuple[int, list[Any]]]
INSTRUCTIONS = "说明 Instructions"
COVER = "封面 Cover"  # the first sheet of a results workbook; not data, as the instructions
_LABEL_FILL = PatternFill("solid", fgColor="DDEBF7")
_LAST_ROW = 20000  # drop-downs and unlocked cells reach this far
_HOW_TO = (
    ("填写说明", "How to fill in this workbook"),
    ("每个工作表对应一张数据表：第1行为中英文字段名及单位，第2行为字段代码（均已保护），从第3行起填写数据。",
     "One sheet per table: row 1 holds the bilingual field names with units, row 2 the field keys "
     "(both protected); enter data from row 3."),
    ("带下拉列表的字段可选择中文名称，也可填写英文代码。", "Fields with a drop-down accept the Chinese term or the English code."),
    ("各表第3行为示例（灰色斜体，行末标注“示例行”），填写前请删除该行；未删除的示例行导入时会被拒绝。",
     "Row 3 of each table is an example (grey italics, marked 示例行 at its end): delete that row "
     "before entering data; a workbook that still holds it is refused."),
    ("数值请填写纯数字，不带单位与千分位符号；单位见第1行方括号。",
     "Write plain numbers without units or thousands separators; units are in brackets in row 1."),
    ("填写完成后运行：chinaets account 文件名.xlsx（核算）或 chinaets check 文件名.xlsx（核查检查）。",
     "Then run: chinaets account FILE.xlsx (accounting) or chinaets check FILE.xlsx (checks)."),
)  # fmt: skip


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
        return {
            ws.title: _sheet(path.name, ws, cells)
            for ws in book.worksheets
            if ws.title not in (INSTRUCTIONS, COVER)
        }
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
    examples: Mapping[str, Mapping[str, Any]] | None = None,
) -> None:
    """A blank bilingual workbook for the given tables (the data year pre-filled if given),
    with the `examples` (a row per table) in row 3, marked to be deleted before loading."""
    book = Workbook()
    _instructions(book.active, tables, labels)
    for name, model in tables.items():
        sheet = book.create_sheet(name)
        keys = (["year"] if name == "entity" else []) + list(model.model_fields)
        sheet.append([_label(model, k) for k in keys])
        sheet.append(keys)
        _style_header(sheet, keys)
        for column, key in enumerate(keys, 1):
            if key != "year":
                _drop_down(sheet, column, model, key)
        if name == "entity" and year is not None:
            sheet.cell(3, 1, year)
        if name in (examples or {}):
            _example(sheet, keys, model, (examples or {})[name])
        zh, en = labels.get(name, (name, name))
        sheet.sheet_properties.tabColor = "1F4E78"
        sheet.cell(1, len(keys) + 2, f"{zh} / {en}").font = Font(bold=True)
    book.save(path)


def _style_header(sheet: Worksheet, keys: list[str]) -> None:
    """Label and key rows styled and locked; every data cell below them left editable."""
    for cell in sheet[1]:
        cell.fill = _LABEL_FILL
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[2]:
        cell.font = Font(italic=True, color="666666")
    for column, key in enumerate(keys, 1):
        letter = sheet.cell(1, column).column_letter
        sheet.column_dimensions[letter].width = max(14, len(key) + 4)
        sheet.column_dimensions[letter].protection = Protection(locked=False)
    sheet.freeze_panes = "A3"
    protection = sheet.protection
    protection.sheet = True
    # what stays allowed on a protected sheet: adding, removing and formatting data rows
    protection.insertRows = protection.deleteRows = protection.formatCells = False
    protection.formatColumns = protection.sort = protection.autoFilter = False


def _example(
    sheet: Worksheet, keys: list[str], model: type[BaseModel], row: Mapping[str, Any]
) -> None:
    """An example row (grey italics), its values as a user would enter them (terms as the
    drop-downs offer them), and the note that marks it in the column after the last field."""
    grey = Font(italic=True, color="808080")
    for column, key in enumerate(keys, 1):
        value = row.get(key)
        codes, own = choices(model, key)
        if isinstance(value, bool):
            value = "是" if value else "否"
        elif isinstance(value, str) and value in codes:
            value = choice_label(value, own)
        sheet.cell(EXAMPLE_ROW, column, value).font = grey
    note = sheet.cell(EXAMPLE_ROW, len(keys) + 1, EXAMPLE_NOTE)
    note.font = Font(bold=True, color="C00000")


def delete_examples(book: Any) -> None:
    """Delete every table's example row, as the instructions sheet asks a user to (for the
    demo's filled-in workbook)."""
    for sheet in book.worksheets:
        if sheet.max_row >= EXAMPLE_ROW and any(
            c.value == EXAMPLE_NOTE for c in sheet[EXAMPLE_ROW]
        ):
            sheet.delete_rows(EXAMPLE_ROW)


def _drop_down(sheet: Worksheet, column: int, model: type[BaseModel], key: str) -> None:
    codes, own = choices(model, key)
    if model.model_fields[key].annotation in (bool, bool | None):
        offered = ["是", "否"]
    elif codes:
        offered = [choice_label(code, own) for code in codes]
    else:
        return
    letter = sheet.cell(1, column).column_letter
    check = DataValidation(type="list", formula1='"' + ",".join(offered) + '"', allow_blank=True)
    check.error = f"请从下拉列表选择 / choose from the list: {', '.join(offered)}"
    check.errorTitle = "取值无效 / invalid value"
    sheet.add_data_validation(check)
    check.add(f"{letter}3:{letter}{_LAST_ROW}")


def _instructions(
    sheet: Any, tables: Mapping[str, type[BaseModel]], labels: Mapping[str, tuple[str, str]]
) -> None:
    """The first sheet: how to fill in the workbook, then every field of every table."""
    sheet.title = INSTRUCTIONS
    for zh, en in _HOW_TO:
        sheet.append([zh, en])
    sheet["A1"].font = sheet["B1"].font = Font(bold=True, size=14)
    sheet.append([])
    heads = ["工作表 sheet", "字段代码 key", "中文名称", "name", "单位 unit", "可选值 values"]
    sheet.append(heads)
    for cell in sheet[sheet.max_row]:
        cell.fill, cell.font = _LABEL_FILL, Font(bold=True)
    for name, model in tables.items():
        zh, en = labels.get(name, (name, name))
        for key, field in model.model_fields.items():
            extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
            codes, own = choices(model, key)
            values = "、".join(f"{zh_term(c, own)}（{c}）" for c in codes)
            sheet.append([f"{name}（{zh} / {en}）", key, extra.get("zh", ""),
                          extra.get("en", key), extra.get("unit", ""), values])  # fmt: skip
    for letter, width in zip("ABCDEF", (34, 24, 28, 34, 14, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = f"A{len(_HOW_TO) + 3}"


_WIDEST = 60  # characters a fitted column may take


def write_tables(
    path: Path,
    tables: Mapping[str, list[dict[str, Any]]],
    labels: Mapping[str, str] | None = None,
    cover: Mapping[str, Any] | None = None,
) -> None:
    """Result tables (list of row dicts) as one sheet each, the key row above the data as in
    the template. With `labels` (column key → Chinese label) the workbook is for people, laid
    out as the MEE report tables are: a cover sheet (`cover`: entity, year, sector, source
    file), sheets named in Chinese, a bilingual header row with units (Chinese first) above
    the key row, the header frozen, numbers typed as numbers with the figures' formats
    (`chinaets.core.numbers`), columns fitted to their contents."""
    book = Workbook()
    book.remove(book.active)
    if cover is not None:
        _cover(book.create_sheet(COVER), cover, tables)
    for name, rows in tables.items():
        sheet = book.create_sheet(_sheet_title(name) if labels is not None else name[:31])
        if not rows:
            continue
        header = list(rows[0])
        if labels is not None:
            sheet.append([label(k, "both", labels) for k in header])
            for cell in sheet[1]:
                cell.fill, cell.font = _LABEL_FILL, Font(bold=True)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.append(header)
        for row in rows:
            sheet.append([_typed(row.get(k)) for k in header])
        first = sheet.max_row - len(rows) + 1
        sheet.freeze_panes = sheet.cell(first, 1).coordinate
        if labels is not None:
            _format_numbers(sheet, header, first)
            _fit_widths(sheet)
    book.save(path)


def _sheet_title(name: str) -> str:
    """A table's sheet as the report names it (its Chinese label), within Excel's 31 chars."""
    zh = label(name, "zh")
    return (zh if zh != english(name) else name)[:31]


def _typed(value: Any) -> Any:
    """A cell: a float without binary noise, text safe from formula injection."""
    return exact(value) if isinstance(value, float) else for_excel(value)


def _format_numbers(sheet: Worksheet, header: list[str], first: int) -> None:
    for column, key in enumerate(header, 1):
        for (cell,) in sheet.iter_rows(min_row=first, min_col=column, max_col=column):
            value: Any = cell.value
            if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
                continue
            if isinstance(value, int):
                plain = key in PLAIN_KEYS or key.endswith("_id")
                cell.number_format = "0" if plain else "#,##0"
            else:
                small = abs(float(value)) < SMALL_FIGURE
                cell.number_format = "0.0000" if small else "#,##0.00"


def _fit_widths(sheet: Worksheet) -> None:
    for column in sheet.columns:
        texts = [figure("", c.value) if c.value is not None else "" for c in column]
        widest = max((cell_len(t) for t in texts[1:]), default=0)  # key row and data
        word = max((cell_len(w) for w in texts[0].split()), default=0)  # the header wraps
        width = min(_WIDEST, max(10, widest + 2, word + 2))
        sheet.column_dimensions[column[0].column_letter].width = width


def _cover(sheet: Worksheet, cover: Mapping[str, Any], tables: Mapping[str, Any]) -> None:
    """What the workbook is (`document`, its title): whose report, which year and sector,
    made from which file; then its sheets."""
    sheet.append([str(cover.get("document", "报告表 report tables"))])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    for key, value in cover.items():
        if key == "document":
            continue
        zh, en = label(key, "zh"), english(key)
        sheet.append([zh if zh != en else "", en, _typed(value)])
    sheet.append([])
    sheet.append(["工作表", "sheets"])
    sheet.cell(sheet.max_row, 1).font = sheet.cell(sheet.max_row, 2).font = Font(bold=True)
    for name in tables:
        sheet.append([_sheet_title(name), english(name), len(tables[name])])
    for letter, width in zip("ABC", (22, 26, 48), strict=True):
        sheet.column_dimensions[letter].width = width


def _label(model: type[BaseModel], key: str) -> str:
    if key == "year":
        return "数据年度 data year"
    extra = model.model_fields[key].json_schema_extra
    if not isinstance(extra, dict):
        return key
    unit = f" [{extra['unit']}]" if extra.get("unit") else ""
    return f"{extra.get('zh', '')} {extra.get('en', key)}{unit}".strip()
