"""Write the .xlsx files of the bad-input corpus (run once; the workbooks are committed).

Each workbook starts from `chinaets template power` (as an enterprise's would) and is filled
with openpyxl, then broken in one way. Run from the repository root::

    .venv/bin/python tests/power/bad_inputs/make_xlsx.py
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

from chinaets.inputs.excel import write_template
from chinaets.mrv.power.schema import TABLE_LABELS, TABLES

HERE = Path(__file__).parent
GOOD = HERE.parent / "good_report.json"


def fill(book: Workbook, report: dict[str, Any]) -> None:
    """Put a report (the JSON layout) into a template's sheets, data from row 3."""
    entity = {"year": report["year"], **report["entity"]}
    for table in TABLES:
        rows = [entity] if table == "entity" else report.get(table, [])
        sheet = book[table]
        keys = [cell.value for cell in sheet[2]]
        for offset, row in enumerate(rows):
            for column, key in enumerate(keys, 1):
                if key in row:
                    sheet.cell(3 + offset, column, row[key])


def workbook(path: Path, report: dict[str, Any], breaks: Callable[[Workbook], None]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        template = Path(tmp) / "template.xlsx"
        write_template(template, TABLES, TABLE_LABELS, year=report["year"])
        book = load_workbook(template)
    fill(book, report)
    breaks(book)
    book.save(path)


def cell(sheet: str, row: int, key: str, value: Any) -> Callable[[Workbook], None]:
    """Set one cell, addressed by the Excel row and the field key of row 2."""

    def breaks(book: Workbook) -> None:
        ws = book[sheet]
        column = [c.value for c in ws[2]].index(key) + 1
        ws.cell(row, column).value = value

    return breaks


def rename(sheet: str, title: str) -> Callable[[Workbook], None]:
    def breaks(book: Workbook) -> None:
        book[sheet].title = title

    return breaks


def main() -> None:
    good = json.loads(GOOD.read_text(encoding="utf-8"))
    no_fuel_use = {**good, "fuel_use": []}
    workbook(HERE / "xlsx_wrong_sheet_name.xlsx", good, rename("fuel_use", "燃料消耗"))
    workbook(HERE / "xlsx_no_fuel_use_rows.xlsx", no_fuel_use, lambda book: None)
    workbook(HERE / "xlsx_non_numeric.xlsx", good, cell("fuel_use", 4, "quantity", "12,3O0"))
    workbook(HERE / "xlsx_negative_quantity.xlsx", good, cell("fuel_use", 3, "quantity", -5))
    workbook(HERE / "xlsx_year_conflict.xlsx", good, lambda book: None)
    workbook(HERE / "xlsx_two_entity_rows.xlsx", good, cell("entity", 4, "name", "示例发电二厂"))
    workbook(HERE / "xlsx_missing_moisture.xlsx", good, cell("lab_results", 3, "moisture_ar_pct", None))  # fmt: skip
    workbook(HERE / "xlsx_kg_not_t.xlsx", good, cell("fuel_use", 3, "quantity", 150_000_000))


if __name__ == "__main__":
    main()
