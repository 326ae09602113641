"""The one way an aluminium report gets in: read any format, validate, check across tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from chinaets.core.errors import InputError, Problem
from chinaets.mrv.aluminium.consistency import check_report
from chinaets.mrv.aluminium.schema import TABLES, AluminiumReport
from chinaets.mrv.tables import RawInput, read_input, validate


def load_report(path: Path, year: int | None = None) -> AluminiumReport:
    """A validated report from a .json file, an .xlsx workbook or a folder of CSV files."""
    raw = read_input(path, TABLES)
    if year is not None:
        raw.set_year(year)
    return _checked(raw)


def parse_report(data: dict[str, Any], source: str = "<input>") -> AluminiumReport:
    """A validated report from already-parsed data (worked cases, the API)."""
    return _checked(RawInput(data, source))


def _checked(raw: RawInput) -> AluminiumReport:
    report = validate(raw, AluminiumReport)
    issues = check_report(report)
    if issues:
        raise InputError(
            [Problem(raw.locate(i.loc), i.en, i.zh, i.fix_en, i.fix_zh) for i in issues]
        )
    return report
