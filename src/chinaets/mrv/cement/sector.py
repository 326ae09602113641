"""The cement clinker sector as the MRV engine sees it."""

from __future__ import annotations

from pathlib import Path

from chinaets.mrv.cement import (
    accounting,
    allocation_input,
    checks,
    loader,
    report,
    schema,
    summary,
)
from chinaets.mrv.sectors import Sector

SECTOR = Sector(
    name="cement",
    zh="水泥熟料",
    report_model=schema.CementReport,
    tables=schema.TABLES,
    table_labels=schema.TABLE_LABELS,
    parameters=accounting.parameters,
    cases_dir=Path(__file__).parent / "cases",
    load=loader.load_report,
    parse=loader.parse_report,
    account=accounting.account,
    check=checks.check,
    report_tables=report.report_tables,
    column_labels=report.COLUMN_LABELS,
    allocation="industry_plan",
    allocation_input=allocation_input.allocation_document,
    summary=summary.summary,
    order=3,
)
