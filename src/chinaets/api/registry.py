"""The registry's REST API: a thin shell over `chinaets.registry.service.Registry`.

Authentication: `Authorization: Bearer <token>` (tokens from `chinaets registry add-user`);
without a token the caller is the public, which sees aggregate statistics only. Every write
body carries `request_id`; sending the same body again returns the first result.
Errors: 422 bad input (bilingual problems with fields), 401 unknown token, 403 outside the
role's scope, 503 ledger busy — always with nothing written.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Query, Request
from fastapi.responses import PlainTextResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from chinaets.core.cells import neutralise_rows
from chinaets.registry import access, audit, invariants, queries
from chinaets.registry.records import Actor, Role
from chinaets.registry.service import Registry

router = APIRouter(prefix="/registry", tags=["registry 注册登记"])
bearer = HTTPBearer(auto_error=False, description="API token from `chinaets registry add-user`")

TRANSFER_EXAMPLE = {
    "request_id": "3f1c7e0e-5b7a-4d0b-9d8e-1f2a3b4c5d6e",
    "source": "ENT-91420100MA00000012",
    "destination": "ENT-91420100MA00000025",
    "unit": "CEA-2021",
    "quantity": 1000,
}
WRITE_EXAMPLES: dict[str, dict[str, Any]] = {
    "issue": {
        "issuer": "MEE",
        "account": "ENT-91420100MA00000012",
        "unit": "CEA-2023",
        "quantity": 700000,
        "issue_kind": "pre_allocation",
    },
    "transfer": TRANSFER_EXAMPLE,
    "freeze": {
        "account": "ENT-91420100MA00000012",
        "order_ref": "(2026)鄂01执123号",
        "unit": "CEA-2023",
        "quantity": 5000,
    },
    "unfreeze": {"freeze_id": 1, "order_ref": "(2026)鄂01执123号之二"},
    "surrender": {
        "account": "ENT-91420100MA00000012",
        "unit": "CEA-2023",
        "quantity": 950000,
        "obligation": {"entity": "91420100MA00000012", "compliance_year": 2023},
    },
    "forced_surrender": {
        "account": "PRV-42",
        "unit": "CEA-2023",
        "quantity": 1000,
        "obligation": {"entity": "91420100MA00000012", "compliance_year": 2023},
        "order_ref": "鄂环函〔2026〕1号",
    },
    "cancel": {
        "account": "ENT-91420100MA00000012",
        "unit": "CCER-P0001-2024",
        "quantity": 100,
        "reason": "offsetting",
        "obligation": {"entity": "91420100MA00000012", "compliance_year": 2024},
    },
    "carry_over": {"account": "ENT-91420100MA00000012", "quantity": 310000, "notice_ref": "结转-1"},
    "deduct": {
        "account": "ENT-91420100MA00000012",
        "destination": "PRV-42",
        "unit": "CEA-2023",
        "quantity": 1200,
        "reason": "true-up: over-allocation returned (多退)",
    },
}


def registry_of(request: Request) -> Registry:
    registry: Registry = request.app.state.registry
    return registry


def current_actor(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Actor:
    return registry_of(request).authenticate(credentials.credentials if credentials else None)


Caller = Annotated[Actor, Depends(current_actor)]
Ledger = Annotated[Registry, Depends(registry_of)]
JsonBody = Annotated[dict[str, Any], Body()]


@router.get("/stats", summary="National totals per unit class (public) / 全国总量（公开）")
def stats(ledger: Ledger, actor: Caller) -> list[dict[str, Any]]:
    with ledger.reading() as session:
        return [t.as_json() for t in queries.totals(session)]


@router.get("/accounts", summary="Accounts the caller may see / 可查看的账户")
def list_accounts(ledger: Ledger, actor: Caller) -> list[dict[str, Any]]:
    with ledger.reading() as session:
        return [_account_json(a) for a in queries.readable_accounts(session, actor)]


def _account_json(account: Any) -> dict[str, Any]:
    return {
        "id": account.id,
        "kind": account.kind.value,
        "holder": account.holder,
        "name": account.name,
        "province": account.province,
        "state": account.state.value,
    }


@router.get("/accounts/{account_id}", summary="One account / 账户信息")
def get_account(account_id: str, ledger: Ledger, actor: Caller) -> dict[str, Any]:
    with ledger.reading() as session:
        return _account_json(queries.account(session, actor, account_id))


@router.get("/accounts/{account_id}/holdings", summary="Holdings by vintage / 分年度持有量")
def holdings(account_id: str, ledger: Ledger, actor: Caller) -> list[dict[str, Any]]:
    with ledger.reading() as session:
        return [h.as_json() for h in queries.holdings(session, actor, account_id)]


@router.get(
    "/accounts/{account_id}/history",
    summary="Transaction history (JSON or CSV) / 交易记录",
    response_model=None,
)
def history(
    account_id: str,
    ledger: Ledger,
    actor: Caller,
    limit: Annotated[int, Query(ge=1, le=100000)] = 1000,
    fmt: Annotated[str, Query(alias="format", pattern="^(json|csv)$")] = "json",
) -> list[dict[str, Any]] | PlainTextResponse:
    with ledger.reading() as session:
        lines = [line.as_json() for line in queries.history(session, actor, account_id, limit)]
    if fmt == "json":
        return lines
    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=["tx_id", "created_at", "op", "request_id", "unit", "serials", "quantity"]
    )
    writer.writeheader()
    writer.writerows(neutralise_rows(lines))
    return PlainTextResponse(out.getvalue(), media_type="text/csv")


@router.get("/approvals", summary="Transfers of my organisation waiting for approval / 待复核转移")
def approvals(ledger: Ledger, actor: Caller) -> list[dict[str, Any]]:
    if actor.role in {Role.PUBLIC, Role.VERIFIER}:
        access.require_ministry(actor, "see approvals", "查看待复核申请")
    with ledger.reading() as session:
        return queries.pending_approvals(session, actor)


@router.get("/check", summary="Run every ledger invariant (ministry) / 运行全部不变量检查")
def check(ledger: Ledger, actor: Caller) -> dict[str, Any]:
    access.require_ministry(actor, "run the ledger checks", "运行登记簿检查")
    with ledger.reading() as session:
        found = invariants.run_all(session)
    return {"ok": not found, "findings": [f.as_json() for f in found]}


@router.get("/audit/verify", summary="Verify the audit hash chain (ministry) / 校验审计链")
def verify_audit(ledger: Ledger, actor: Caller) -> dict[str, Any]:
    access.require_ministry(actor, "verify the audit log", "校验审计日志")
    with ledger.reading() as session:
        found = audit.verify(session)
        seq, head = audit.head(session)
    return {"ok": not found, "entries": seq, "head": head, "findings": [f.as_json() for f in found]}


def _writer(op: str) -> Callable[..., dict[str, Any]]:
    def endpoint(ledger: Ledger, actor: Caller, body: JsonBody) -> dict[str, Any]:
        return ledger.submit(actor, op, body).as_json()

    endpoint.__name__ = f"write_{op}"
    return endpoint


for _op, _example in WRITE_EXAMPLES.items():
    router.add_api_route(
        f"/{_op.replace('_', '-')}",
        _writer(_op),
        methods=["POST"],
        summary=f"{_op} (write)",
        openapi_extra={
            "requestBody": {
                "content": {"application/json": {"example": {"request_id": "<uuid>", **_example}}}
            }
        },
    )


@router.post("/accounts", summary="Open an account / 开立账户")
def open_account(ledger: Ledger, actor: Caller, body: JsonBody) -> dict[str, Any]:
    return ledger.submit(actor, "open_account", body).as_json()


@router.post("/accounts/{account_id}/close", summary="Close an empty account / 注销账户")
def close_account(account_id: str, ledger: Ledger, actor: Caller, body: JsonBody) -> dict[str, Any]:
    return ledger.submit(actor, "close_account", {**body, "account": account_id}).as_json()


@router.post(
    "/approvals/{approval_id}/approve", summary="Approve a transfer (four-eyes) / 复核通过"
)
def approve(approval_id: int, ledger: Ledger, actor: Caller, body: JsonBody) -> dict[str, Any]:
    return ledger.submit(actor, "approve", {**body, "approval_id": approval_id}).as_json()


@router.post("/approvals/{approval_id}/reject", summary="Reject a transfer / 复核驳回")
def reject(approval_id: int, ledger: Ledger, actor: Caller, body: JsonBody) -> dict[str, Any]:
    return ledger.submit(actor, "reject", {**body, "approval_id": approval_id}).as_json()


@router.post("/users", summary="Add a user and its API token (ministry) / 新增用户")
def add_user(ledger: Ledger, actor: Caller, body: JsonBody) -> dict[str, Any]:
    return ledger.submit(actor, "add_user", body).as_json()
