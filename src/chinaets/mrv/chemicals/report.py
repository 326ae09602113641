"""The report tables of a chemical enterprise: summary sheet, plants, sources and the
supplementary-data table."""

from __future__ import annotations

from typing import Any

from chinaets.mrv.ndrc import report as common
from chinaets.mrv.ndrc.results import ReportingResult

COLUMN_LABELS = {**common.COLUMN_LABELS, "unit_id": "分厂编号"}


def report_tables(result: ReportingResult) -> dict[str, list[dict[str, Any]]]:
    return common.report_tables(result)
