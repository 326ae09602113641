"""One entity of the national data set written out as an enterprise would file it: a JSON
report and the bilingual Excel template filled in, both loadable by `chinaets account`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from openpyxl import load_workbook

from chinaets.demo.power_fleet import FleetEntity
from chinaets.inputs.excel import write_template
from chinaets.mrv.power.schema import TABLE_LABELS, TABLES, PowerReport

FIRST_DATA_ROW = 3  # the template's row 1 holds labels, row 2 the field keys


def pick_example(entities: Sequence[FleetEntity], reports: Sequence[PowerReport]) -> PowerReport:
    """A small CHP plant (two units, at least one supplying heat) reads best in a trace."""
    for entity, report in zip(entities, reports, strict=True):
        if len(entity.units) == 2 and any(u.chp for u in entity.units):
            return report
    return reports[0]


def write_json(report: PowerReport, path: Path) -> None:
    data = report.model_dump(mode="json", exclude_none=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def write_workbook(report: PowerReport, path: Path) -> None:
    """The blank template of `chinaets template`, with the report's rows from row 3."""
    write_template(path, TABLES, TABLE_LABELS)
    book = load_workbook(path)
    try:
        for name in TABLES:
            sheet = book[name]
            keys = [cell.value for cell in sheet[FIRST_DATA_ROW - 1] if cell.value]
            for offset, row in enumerate(_rows(report, name)):
                for column, key in enumerate(keys, 1):
                    sheet.cell(FIRST_DATA_ROW + offset, column, row.get(key))
        book.save(path)
    finally:
        book.close()


def _rows(report: PowerReport, table: str) -> list[dict[str, object]]:
    if table == "entity":
        return [{"year": report.year, **report.entity.model_dump(mode="json")}]
    return [row.model_dump(mode="json") for row in getattr(report, table)]
