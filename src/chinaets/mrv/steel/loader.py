"""The one way a steel report gets in: read any format, validate, check across tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from chinaets.core.errors import InputError, Problem
from chinaets.mrv.steel.consistency import check_report
from chinaets.mrv.steel.schema import TABLES, SteelReport
from chinaets.mrv.tables import RawInput, read_input, validate


def load_report(path: Path, year: int | None = None) -> SteelReport:
    """A validated report from a .json file, an .xlsx workbook or a folder of CSV files.

    `year` fills in a missing data year, and must agree with one the file gives."""
    raw = read_input(path, TABLES)
    if year is not None:
        raw.set_year(year)
    return _checked(raw)


def parse_report(data: dict[str, Any], source: str = "<input>") -> SteelReport:
    """A validated report from already-parsed data (worked cases, the API, the demo fleet)."""
    return _checked(RawInput(data, source))


def _checked(raw: RawInput) -> SteelReport:
    report = validate(raw, SteelReport)
    issues = check_report(report)
    if issues:
        raise InputError(
            [Problem(raw.locate(i.loc), i.en, i.zh, i.fix_en, i.fix_zh) for i in issues]
        )
    return report
