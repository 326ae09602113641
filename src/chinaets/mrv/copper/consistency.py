"""Checks across the tables of a copper smelting report that make it unusable when they fail."""

from __future__ import annotations

from chinaets.inputs.schema_base import Issue
from chinaets.mrv.copper.schema import PRODUCTS, CopperReport
from chinaets.mrv.industry.consistency import duplicates
from chinaets.mrv.ndrc.consistency import common_issues


def check_report(report: CopperReport) -> list[Issue]:
    return [
        *common_issues(report, PRODUCTS, ("reductants", "carbonates")),
        *duplicates("reductants", [(r.unit_id, r.reductant) for r in report.reductants]),
        *duplicates("carbonates", [(r.unit_id, r.carbonate) for r in report.carbonates]),
    ]
