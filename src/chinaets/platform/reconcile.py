"""The annual report reconciled against the entity's monthly deposits of the same year.

Every month whose deposit deadline passed before the report arrived must have a deposit
(DEP-MISSING); every deposited row must be in the report with the same figures, and the report
must not hold rows of a deposited month that the deposit lacked (DEP-DIFF). Rows are matched
on their text and date fields (unit, fuel, sample id, …), figures compared exactly: the deposit
is the tamper-evident copy, so any change is for the verifier to explain.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from chinaets.mrv.industry import deposits as rule
from chinaets.mrv.industry.rules import parameters as industry_parameters
from chinaets.platform import stake
from chinaets.platform.records import FindingDraft, Prepared

SOURCE = "deposit"
Row = Mapping[str, Any]


def reconcile(
    report: Prepared, deposits: Mapping[int, Mapping[str, Any]], received: dt.date
) -> list[FindingDraft]:
    """Findings of the report against its deposits (month -> deposit document)."""
    found = stake.leaves(report.result)
    out = list(_missing(report, deposits, received, found))
    for month, deposit in sorted(deposits.items()):
        for table, rows in deposit.items():
            if table != "deposit" and isinstance(rows, list):
                in_report = [r for r in report.document.get(table, []) if r.get("month") == month]
                out.extend(_differences(report.year, month, table, rows, in_report, found))
    return out


def _missing(
    report: Prepared, deposits: Mapping[int, Any], received: dt.date, found: list[stake.Leaf]
) -> Iterator[FindingDraft]:
    for month in range(1, 13):
        due = rule.deadline(industry_parameters(), report.year, month)
        if due is None or due >= received or month in deposits:
            continue
        yield FindingDraft(SOURCE, "error", "DEP-MISSING",
            f"no monthly deposit for {report.year}-{month:02d} (due {due}): the month's "
            "figures in the annual report are not backed by a deposit",
            f"{report.year} 年 {month} 月无月度信息化存证（截止 {due}），年报中该月数据无存证支撑",
            month=month, field="deposit", reference=rule.REF_2025,
            tco2_at_stake=stake.at_stake(found, None, month))  # fmt: skip


def _key(row: Row) -> tuple[tuple[str, str], ...]:
    return tuple(
        sorted(
            (k, str(v)) for k, v in row.items() if not isinstance(v, int | float) or k == "month"
        )
    )


def _differences(
    year: int, month: int, table: str, deposited: list[Row], reported: list[Row],
    found: list[stake.Leaf],
) -> Iterator[FindingDraft]:  # fmt: skip
    report_rows = {_key(r): r for r in reported}
    for row in deposited:
        other = report_rows.pop(_key(row), None)
        unit = str(row.get("unit_id") or row.get("line_id") or row.get("process_id") or "")
        at = stake.at_stake(found, unit or None, month)
        if other is None:
            yield _diff(year, month, table, unit, at, "the deposited row is not in the annual "
                        "report", "存证中的数据行在年报中缺失", "")  # fmt: skip
            continue
        for column, value in row.items():
            if isinstance(value, int | float) and other.get(column) != value:
                yield _diff(year, month, table, unit, at,
                    f"{column} is {other.get(column)} in the annual report but {value} in the deposit",
                    f"{column} 年报值 {other.get(column)} 与存证值 {value} 不一致", column)  # fmt: skip
    for row in report_rows.values():
        unit = str(row.get("unit_id") or "")
        yield _diff(year, month, table, unit, stake.at_stake(found, unit or None, month),
                    "the annual report has a row the deposit does not",
                    "年报中含有存证中没有的数据行", "")  # fmt: skip


def _diff(
    year: int, month: int, table: str, unit: str, at: float, en: str, zh: str, column: str
) -> FindingDraft:
    return FindingDraft(
        SOURCE, "error", "DEP-DIFF",
        f"{table} {year}-{month:02d}{' unit ' + unit if unit else ''}: {en}",
        f"{table} {year} 年 {month} 月{'（' + unit + '）' if unit else ''}：{zh}",
        unit_id=unit, month=month, field=f"{table}.{column}" if column else table,
        tco2_at_stake=at, reference=rule.REF_2025,
    )  # fmt: skip
