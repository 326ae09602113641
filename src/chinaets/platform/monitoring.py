"""Findings of monitoring sources on the screening list: CO2 CEMS reconciliation rows about a
unit and month, beside the findings of the submissions.

A monitoring run (a source, a year, the units it covered) replaces the findings an earlier run of
the same source stored for that year and those units, in one transaction: re-running gives the
same list, a unit whose fault is gone loses its finding, and nothing of another source, year or
unit is touched. The platform does not compute these findings; a shell hands them over as rows
with the shared screening columns.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from chinaets.core.errors import InputError, Location
from chinaets.platform.models import MonitoringFindingRow, SubmissionRow
from chinaets.platform.store import PlatformStore

M = MonitoringFindingRow
SEVERITIES = ("error", "warning", "info")
COLUMNS = ("severity", "code", "sector", "province", "credit_code", "unit_id", "month", "field",
           "en", "zh", "tco2_at_stake")  # fmt: skip
_CHUNK = 500  # units per DELETE (bound parameters stay far below every database's limit)


@dataclass(frozen=True)
class MonitoringRun:
    """What one run of a monitoring source covered: its findings replace the stored ones of
    `source` for `year` and these (credit code, unit) pairs."""

    source: str
    year: int
    units: frozenset[tuple[str, str]]
    reference: str


def replace_findings(
    store: PlatformStore, run: MonitoringRun, findings: Iterable[Mapping[str, Any]],
    now: dt.datetime,
) -> int:  # fmt: skip
    """Store `findings` as the run's; returns how many were stored."""
    rows = [_checked(run, i, f) for i, f in enumerate(findings, start=1)]
    with store.writing() as session:
        names = _names(session, {r["credit_code"] for r in rows})
        _clear(session, run)
        session.add_all(
            M(**r, source=run.source, year=run.year, name=names.get(r["credit_code"], ""),
              reference=run.reference, recorded_at=now.isoformat(timespec="seconds"))
            for r in rows
        )  # fmt: skip
    return len(rows)


def _checked(run: MonitoringRun, row: int, finding: Mapping[str, Any]) -> dict[str, Any]:
    where = Location(row=row, field="source")
    if finding.get("source", run.source) != run.source or finding.get("year", run.year) != run.year:
        raise InputError.one(where, f"a finding of another source or year than {run.source} {run.year}",
                             f"核查发现的来源或年度与本次（{run.source} {run.year}）不符",
                             "hand over one run's findings at a time", "请每次只提交一次运行的核查发现")  # fmt: skip
    if (finding["credit_code"], finding["unit_id"]) not in run.units:
        raise InputError.one(Location(row=row, field="unit_id"),
                             f"unit {finding['unit_id']} was not covered by the run",
                             f"机组 {finding['unit_id']} 不在本次运行范围内",
                             "list every unit the run covered", "请列出本次运行覆盖的全部机组")  # fmt: skip
    if finding["severity"] not in SEVERITIES:
        raise InputError.one(Location(row=row, field="severity"),
                             f"unknown severity {finding['severity']!r}", f"未知严重程度 {finding['severity']!r}",
                             "use error, warning or info", "请使用 error、warning 或 info")  # fmt: skip
    return {c: finding[c] for c in COLUMNS}


def _names(session: Session, codes: set[str]) -> dict[str, str]:
    """Each entity's name as its latest submission gives it (monitoring data carry none)."""
    names: dict[str, str] = {}
    ordered = sorted(codes)
    for i in range(0, len(ordered), _CHUNK):
        stmt = (
            select(SubmissionRow.credit_code, SubmissionRow.name)
            .where(SubmissionRow.credit_code.in_(ordered[i : i + _CHUNK]))
            .where(SubmissionRow.id.in_(
                select(func.max(SubmissionRow.id)).group_by(SubmissionRow.credit_code)))
        )  # fmt: skip
        names.update({code: name for code, name in session.execute(stmt)})
    return names


def _clear(session: Session, run: MonitoringRun) -> None:
    by_entity: dict[str, list[str]] = defaultdict(list)
    for code, unit in sorted(run.units):
        by_entity[code].append(unit)
    for code, units in by_entity.items():
        for i in range(0, len(units), _CHUNK):
            session.execute(
                delete(M).where(M.source == run.source, M.year == run.year,
                                M.credit_code == code, M.unit_id.in_(units[i : i + _CHUNK]))
            )  # fmt: skip
