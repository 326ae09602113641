"""Legacy projects: China's CDM power projects (WRI Global Power Plant Database, CC BY 4.0),
imported so that the uniqueness check sees them and so that CCER of legacy projects are
refused for national ETS offsetting after 2024-12-31 (`units.offsetting_problems`).

A legacy project has state ``legacy``: no lifecycle step applies to it (it must re-apply as a
new project under the 2023 Measures, Art. 49, and the same site and technology then counts as
double registration unless it leaves the other mechanism).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from chinaets.ccer.lifecycle import ProjectState
from chinaets.ccer.store import ProjectRow

DATA_FILE = Path(__file__).resolve().parents[1] / "data" / "ccer" / "cdm_power_projects_china.csv"


def data_path() -> Path:
    return DATA_FILE


def _number(text: str) -> float | None:
    return float(text) if text.strip() else None


def legacy_row(record: dict[str, str]) -> ProjectRow:
    return ProjectRow(
        id=record["gppd_id"],
        name=record["name"][:300],
        owner="",
        owner_name="",
        province=None,
        methodology=record["fuel"] or "Unknown",
        project_type="CDM",
        state=ProjectState.LEGACY.value,
        legacy=True,
        external_ref=record["gppd_id"],
        latitude=_number(record["latitude"]),
        longitude=_number(record["longitude"]),
        capacity_mw=_number(record["capacity_mw"]),
        site="{}",
        expected_annual_t=0,
    )


def import_cdm(session: Session, path: Path | None = None) -> dict[str, Any]:
    """Add the CDM projects not yet known; returns how many were added and skipped."""
    with (path or data_path()).open(encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    known = set(session.scalars(select(ProjectRow.id).where(ProjectRow.legacy.is_(True))))
    fresh = [legacy_row(r) for r in records if r["gppd_id"] not in known]
    session.add_all(fresh)
    by_fuel: dict[str, int] = {}
    for row in fresh:
        by_fuel[row.methodology] = by_fuel.get(row.methodology, 0) + 1
    return {
        "added": len(fresh),
        "already_known": len(records) - len(fresh),
        "by_technology": by_fuel,
    }
