"""The REST API: OpenAPI, bearer tokens, settings that refuse default secrets, four-eyes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from tests.registry.conftest import PEPPER, Backend
from tests.registry.support import TestClient, open_enterprise, run, uscc

from chinaets.api.app import create_app
from chinaets.core.errors import InputError
from chinaets.registry import records as r
from chinaets.registry.serials import unit_class
from chinaets.registry.settings import RegistrySettings, load_settings


@pytest.fixture
def client(backend: Backend) -> Iterator[TestClient]:
    app = create_app(backend.url, RegistrySettings(backend.url, PEPPER, four_eyes_threshold=100))
    registry = app.state.registry
    registry.init()
    a = open_enterprise(registry, 1)
    open_enterprise(registry, 2)
    run(registry, r.Issue("MEE", a, unit_class("CEA", "2021"), 1000, r.IssueKind.PRE_ALLOCATION))
    with TestClient(app) as test_client:
        yield test_client
    registry.engine.dispose()


def token(client: TestClient, user: str, role: str, org: str) -> dict[str, str]:
    registry = client.app.state.registry  # type: ignore[attr-defined]
    result = registry.execute(r.SYSTEM, f"user-{user}", r.AddUser(user, r.Role(role), org))
    return {"Authorization": f"Bearer {result.detail['token']}"}


def test_settings_refuse_default_and_short_secrets() -> None:
    for bad in ("", "changethis", "secret", "short-but-not-32", "a" * 40):
        with pytest.raises(InputError, match="CHINAETS_TOKEN_PEPPER"):
            load_settings({"CHINAETS_TOKEN_PEPPER": bad})
    with pytest.raises(InputError, match="positive whole number"):
        load_settings({"CHINAETS_TOKEN_PEPPER": PEPPER, "CHINAETS_FOUR_EYES_THRESHOLD": "lots"})
    good = load_settings({"CHINAETS_TOKEN_PEPPER": PEPPER, "CHINAETS_FOUR_EYES_THRESHOLD": "500"})
    assert good.four_eyes_threshold == 500 and PEPPER not in repr(good)


def test_openapi_lists_every_operation(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for op in (
        "issue",
        "transfer",
        "freeze",
        "unfreeze",
        "surrender",
        "forced-surrender",
        "cancel",
        "carry-over",
        "deduct",
    ):
        assert f"/registry/{op}" in paths
    assert "/registry/accounts/{account_id}/history" in paths


def test_public_sees_statistics_only(client: TestClient) -> None:
    assert client.get("/registry/stats").json()[0]["issued"] == 1000
    assert client.get("/registry/accounts").json() == []
    assert client.get(f"/registry/accounts/ENT-{uscc(1)}/holdings").status_code == 403


def test_unknown_token_is_401(client: TestClient) -> None:
    response = client.get("/registry/stats", headers={"Authorization": "Bearer nope"})
    assert response.status_code == 401 and response.json()["zh"]


def test_tokens_are_stored_hashed(client: TestClient) -> None:
    headers = token(client, "alice", "enterprise", uscc(1))
    raw = headers["Authorization"].split()[1]
    registry = client.app.state.registry  # type: ignore[attr-defined]
    with registry.engine.connect() as connection:
        stored = [
            row[0] for row in connection.exec_driver_sql("SELECT token_hash FROM registry_tokens")
        ]
    assert raw not in stored and len(stored[0]) == 64


def test_enterprise_transfer_statement_and_csv(client: TestClient) -> None:
    headers = token(client, "alice", "enterprise", uscc(1))
    body = {
        "request_id": "t-1",
        "source": f"ENT-{uscc(1)}",
        "destination": f"ENT-{uscc(2)}",
        "unit": "CEA-2021",
        "quantity": 60,
    }
    first = client.post("/registry/transfer", json=body, headers=headers)
    assert first.status_code == 200, first.text
    assert client.post("/registry/transfer", json=body, headers=headers).json() == first.json()
    history = client.get(f"/registry/accounts/ENT-{uscc(1)}/history?format=csv", headers=headers)
    assert history.text.splitlines()[1].endswith(",-60")
    holdings = client.get(f"/registry/accounts/ENT-{uscc(1)}/holdings", headers=headers).json()
    assert holdings[0]["free"] == 940


def test_bad_body_is_a_bilingual_422(client: TestClient) -> None:
    headers = token(client, "alice", "enterprise", uscc(1))
    response = client.post("/registry/transfer", content=b"[not json", headers=headers)
    assert response.status_code == 422 and response.json()["problems"][0]["zh"]
    response = client.post(
        "/registry/transfer", json={"request_id": "x", "quantity": 2.5}, headers=headers
    )
    fields = {p["where"]["field"] for p in response.json()["problems"]}
    assert {"source", "destination", "unit", "quantity"} <= fields


def test_four_eyes_needs_a_second_user_of_the_same_org(client: TestClient) -> None:
    alice = token(client, "alice", "enterprise", uscc(1))
    bob = token(client, "bob", "enterprise", uscc(1))
    carol = token(client, "carol", "enterprise", uscc(2))
    body = {
        "request_id": "big-1",
        "source": f"ENT-{uscc(1)}",
        "destination": f"ENT-{uscc(2)}",
        "unit": "CEA-2021",
        "quantity": 500,
    }
    pending = client.post("/registry/transfer", json=body, headers=alice).json()
    assert pending["status"] == "pending_approval" and pending["postings"] == []
    approval = pending["detail"]["approval_id"]
    assert client.get("/registry/approvals", headers=bob).json()[0]["approval_id"] == approval
    assert client.get("/registry/approvals", headers=carol).json() == []
    url = f"/registry/approvals/{approval}/approve"
    assert client.post(url, json={"request_id": "ok-1"}, headers=alice).status_code == 422
    assert client.post(url, json={"request_id": "ok-2"}, headers=carol).status_code == 422
    done = client.post(url, json={"request_id": "ok-3"}, headers=bob)
    assert done.status_code == 200 and len(done.json()["postings"]) == 2
    assert client.post(url, json={"request_id": "ok-4"}, headers=bob).status_code == 422
    holdings = client.get(f"/registry/accounts/ENT-{uscc(1)}/holdings", headers=alice).json()
    assert holdings[0]["free"] == 500
