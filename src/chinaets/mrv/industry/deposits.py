"""Monthly information deposit (月度信息化存证) of the accounting data (rules reference §1.5).

Versions of the deadline, named by the first data month they apply to:

- 2013-01-01  no monthly deposit (2024 data of the three sectors had none)
- 2025-01-01  January–June 2025: back-filled by a fixed date (2025-10-31)
- 2025-07-01  from July 2025: within 40 calendar days after the month's end

Findings: IND-DEPOSIT-MISSING (error), IND-DEPOSIT-LATE (error), IND-DEPOSIT-EARLY (warning:
deposited before the month ended, so the month's data cannot have been complete).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Sequence

from chinaets.mrv.findings import Finding
from chinaets.mrv.industry.schema import Deposit
from chinaets.rules import DatedFormula, ParameterSet

REF_2025 = "环办气候函〔2025〕140号（rules reference §1.5）"

DepositDeadline = Callable[[ParameterSet, int, int], dt.date | None]
deposit_deadline: DatedFormula[DepositDeadline] = DatedFormula(
    "deposit_deadline", "Date by which a month's accounting data must be deposited"
)


@deposit_deadline.since("2013-01-01", "no monthly deposit before 2025 data")
def no_deposit(params: ParameterSet, year: int, month: int) -> dt.date | None:
    return None


@deposit_deadline.since("2025-01-01", REF_2025)
def backfill_by_fixed_date(params: ParameterSet, year: int, month: int) -> dt.date | None:
    """Months before the monthly rule: deposited by the back-fill deadline."""
    value = params.at(dt.date(year, month, 1))("deposit_backfill_deadline")
    return dt.date.fromisoformat(str(value))


@deposit_deadline.since("2025-07-01", REF_2025)
def days_after_month_end(params: ParameterSet, year: int, month: int) -> dt.date | None:
    days = int(params.at(dt.date(year, month, 1))("deposit_deadline_days"))
    return month_end(year, month) + dt.timedelta(days=days)


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def deadline(params: ParameterSet, year: int, month: int) -> dt.date | None:
    """The deposit deadline of a data month, or None when no deposit was required."""
    return deposit_deadline.at(dt.date(year, month, 1))(params, year, month)


def check_deposits(params: ParameterSet, year: int, deposits: Sequence[Deposit]) -> list[Finding]:
    """Every month of the year due for deposit must be deposited after its end, on time."""
    given = {d.month: d.deposited_on for d in deposits}
    found: list[Finding] = []
    missing = []
    for month in range(1, 13):
        due = deadline(params, year, month)
        if due is None:
            continue
        reference = deposit_deadline.version_at(dt.date(year, month, 1)).reference
        on = given.get(month)
        if on is None:
            missing.append(month)
        elif on > due:
            found.append(_late(year, month, on, due, reference))
        elif on <= month_end(year, month):
            found.append(_early(year, month, on, reference))
    if missing:
        found.append(
            Finding(
                "IND-DEPOSIT-MISSING",
                "error",
                f"no monthly deposit recorded for {year} months {', '.join(map(str, missing))}: "
                "deposit them on the national platform and record the dates in the deposits table",
                f"{year} 年 {', '.join(map(str, missing))} 月未记录月度信息化存证：请在全国平台存证并在 deposits 表填写存证日期",
                month=missing[0],
                field="deposits",
                reference=REF_2025,
            )
        )
    return found


def _late(year: int, month: int, on: dt.date, due: dt.date, reference: str) -> Finding:
    days = (on - due).days
    return Finding(
        "IND-DEPOSIT-LATE", "error",
        f"{year}-{month:02d} data were deposited on {on}, {days} day(s) after the deadline {due}",
        f"{year} 年 {month} 月数据于 {on} 存证，晚于截止日期 {due} 共 {days} 天",
        month=month, field="deposits.deposited_on", reference=reference,
    )  # fmt: skip


def _early(year: int, month: int, on: dt.date, reference: str) -> Finding:
    return Finding(
        "IND-DEPOSIT-EARLY", "warning",
        f"{year}-{month:02d} data were deposited on {on}, before the month ended: check the date "
        "(a month's data can only be complete after it ends)",
        f"{year} 年 {month} 月数据于 {on} 存证，早于月末：请核对日期（月度数据须在月末后方完整）",
        month=month, field="deposits.deposited_on", reference=reference,
    )  # fmt: skip
