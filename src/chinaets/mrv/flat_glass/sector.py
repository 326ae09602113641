"""The flat glass sector as the MRV engine sees it: reporting, not yet trading."""

from __future__ import annotations

from pathlib import Path

from chinaets.mrv.flat_glass import accounting, checks, loader, report, schema
from chinaets.mrv.ndrc.summary import summarise
from chinaets.mrv.sectors import Sector

SECTOR = Sector(
    name="flat_glass",
    zh="平板玻璃",
    report_model=schema.GlassReport,
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
    summary=lambda result: summarise(result, "furnace"),
    status="reporting",
    order=13,
)
