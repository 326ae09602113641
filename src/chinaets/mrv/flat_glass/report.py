"""The report tables of a flat glass enterprise: summary sheet, furnaces, sources and the
supplementary-data table."""

from __future__ import annotations

from typing import Any

from chinaets.mrv.ndrc import report as common
from chinaets.mrv.ndrc.results import ReportingResult

COLUMN_LABELS = {**common.COLUMN_LABELS, "unit_id": "熔窑/生产线编号"}


def report_tables(result: ReportingResult) -> dict[str, list[dict[str, Any]]]:
    return common.report_tables(result)
