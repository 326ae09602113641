"""The report tables of a petrochemical enterprise: summary sheet, refineries and units,
sources and the supplementary-data table."""

from __future__ import annotations

from typing import Any

from chinaets.mrv.ndrc import report as common
from chinaets.mrv.ndrc.results import ReportingResult

COLUMN_LABELS = {**common.COLUMN_LABELS, "unit_id": "炼厂/装置编号"}


def report_tables(result: ReportingResult) -> dict[str, list[dict[str, Any]]]:
    return common.report_tables(result)
