"""The platform's law as data: its dated, cited parameters (`parameters/*.yaml`) and the worked
cases of its deadlines (`cases/*.yaml`, run by ``chinaets rules test``).

Counting convention (UNCERTAIN: the regulation does not say): "within 7 working days from the
day verification is complete" counts the working days after that day, as the Civil Code
(Art. 201) counts periods in days; the deadline is the 7th of them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from chinaets.ccer.workdays import nth_working_day
from chinaets.core.errors import InputError, Location, RulesError
from chinaets.rules.lawbook import LawBook

LAW = LawBook("platform", "数据管理平台时限", Path(__file__).resolve().parent)
"""The platform's law book: the review deadlines' dated, cited parameters and worked cases."""
parameters = LAW.parameters


def feedback_due(verified_on: dt.date) -> dt.date:
    """The last day to feed a verification result back to the entity (Interim Regulations Art. 12)."""
    try:
        days = int(parameters().at(verified_on)("review_feedback_working_days"))
    except RulesError:
        raise InputError.one(
            Location(field="verified_on"),
            f"no verification feedback deadline is in force on {verified_on} (the Interim "
            "Regulations apply from 2024-05-01)",
            f"{verified_on} 无适用的核查结果反馈时限（暂行条例自2024-05-01起施行）",
            "give the date verification was completed",
            "请填写核查完成日期",
        ) from None
    return nth_working_day(verified_on + dt.timedelta(days=1), days, "verified_on")


def compute_case(data: dict[str, Any]) -> dict[str, Any]:
    verified_on = dt.date.fromisoformat(str(data["verified_on"]))
    return {"feedback_due": feedback_due(verified_on).isoformat()}


LAW_BOOK = LAW.computing(compute_case)
"""The book with its worked cases' computation, for `chinaets.laws`."""
