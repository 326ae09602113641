"""Checks across the tables of a chemical report that make it unusable when they fail."""

from __future__ import annotations

from chinaets.mrv.chemicals.schema import PRODUCTS, ChemicalReport
from chinaets.mrv.industry.consistency import duplicates
from chinaets.mrv.ndrc.consistency import common_issues
from chinaets.mrv.schema_base import Issue

UNIT_TABLES = ("carbon_flows", "carbonates", "nitric_acid", "adipic_acid", "co2_recovery")


def check_report(report: ChemicalReport) -> list[Issue]:
    return [
        *common_issues(report, PRODUCTS, UNIT_TABLES),
        *duplicates(
            "carbon_flows", [(r.unit_id, r.material, r.direction) for r in report.carbon_flows]
        ),
        *duplicates("carbonates", [(r.unit_id, r.carbonate) for r in report.carbonates]),
        *duplicates(
            "nitric_acid", [(r.unit_id, r.process, r.abatement) for r in report.nitric_acid]
        ),
        *duplicates("adipic_acid", [(r.unit_id, r.route, r.abatement) for r in report.adipic_acid]),
    ]
