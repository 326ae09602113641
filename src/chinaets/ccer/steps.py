"""Taking one lifecycle step: look the transition up, check its time limits, record the event.

Everything here runs inside the caller's transaction; an error leaves the state unchanged.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

from sqlalchemy.orm import Session

from chinaets.ccer import rules
from chinaets.ccer.lifecycle import Subject, Transition, transition_for
from chinaets.ccer.store import EventRow
from chinaets.ccer.workdays import nth_working_day
from chinaets.core import limits
from chinaets.core.errors import InputError, Location
from chinaets.registry.records import canonical

__all__ = ["after_notice", "not_before", "period_end", "take", "transition_for", "within_notice"]


class HasState(Protocol):
    id: str
    state: str


def period_end(t: Transition, on: dt.date) -> dt.date | None:
    """Last day of the notice or review period a transition starts (None if it starts none)."""
    if t.period is None:
        return None
    days = int(rules.at(on)(t.period))
    return nth_working_day(on, days, "on")


def take(
    session: Session,
    subject: Subject,
    row: HasState,
    action: str,
    on: dt.date,
    actor: str,
    detail: dict[str, Any] | None = None,
    overdue: bool = False,
) -> Transition:
    """Move `row` along the allowed transition of `action`, and record the event."""
    t = transition_for(subject, row.state, action, row.id)
    session.add(
        EventRow(
            subject=subject.value,
            subject_id=row.id,
            action=action,
            from_state=row.state,
            to_state=t.target,
            happened_on=on,
            actor=actor,
            legal_source=t.legal_source,
            overdue=overdue,
            detail=canonical(detail or {}),
        )
    )
    row.state = t.target
    return t


def after_notice(notice_end: dt.date | None, on: dt.date, what_en: str, what_zh: str) -> None:
    """The next step may only be taken after the public notice has run its full period."""
    if notice_end is not None and on <= notice_end:
        raise InputError.one(
            Location(field="on"),
            f"the {what_en} notice runs until {notice_end}; this step cannot be taken on {on}",
            f"{what_zh}公示期至 {notice_end} 结束，{on} 不能执行此步骤",
            f"wait until {notice_end + dt.timedelta(days=1)} or later",
            f"请于 {notice_end + dt.timedelta(days=1)} 或之后办理",
        )


ANONYMOUS = "公众（匿名）public (anonymous)"
COMMENT_MAX = 2000  # characters of one public comment (a system limit, not a rule)


def comment_text(text: str) -> str:
    """A public comment's text: not empty, at most COMMENT_MAX characters, no control codes."""
    if not str(text).strip():
        raise InputError.one(
            Location(field="text"),
            "the comment is empty",
            "意见内容为空",
            "write the comment",
            "请填写意见内容",
        )
    return limits.check_text(str(text), Location(field="text"), COMMENT_MAX)


def within_notice(start: dt.date | None, end: dt.date | None, on: dt.date) -> None:
    if start is None or end is None or not start <= on <= end:
        raise InputError.one(
            Location(field="on"),
            f"comments are taken during the notice only ({start} to {end}); {on} is outside it",
            f"仅在公示期内（{start} 至 {end}）接受意见，{on} 不在公示期内",
            "comment while the notice runs",
            "请在公示期内提出意见",
        )


def not_before(earlier: dt.date | None, on: dt.date, what_en: str, what_zh: str) -> None:
    """Steps are recorded in date order: a step may not be dated before the previous one."""
    if earlier is not None and on < earlier:
        raise InputError.one(
            Location(field="on"),
            f"{on} is before the {what_en} ({earlier})",
            f"{on} 早于{what_zh}（{earlier}）",
            "date the step on or after the previous step",
            "请将办理日期定于上一步骤之后",
        )
