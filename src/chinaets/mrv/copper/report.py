"""The report tables of a copper smelting enterprise: summary sheet, smelters, sources and the
supplementary-data table (T18F items 1–3)."""

from __future__ import annotations

from typing import Any

from chinaets.mrv.ndrc import report as common
from chinaets.mrv.ndrc.results import ReportingResult

COLUMN_LABELS = {**common.COLUMN_LABELS, "unit_id": "冶炼分厂编号"}


def report_tables(result: ReportingResult) -> dict[str, list[dict[str, Any]]]:
    return common.report_tables(result)
