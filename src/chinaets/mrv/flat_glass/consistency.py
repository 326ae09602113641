"""Checks across the tables of a flat glass report that make it unusable when they fail."""

from __future__ import annotations

from chinaets.inputs.schema_base import Issue
from chinaets.mrv.flat_glass.schema import PRODUCTS, GlassReport
from chinaets.mrv.industry.consistency import duplicates
from chinaets.mrv.ndrc.consistency import common_issues


def check_report(report: GlassReport) -> list[Issue]:
    return [
        *common_issues(report, PRODUCTS, ("carbonates", "carbon_powder")),
        *duplicates("carbonates", [(r.unit_id, r.carbonate) for r in report.carbonates]),
        *duplicates("carbon_powder", [(r.unit_id,) for r in report.carbon_powder]),
    ]
