"""The report tables of a civil aviation enterprise: summary sheet, facilities, sources and the
supplementary-data table (with the per-class or per-building rows of `annex`)."""

from __future__ import annotations

from typing import Any

from chinaets.mrv.ndrc import report as common
from chinaets.mrv.ndrc.results import ReportingResult

COLUMN_LABELS = {**common.COLUMN_LABELS, "unit_id": "机队/基地编号"}


def report_tables(result: ReportingResult) -> dict[str, list[dict[str, Any]]]:
    return common.report_tables(result)
