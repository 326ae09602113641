"""CCER units: issuance into the registry, trading transfers, cancellation and holdings.

This module decides, the registry records: every unit movement is one `Registry.execute` call
with a deterministic request id (issuance: ``ccer-issue-<instalment>-<vintage>``), so a retry
after a crash replays the registry's first result instead of issuing twice. Our own record of
the issuance is written after the registry has committed; running the step again completes it.
No session of ours is open while the registry writes (SQLite allows one writer at a time).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from chinaets.ccer import rules, steps
from chinaets.ccer.lifecycle import ReductionState, Subject, transition_for
from chinaets.ccer.reductions import get_reduction, vintage_split
from chinaets.ccer.store import CancellationRow, IssuanceRow, ProjectRow, ReductionRow
from chinaets.core.errors import InputError, Location, Problem
from chinaets.registry import queries
from chinaets.registry import records as r
from chinaets.registry.ids import MEE_ACCOUNT, enterprise_account
from chinaets.registry.models import AccountRow
from chinaets.registry.serials import UnitClass, UnitKind, parse_unit_label, unit_class
from chinaets.registry.service import Registry


class Purpose(StrEnum):
    ETS_OFFSETTING = "ets_offsetting"  # national ETS, against an obligation
    LOCAL_ETS_OFFSETTING = "local_ets_offsetting"
    VOLUNTARY = "voluntary"
    EVENT_NEUTRALITY = "event_neutrality"
    CORPORATE_NEUTRALITY = "corporate_neutrality"


@dataclass(frozen=True)
class Cancellation:
    account: str
    unit: str  # CCER-<project>-<vintage>
    quantity: int
    purpose: Purpose
    on: dt.date
    request_id: str
    beneficiary: str = ""
    entity: str | None = None
    compliance_year: int | None = None


def _error(field: str, en: str, zh: str, fix_en: str, fix_zh: str) -> InputError:
    return InputError.one(Location(field=field), en, zh, fix_en, fix_zh)


def _owner_account(registry: Registry, project: ProjectRow) -> str:
    account_id = enterprise_account(project.owner)
    with registry.reading() as session:
        account = session.get(AccountRow, account_id)
        usable = account is not None and account.state == r.AccountState.OPEN.value
    if not usable:
        raise _error(
            "owner",
            f"the owner's registry account {account_id} is missing or not open",
            f"项目业主的注册登记账户 {account_id} 不存在或未处于开立状态",
            "open the holding account first (Art. 24)",
            "请先开立注册登记账户（第二十四条）",
        )
    return account_id


def _plan_issue(
    session: Session, reduction_id: str, quantity: int | None
) -> tuple[ReductionRow, ProjectRow]:
    row = get_reduction(session, reduction_id, lock=False)
    transition_for(Subject.REDUCTION, row.state, "issue", row.id)
    registered = row.registered_t or 0
    if quantity is not None and quantity != registered:
        over = quantity > registered
        raise _error(
            "quantity",
            f"{quantity} t {'exceeds' if over else 'differs from'} the registered (verified) quantity of {registered} t of {row.id}",
            f"签发 {quantity} 吨{'超过' if over else '不等于'} {row.id} 已登记（核查确认）的 {registered} 吨",
            f"issue the registered {registered} t",
            f"请签发已登记的 {registered} 吨",
        )
    project = session.get(ProjectRow, row.project_id)
    assert project is not None
    return row, project


def issue(
    ccer_session: Any,
    registry: Registry,
    actor: r.Actor,
    reduction_id: str,
    on: dt.date,
    quantity: int | None = None,
) -> list[IssuanceRow]:
    """Issue a registered instalment as CCER blocks (one per vintage year) to the owner."""
    with ccer_session() as session:
        row, project = _plan_issue(session, reduction_id, quantity)
        split = vintage_split(row.period_start, row.period_end, row.registered_t or 0)
        project_id, owner_name = project.id, project.name
    account = _owner_account(registry, project)  # after our transaction: one SQLite writer
    results = []
    for vintage, amount in split:
        request = r.Issue(
            MEE_ACCOUNT,
            account,
            unit_class("CCER", vintage, project_id),
            amount,
            r.IssueKind.CCER,
            f"CCER {reduction_id} {owner_name}"[:200],
        )
        results.append(
            (
                vintage,
                amount,
                registry.execute(actor, f"ccer-issue-{reduction_id}-{vintage}", request),
            )
        )
    with ccer_session(write=True) as session:
        row = get_reduction(session, reduction_id)
        steps.take(
            session, Subject.REDUCTION, row, "issue", on, actor.user_id, {"vintages": dict(split)}
        )
        issued = [_issuance_row(row, account, v, q, res, on) for v, q, res in results]
        session.add_all(issued)
        row.issued_t = sum(q for _, q in split)
    return issued


def _issuance_row(
    row: ReductionRow, account: str, vintage: str, quantity: int, res: r.TxResult, on: dt.date
) -> IssuanceRow:
    serials = [p["serials"] for p in res.postings if p["account"] == account]
    return IssuanceRow(
        reduction_id=row.id,
        project_id=row.project_id,
        vintage=vintage,
        quantity=quantity,
        account=account,
        request_id=res.request_id,
        registry_tx_id=res.tx_id,
        serials=json.dumps(serials),
        issued_on=on,
    )


def ccer_unit(session: Session, label: str, field: str = "unit") -> tuple[UnitClass, ProjectRow]:
    unit = parse_unit_label(label, field)
    if unit.kind is not UnitKind.CCER:
        raise _error(
            field,
            f"{label} is not a CCER unit",
            f"{label} 不是 CCER",
            "give CCER-<project>-<year>",
            "格式为 CCER-项目编号-年份",
        )
    project = session.get(ProjectRow, unit.project)
    if project is None:
        raise _error(
            field,
            f"CCER project {unit.project} is unknown",
            f"未知的 CCER 项目 {unit.project}",
            "check the unit label",
            "请核对单位类别",
        )
    return unit, project


def offsetting_problems(session: Session, project: ProjectRow, on: dt.date) -> list[Problem]:
    """May CCER of this project be cancelled for national ETS offsetting on `on`?
    (The 5 % cap on the obligation is the compliance module's decision.)"""
    if not project.legacy:
        return []
    if on < rules.parameters()["legacy_offsetting_last_day"].values[0].start:
        return []  # before the 2023 notice no cut-off applied to legacy CCER
    last = rules.date_parameter("legacy_offsetting_last_day", on)
    if on > last:
        return [
            Problem(
                Location(field="unit"),
                f"{project.id} is a legacy (pre-2017) project: its CCER may not offset national ETS obligations after {last}",
                f"{project.id} 为原有（2017年前备案）项目，其减排量 {last} 之后不得用于全国碳市场抵销",
                "use CCER issued under the 2023 Measures, or cancel these voluntarily",
                "请使用按2023年办法签发的 CCER，或将其自愿注销",
            )
        ]
    return []


def _issued_instalment(session: Session, project: ProjectRow, action: str) -> str | None:
    """The project's latest issued instalment, on which trading and cancellation are recorded
    (legacy projects have none); refuses units of a project with nothing issued."""
    if project.legacy:
        return None
    query = select(ReductionRow).where(
        ReductionRow.project_id == project.id, ReductionRow.state == ReductionState.ISSUED.value
    )
    issued = session.scalars(query.order_by(ReductionRow.seq.desc())).first()
    transition_for(Subject.REDUCTION, issued.state if issued else "registered", action, project.id)
    return issued.id if issued else None


def _record_unit_step(
    session: Session,
    instalment: str | None,
    action: str,
    on: dt.date,
    actor: str,
    detail: dict[str, Any],
) -> None:
    if instalment is not None:
        row = get_reduction(session, instalment)
        steps.take(session, Subject.REDUCTION, row, action, on, actor, detail)


def _check_cancellation(
    session: Session, c: Cancellation
) -> tuple[UnitClass, ProjectRow, str | None]:
    unit, project = ccer_unit(session, c.unit)
    instalment = _issued_instalment(session, project, "cancel")
    problems: list[Problem] = []
    if c.purpose is Purpose.ETS_OFFSETTING:
        problems += offsetting_problems(session, project, c.on)
        if c.entity is None or c.compliance_year is None:
            problems.append(
                Problem(
                    Location(field="obligation"),
                    "offsetting needs the entity and compliance year it offsets",
                    "抵销须填写所抵销的重点排放单位及履约年度",
                    "add entity and compliance_year",
                    "请补充 entity 与 compliance_year",
                )
            )
    elif c.purpose is not Purpose.LOCAL_ETS_OFFSETTING and not c.beneficiary:
        problems.append(
            Problem(
                Location(field="beneficiary"),
                "say for whom or for which event the CCER are cancelled",
                "请说明注销所服务的主体或活动",
                "add beneficiary",
                "请补充 beneficiary",
            )
        )
    if problems:
        raise InputError(problems)
    return unit, project, instalment


def cancel(
    ccer_session: Any, registry: Registry, actor: r.Actor, c: Cancellation
) -> CancellationRow:
    """Cancel CCER in the registry (Art. 28) and record the purpose; idempotent by request id."""
    with ccer_session() as session:
        unit, project, instalment = _check_cancellation(session, c)
        project_id = project.id
    offsetting = c.purpose is Purpose.ETS_OFFSETTING
    obligation = r.Obligation(c.entity or "", c.compliance_year or 0) if offsetting else None
    reason = r.CancelReason.OFFSETTING if offsetting else r.CancelReason.VOLUNTARY
    result = registry.execute(
        actor, c.request_id, r.Cancel(c.account, unit, c.quantity, reason, None, obligation)
    )
    with ccer_session(write=True) as session:
        prior = session.scalars(
            select(CancellationRow).where(CancellationRow.request_id == c.request_id)
        ).first()
        if prior is not None:
            return prior  # type: ignore[no-any-return]
        row = CancellationRow(
            project_id=project_id,
            unit=unit.label,
            account=c.account,
            quantity=c.quantity,
            purpose=c.purpose.value,
            beneficiary=c.beneficiary,
            entity=c.entity,
            compliance_year=c.compliance_year,
            request_id=c.request_id,
            registry_tx_id=result.tx_id,
            serials=json.dumps([p["serials"] for p in result.postings if p["quantity"] > 0]),
            cancelled_on=c.on,
        )
        session.add(row)
        detail = {"unit": unit.label, "quantity": c.quantity, "purpose": c.purpose.value}
        _record_unit_step(session, instalment, "cancel", c.on, actor.user_id, detail)
    return row


def transfer(
    ccer_session: Any,
    registry: Registry,
    actor: r.Actor,
    request_id: str,
    source: str,
    destination: str,
    unit_label: str,
    quantity: int,
    on: dt.date,
) -> r.TxResult:
    """Trading delivery of CCER between accounts (the exchange settles through the registry)."""
    with ccer_session() as session:
        unit, project = ccer_unit(session, unit_label)
        instalment = _issued_instalment(session, project, "transfer")
    result = registry.execute(actor, request_id, r.Transfer(source, destination, unit, quantity))
    with ccer_session(write=True) as session:
        detail = {"unit": unit.label, "quantity": quantity, "tx": result.tx_id, "to": destination}
        _record_unit_step(session, instalment, "transfer", on, actor.user_id, detail)
    return result


def holdings(registry: Registry, actor: r.Actor, account: str) -> list[dict[str, Any]]:
    with registry.reading() as session:
        found = queries.holdings(session, actor, account)
    return [h.as_json() for h in found if h.kind == UnitKind.CCER.value]


def issuance_dict(row: IssuanceRow) -> dict[str, Any]:
    return {
        "reduction_id": row.reduction_id,
        "project_id": row.project_id,
        "vintage": row.vintage,
        "quantity": row.quantity,
        "account": row.account,
        "registry_tx_id": row.registry_tx_id,
        "serials": json.loads(row.serials),
        "issued_on": row.issued_on.isoformat(),
    }


def cancellation_dict(row: CancellationRow) -> dict[str, Any]:
    return {
        "project_id": row.project_id,
        "unit": row.unit,
        "account": row.account,
        "quantity": row.quantity,
        "purpose": row.purpose,
        "beneficiary": row.beneficiary,
        "entity": row.entity,
        "compliance_year": row.compliance_year,
        "registry_tx_id": row.registry_tx_id,
        "serials": json.loads(row.serials),
        "cancelled_on": row.cancelled_on.isoformat(),
        "request_id": row.request_id,
    }
