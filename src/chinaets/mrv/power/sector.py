"""The power sector as the MRV engine sees it."""

from __future__ import annotations

from pathlib import Path

from chinaets.mrv.power import (
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
    name="power",
    zh="发电",
    report_model=schema.PowerReport,
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
    allocation="power_plan",
    allocation_input=allocation_input.allocation_document,
    doc_appendix=report.fuel_appendix,
    summary=summary.summary,
    order=1,
)
