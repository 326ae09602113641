"""Every endpoint, as every role: what is outside a role's scope can be neither read nor changed.

The world: Hubei (42) with enterprises E1, E2 and the provincial account PRV-42; Beijing (11)
with E3 and PRV-11; the exchange SEEE with CLR-SEEE. Users: a ministry user, Hubei's
authority, E1 (two users), E3, the exchange, a verifier assigned to E1, a public user and an
anonymous caller. Each (role, call) is expected to be allowed or refused; a refused call must
answer 403 (or, for another organisation's approval, a 422 that reveals nothing) and leave the
ledger exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.routing import APIRoute
from tests.registry.conftest import PEPPER, Backend
from tests.registry.support import TestClient, run, uscc

from chinaets.api.app import create_app
from chinaets.registry import audit
from chinaets.registry import records as r
from chinaets.registry.serials import unit_class
from chinaets.registry.settings import RegistrySettings

E1, E2, E3 = uscc(1), uscc(2), uscc(3, "110000")
A1, A2, A3 = f"ENT-{E1}", f"ENT-{E2}", f"ENT-{E3}"
ROLES = {
    "ministry": ("ministry", "MEE", ()),
    "provincial": ("provincial", "42", ()),
    "enterprise": ("enterprise", E1, ()),
    "enterprise_b": ("enterprise", E1, ()),
    "other_enterprise": ("enterprise", E3, ()),
    "exchange": ("exchange", "SEEE", ()),
    "verifier": ("verifier", "CEC-VERIFY", (E1,)),
    "public": ("public", "public", ()),
}
CALLERS = [*ROLES, "anonymous"]
CEA21 = "CEA-2021"


def _world(registry: Any) -> None:
    cea = unit_class("CEA", "2021")
    for province, name in (("42", "湖北"), ("11", "北京")):
        run(registry, r.OpenAccount(r.AccountKind.PROVINCIAL_ISSUING, province, name))
    for code, province in ((E1, "42"), (E2, "42"), (E3, "11")):
        run(registry, r.OpenAccount(r.AccountKind.HOLDING, code, code, province))
    run(registry, r.OpenAccount(r.AccountKind.CLEARING, "SEEE", "上海环境能源交易所"))
    for account in ("MEE", "PRV-42", "PRV-11", A1, A2, A3):
        run(registry, r.Issue("MEE", account, cea, 10_000, r.IssueKind.PRE_ALLOCATION))
    run(registry, r.Transfer("MEE", "CLR-SEEE", cea, 5_000))
    run(registry, r.Issue("MEE", A1, unit_class("CEA", "2025"), 10, r.IssueKind.TRUE_UP))


@pytest.fixture
def world(
    backend: Backend,
) -> Iterator[tuple[TestClient, dict[str, dict[str, str]], dict[str, Any]]]:
    app = create_app(backend.url, RegistrySettings(backend.url, PEPPER, four_eyes_threshold=5000))
    registry = app.state.registry
    registry.init()
    _world(registry)
    headers: dict[str, dict[str, str]] = {"anonymous": {}}
    for user, (role, org, scope) in ROLES.items():
        result = run(registry, r.AddUser(user, r.Role(role), org, scope))
        headers[user] = {"Authorization": f"Bearer {result.detail['token']}"}
    extra = _per_caller_resources(registry)
    with TestClient(app) as client:
        yield client, headers, extra
    registry.engine.dispose()


def _per_caller_resources(registry: Any) -> dict[str, Any]:
    """Resources each caller's write needs its own copy of: empty accounts to close, freezes
    to lift, a pending approval of E1."""
    extra: dict[str, Any] = {"close42": {}, "close11": {}, "freeze": {}}
    for i, caller in enumerate(CALLERS):
        for key, province, base in (("close42", "42", 100), ("close11", "11", 200)):
            code = uscc(base + i, "110000" if province == "11" else "420100")
            run(registry, r.OpenAccount(r.AccountKind.HOLDING, code, "empty", province))
            extra[key][caller] = f"ENT-{code}"
        freeze = run(registry, r.Freeze(A2, f"order {caller}", unit_class("CEA", "2021"), 1))
        extra["freeze"][caller] = freeze.detail["freeze_id"]
    ent1 = r.Actor("enterprise", r.Role.ENTERPRISE, E1)
    pending = registry.execute(
        ent1, "pending-1", r.Transfer(A1, A2, unit_class("CEA", "2021"), 6000)
    )
    extra["approval"] = pending.detail["approval_id"]
    return extra


def _obl(entity: str, year: int = 2021) -> dict[str, Any]:
    return {"entity": entity, "compliance_year": year}


def _xfer(source: str, destination: str = A1) -> dict[str, Any]:
    return {"source": source, "destination": destination, "unit": CEA21, "quantity": 1}


Call = tuple[str, str, dict[str, Any] | None]
# name → (builder(caller, extra) → (method, path, body), callers allowed)
CALLS: dict[str, tuple[Callable[[str, dict[str, Any]], Call], set[str]]] = {
    "stats": (lambda c, x: ("GET", "/registry/stats", None), set(CALLERS)),
    "check": (lambda c, x: ("GET", "/registry/check", None), {"ministry"}),
    "audit": (lambda c, x: ("GET", "/registry/audit/verify", None), {"ministry"}),
    "approvals": (
        lambda c, x: ("GET", "/registry/approvals", None),
        {"ministry", "provincial", "enterprise", "enterprise_b", "other_enterprise", "exchange"},
    ),
    "issue MEE→E1": (
        lambda c, x: (
            "POST",
            "/registry/issue",
            {"issuer": "MEE", "account": A1, "unit": CEA21, "quantity": 1, "issue_kind": "top_up"},
        ),
        {"ministry"},
    ),
    "issue PRV-42→E1": (
        lambda c, x: (
            "POST",
            "/registry/issue",
            {
                "issuer": "PRV-42",
                "account": A1,
                "unit": CEA21,
                "quantity": 1,
                "issue_kind": "top_up",
            },
        ),
        {"ministry", "provincial"},
    ),
    "issue PRV-11→E3": (
        lambda c, x: (
            "POST",
            "/registry/issue",
            {
                "issuer": "PRV-11",
                "account": A3,
                "unit": CEA21,
                "quantity": 1,
                "issue_kind": "top_up",
            },
        ),
        {"ministry"},
    ),
    "transfer E1→E2": (
        lambda c, x: ("POST", "/registry/transfer", _xfer(A1, A2)),
        {"enterprise", "enterprise_b"},
    ),
    "transfer E3→E1": (
        lambda c, x: ("POST", "/registry/transfer", _xfer(A3)),
        {"other_enterprise"},
    ),
    "transfer MEE→E1": (lambda c, x: ("POST", "/registry/transfer", _xfer("MEE")), {"ministry"}),
    "transfer PRV-42→E1": (
        lambda c, x: ("POST", "/registry/transfer", _xfer("PRV-42")),
        {"ministry", "provincial"},
    ),
    "transfer CLR→E1": (
        lambda c, x: ("POST", "/registry/transfer", _xfer("CLR-SEEE")),
        {"exchange"},
    ),
    "freeze E1": (
        lambda c, x: (
            "POST",
            "/registry/freeze",
            {"account": A1, "order_ref": "o", "unit": CEA21, "quantity": 1},
        ),
        {"ministry"},
    ),
    "unfreeze": (
        lambda c, x: (
            "POST",
            "/registry/unfreeze",
            {"freeze_id": x["freeze"][c], "order_ref": "o"},
        ),
        {"ministry"},
    ),
    "surrender E1": (
        lambda c, x: (
            "POST",
            "/registry/surrender",
            {"account": A1, "unit": CEA21, "quantity": 1, "obligation": _obl(E1)},
        ),
        {"enterprise", "enterprise_b"},
    ),
    "forced surrender E1": (
        lambda c, x: (
            "POST",
            "/registry/forced-surrender",
            {"account": A1, "unit": CEA21, "quantity": 1, "obligation": _obl(E1), "order_ref": "o"},
        ),
        {"ministry", "provincial"},
    ),
    "forced surrender E3": (
        lambda c, x: (
            "POST",
            "/registry/forced-surrender",
            {"account": A3, "unit": CEA21, "quantity": 1, "obligation": _obl(E3), "order_ref": "o"},
        ),
        {"ministry"},
    ),
    "cancel E1": (
        lambda c, x: (
            "POST",
            "/registry/cancel",
            {"account": A1, "unit": CEA21, "quantity": 1, "reason": "voluntary"},
        ),
        {"enterprise", "enterprise_b"},
    ),
    "cancel CLR": (
        lambda c, x: (
            "POST",
            "/registry/cancel",
            {"account": "CLR-SEEE", "unit": CEA21, "quantity": 1, "reason": "voluntary"},
        ),
        {"exchange"},
    ),
    "carry-over E1": (
        lambda c, x: (
            "POST",
            "/registry/carry-over",
            {"account": A1, "quantity": 1, "notice_ref": "n"},
        ),
        {"ministry", "provincial"},
    ),
    "carry-over E3": (
        lambda c, x: (
            "POST",
            "/registry/carry-over",
            {"account": A3, "quantity": 1, "notice_ref": "n"},
        ),
        {"ministry"},
    ),
    "deduct E1→PRV-42": (
        lambda c, x: (
            "POST",
            "/registry/deduct",
            {"account": A1, "destination": "PRV-42", "unit": CEA21, "quantity": 1, "reason": "r"},
        ),
        {"ministry", "provincial"},
    ),
    "deduct E3→PRV-42": (
        lambda c, x: (
            "POST",
            "/registry/deduct",
            {"account": A3, "destination": "PRV-42", "unit": CEA21, "quantity": 1, "reason": "r"},
        ),
        {"ministry"},
    ),
    "open holding in 42": (
        lambda c, x: (
            "POST",
            "/registry/accounts",
            {
                "kind": "holding",
                "holder": uscc(300 + CALLERS.index(c)),
                "name": "n",
                "province": "42",
            },
        ),
        {"ministry", "provincial"},
    ),
    "open holding in 11": (
        lambda c, x: (
            "POST",
            "/registry/accounts",
            {
                "kind": "holding",
                "holder": uscc(400 + CALLERS.index(c), "110000"),
                "name": "n",
                "province": "11",
            },
        ),
        {"ministry"},
    ),
    "close in 42": (
        lambda c, x: ("POST", f"/registry/accounts/{x['close42'][c]}/close", {}),
        {"ministry", "provincial"},
    ),
    "close in 11": (
        lambda c, x: ("POST", f"/registry/accounts/{x['close11'][c]}/close", {}),
        {"ministry"},
    ),
    "approve E1's transfer": (
        lambda c, x: ("POST", f"/registry/approvals/{x['approval']}/approve", {}),
        {"enterprise_b"},
    ),
    "add user": (
        lambda c, x: (
            "POST",
            "/registry/users",
            {"user_id": f"new-{c}", "role": "public", "org": "public"},
        ),
        {"ministry"},
    ),
}
READABLE = {
    "MEE": {"ministry"},
    "PRV-42": {"ministry", "provincial"},
    "PRV-11": {"ministry"},
    A1: {"ministry", "provincial", "enterprise", "enterprise_b", "verifier"},
    A2: {"ministry", "provincial"},
    A3: {"ministry", "other_enterprise"},
    "CLR-SEEE": {"ministry", "exchange"},
}
for _account, _allowed in READABLE.items():
    for _suffix in ("", "/holdings", "/history"):
        CALLS[f"read {_account}{_suffix}"] = (
            lambda c, x, path=f"/registry/accounts/{_account}{_suffix}": ("GET", path, None),
            _allowed,
        )
CALLS["reject E1's transfer"] = (
    lambda c, x: ("POST", f"/registry/approvals/{x['approval']}/reject", {}),
    set(),  # run after approve: nothing left to reject for anyone
)


def _state(client: TestClient) -> tuple[int, str]:
    with client.app.state.registry.reading() as session:  # type: ignore[attr-defined]
        return audit.head(session)


def test_every_route_is_walked() -> None:
    app = create_app("sqlite://", RegistrySettings("sqlite://", PEPPER))
    routes = {
        (m, route.path)
        for route in app.routes
        if isinstance(route, APIRoute)
        for m in route.methods
    }
    walked = set()
    extra = {
        "freeze": dict.fromkeys(CALLERS, 1),
        "close42": dict.fromkeys(CALLERS, "X"),
        "close11": dict.fromkeys(CALLERS, "X"),
        "approval": 1,
    }
    for builder, _ in CALLS.values():
        method, path, _body = builder("ministry", extra)
        walked.add((method, _template(path)))
    assert routes <= walked, f"routes not walked: {routes - walked}"


def _template(path: str) -> str:
    parts = path.split("/")
    if len(parts) > 3 and parts[2] == "accounts" and parts[3]:
        parts[3] = "{account_id}"
    if len(parts) > 3 and parts[2] == "approvals" and parts[3]:
        parts[3] = "{approval_id}"
    return "/".join(parts)


def test_every_role_on_every_endpoint(
    world: tuple[TestClient, dict[str, dict[str, str]], dict[str, Any]],
) -> None:
    client, headers, extra = world
    failures = []
    for number, (name, (builder, allowed)) in enumerate(CALLS.items()):
        for caller in CALLERS:
            method, path, body = builder(caller, extra)
            before = _state(client)
            if method == "GET":
                response = client.get(path, headers=headers[caller])
            else:
                rid = f"{caller}:call-{number}"  # request ids are letters, digits and . _ : -
                payload = {"request_id": rid, **(body or {})}
                response = client.post(path, json=payload, headers=headers[caller])
            ok = response.status_code == 200
            if caller in allowed and not ok:
                failures.append(
                    f"{caller} should be allowed {name}: {response.status_code} {response.text[:200]}"
                )
            if caller not in allowed:
                refused = response.status_code in (401, 403) or (
                    "approvals/" in path and response.status_code == 422
                )
                if not refused or _state(client) != before:
                    failures.append(
                        f"{caller} must not {name}: {response.status_code} {response.text[:120]}"
                    )
    assert failures == []


def test_lists_show_only_what_the_role_may_read(
    world: tuple[TestClient, dict[str, dict[str, str]], dict[str, Any]],
) -> None:
    client, headers, _ = world
    for caller in CALLERS:
        seen = {a["id"] for a in client.get("/registry/accounts", headers=headers[caller]).json()}
        expected = {account for account, allowed in READABLE.items() if caller in allowed}
        assert expected <= seen, caller
        if caller != "ministry":
            assert not (seen & {a for a, allowed in READABLE.items() if caller not in allowed}), (
                caller
            )
