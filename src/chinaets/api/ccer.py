"""The CCER REST API: a thin shell over `chinaets.ccer.service.CcerService`.

Mounted by the application with ``app.include_router(chinaets.api.ccer.router)``; it shares the
registry's authentication (`Authorization: Bearer <token>`; no token = the public). Public
listings and methodology data are open; lifecycle steps follow `chinaets.ccer.access`.
Errors: 422 bad input (bilingual, located), 401 unknown token, 403 outside the role.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request

from chinaets.api.deps import ClockDep
from chinaets.api.registry import Caller, current_actor
from chinaets.ccer import access
from chinaets.ccer.lifecycle import TRANSITIONS
from chinaets.ccer.listings import listing, statistics
from chinaets.ccer.methodologies import METHODOLOGIES
from chinaets.ccer.service import CcerService
from chinaets.ccer.units import Cancellation, Purpose
from chinaets.core.clock import Clock
from chinaets.core.errors import InputError, Location
from chinaets.registry.access import require_ministry
from chinaets.registry.records import Actor

router = APIRouter(prefix="/ccer", tags=["ccer 温室气体自愿减排"])
JsonBody = Annotated[dict[str, Any], Body()]


def ccer_of(request: Request) -> CcerService:
    """One service per application, created on first use over the app's registry."""
    state = request.app.state
    if getattr(state, "ccer", None) is None:
        state.ccer = CcerService(state.registry)
    service: CcerService = state.ccer
    return service


Ccer = Annotated[CcerService, Depends(ccer_of)]
_ = current_actor  # Caller depends on it


def _pop(body: dict[str, Any], name: str, kind: type = str) -> Any:
    value = body.pop(name, None)
    if value is None or (kind is dt.date and not isinstance(value, str)):
        raise InputError.one(Location(field=name), f"{name} is missing or malformed", f"{name} 缺失或格式错误", f"add {name}", f"请补充 {name}")  # fmt: skip
    if kind is dt.date:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise InputError.one(Location(field=name), f"'{value}' is not a date", f"“{value}”不是有效日期", "write YYYY-MM-DD", "请按 YYYY-MM-DD 填写") from None  # fmt: skip
    return value


@router.get("/methodologies", summary="Published methodologies / 已发布方法学")
def methodologies() -> list[dict[str, Any]]:
    return [m.as_dict() for m in METHODOLOGIES.values()]


@router.get("/transitions", summary="The lifecycle table / 生命周期状态转换表")
def transitions() -> list[dict[str, Any]]:
    return [t.as_dict() for t in TRANSITIONS]


@router.get("/public/{tab}", summary="Public listing (registry tabs 1-5) / 公示信息")
def public(tab: str, ccer: Ccer) -> list[dict[str, Any]]:
    with ccer.session() as session:
        return listing(session, tab)


@router.get("/statistics", summary="Market statistics / 市场统计")
def stats(ccer: Ccer) -> dict[str, Any]:
    with ccer.session() as session:
        return statistics(session)


@router.get("/bodies", summary="Validation and verification bodies / 审定与核查机构")
def bodies(ccer: Ccer) -> list[dict[str, Any]]:
    return ccer.bodies()


@router.post("/bodies", summary="Record an approved body / 登记审定与核查机构")
def add_body(ccer: Ccer, actor: Caller, body: JsonBody) -> dict[str, Any]:
    require_ministry(actor, "record a validation and verification body", "登记审定与核查机构")
    return ccer.register_body(body)


@router.post("/projects", summary="File a project application / 申请项目")
def create_project(ccer: Ccer, actor: Caller, body: JsonBody) -> dict[str, Any]:
    access.authorize(actor, "create", str(body.get("owner", "")))
    return ccer.create_project(actor, body)


@router.get("/projects/{project_id}", summary="A project and its history / 项目信息")
def project(project_id: str, ccer: Ccer) -> dict[str, Any]:
    return {**ccer.project(project_id), "events": ccer.events(project_id)}


def _step_actor(ccer: CcerService, actor: Actor, project_id: str, action: str, body: dict[str, Any]) -> None:  # fmt: skip
    owner = ccer.project(project_id)["owner"]
    access.authorize(actor, action, owner, body.get("body"))


def _action_and_day(body: dict[str, Any], clock: Clock) -> tuple[str, dt.date]:
    """A public comment is dated by the server (any client date is ignored); an official
    step carries the date of the act it records."""
    action = _pop(body, "action")
    if action == "comment":
        body.pop("on", None)
        return action, clock().date()
    return action, _pop(body, "on", dt.date)


@router.post("/projects/{project_id}/steps", summary="Take a project step / 办理项目步骤")
def project_step(
    project_id: str, ccer: Ccer, actor: Caller, body: JsonBody, clock: ClockDep
) -> dict[str, Any]:
    action, on = _action_and_day(body, clock)
    _step_actor(ccer, actor, project_id, action, body)
    return ccer.project_step(actor, project_id, action, on, **body)


@router.post(
    "/projects/{project_id}/reports", summary="File a reduction report / 提交减排量核算报告"
)
def file_report(project_id: str, ccer: Ccer, actor: Caller, body: JsonBody) -> dict[str, Any]:
    on = _pop(body, "on", dt.date)
    _step_actor(ccer, actor, project_id, "file_report", body)
    return ccer.file_report(actor, project_id, body, on)


@router.get("/reductions/{reduction_id}", summary="A reduction instalment / 减排量")
def reduction(reduction_id: str, ccer: Ccer) -> dict[str, Any]:
    return {**ccer.reduction(reduction_id), "events": ccer.events(reduction_id)}


@router.post(
    "/reductions/{reduction_id}/steps",
    summary="Take a reduction step, incl. issue / 办理减排量步骤",
)
def reduction_step(
    reduction_id: str, ccer: Ccer, actor: Caller, body: JsonBody, clock: ClockDep
) -> dict[str, Any]:
    action, on = _action_and_day(body, clock)
    _step_actor(ccer, actor, ccer.reduction(reduction_id)["project_id"], action, body)
    return ccer.reduction_step(actor, reduction_id, action, on, **body)


@router.post(
    "/cancellations", summary="Cancel CCER (offsetting, voluntary, neutrality) / 注销 CCER"
)
def cancel(ccer: Ccer, actor: Caller, body: JsonBody) -> dict[str, Any]:
    try:
        purpose = Purpose(_pop(body, "purpose"))
    except ValueError:
        raise InputError.one(Location(field="purpose"), "unknown purpose", "未知的注销用途", f"use one of {', '.join(p.value for p in Purpose)}", "请使用所列用途之一") from None  # fmt: skip
    c = Cancellation(
        account=_pop(body, "account"), unit=_pop(body, "unit"), quantity=int(_pop(body, "quantity", int)),
        purpose=purpose, on=_pop(body, "on", dt.date), request_id=_pop(body, "request_id"),
        beneficiary=str(body.get("beneficiary", "")), entity=body.get("entity"),
        compliance_year=body.get("compliance_year"),
    )  # fmt: skip
    return ccer.cancel(actor, c)


@router.post("/transfers", summary="Deliver CCER between accounts / 转移 CCER")
def transfer(ccer: Ccer, actor: Caller, body: JsonBody) -> dict[str, Any]:
    return ccer.transfer(
        actor, _pop(body, "request_id"), _pop(body, "source"), _pop(body, "destination"),
        _pop(body, "unit"), int(_pop(body, "quantity", int)), _pop(body, "on", dt.date),
    )  # fmt: skip


@router.get("/accounts/{account_id}/holdings", summary="CCER held by an account / 账户持有的 CCER")
def holdings(account_id: str, ccer: Ccer, actor: Caller) -> list[dict[str, Any]]:
    return ccer.holdings(actor, account_id)
