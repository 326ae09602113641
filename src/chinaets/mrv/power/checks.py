"""Verification checks of a power report (CETS-VG-01.01-V02-2026): findings, not rejections.

(Being written: see the checks work item.)
"""

from __future__ import annotations

from chinaets.mrv.findings import Finding
from chinaets.mrv.power.results import EntityResult
from chinaets.mrv.power.schema import PowerReport


def check(report: PowerReport, result: EntityResult) -> list[Finding]:
    """Every finding on the report, errors first."""
    return []
