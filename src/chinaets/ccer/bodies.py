"""Validation and verification bodies (审定与核查机构) as records, with the approval rules.

A body is approved by SAMR with the MEE; it needs at least 10 full-time competent staff, of
whom at least 5 have two or more years of GHG validation/verification experience (parameters
`vvb_min_full_time_staff`, `vvb_min_experienced_staff`). The same body may not both validate a
project and verify its reductions (Art. 18/20, enforced in `reductions`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field
from sqlalchemy.orm import Session

from chinaets.ccer import rules
from chinaets.ccer.methodologies.base import Strict, parse
from chinaets.ccer.store import BodyRow
from chinaets.core.errors import InputError, Location, Problem


class BodyRecord(Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,39}$")
    name: str = Field(min_length=1)
    name_zh: str = Field(min_length=1)
    approved_on: dt.date
    approval_ref: str = Field(min_length=1)
    full_time_staff: int = Field(ge=0)
    experienced_staff: int = Field(ge=0)


def staff_problems(record: BodyRecord) -> list[Problem]:
    # bodies approved before the staffing rule took effect are held to it from its first day
    first = rules.parameters()["vvb_min_full_time_staff"].values[0].start
    p = rules.at(max(record.approved_on, first))
    need_staff, need_expert = p("vvb_min_full_time_staff"), p("vvb_min_experienced_staff")
    out = []
    if record.full_time_staff < need_staff:
        out.append(
            Problem(
                Location(field="body.full_time_staff"),
                f"{record.full_time_staff} full-time staff; an approved body needs at least {need_staff}",
                f"专职人员 {record.full_time_staff} 人；审定与核查机构至少需要 {need_staff} 人",
                "a body below the minimum cannot be approved",
                "未达人数要求的机构不能获批",
            )
        )
    if record.experienced_staff < need_expert or record.experienced_staff > record.full_time_staff:
        out.append(
            Problem(
                Location(field="body.experienced_staff"),
                f"{record.experienced_staff} staff with 2+ years of experience; at least {need_expert} are needed (and no more than the full-time staff)",
                f"具有两年以上经验的人员 {record.experienced_staff} 人；至少需要 {need_expert} 人（且不超过专职人员数）",
                "check the staff counts of the approval",
                "请核对资质批准中的人员数量",
            )
        )
    return out


def register_body(session: Session, data: Any) -> BodyRow:
    record = parse(BodyRecord, data, "body")
    problems = staff_problems(record)
    if session.get(BodyRow, record.id) is not None:
        problems.append(
            Problem(
                Location(field="body.id"),
                f"body '{record.id}' is already recorded",
                f"机构“{record.id}”已登记",
                "use another id or update the existing record",
                "请使用其他编号",
            )
        )
    if problems:
        raise InputError(problems)
    row = BodyRow(**record.model_dump(), active=True)
    session.add(row)
    return row


def approved_body(session: Session, body_id: str, on: dt.date, field: str) -> BodyRow:
    """The body `body_id`, approved and active on `on`; else a bilingual error."""
    row = session.get(BodyRow, body_id)
    if row is None or not row.active or row.approved_on > on:
        raise InputError.one(
            Location(field=field),
            f"'{body_id}' is not an approved validation and verification body on {on}",
            f"“{body_id}”在 {on} 不是经批准的审定与核查机构",
            "engage a body listed by `chinaets ccer bodies`",
            "请委托 `chinaets ccer bodies` 列出的机构",
        )
    return row


def body_dict(row: BodyRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "name_zh": row.name_zh,
        "approved_on": row.approved_on.isoformat(),
        "approval_ref": row.approval_ref,
        "full_time_staff": row.full_time_staff,
        "experienced_staff": row.experienced_staff,
        "active": row.active,
    }
