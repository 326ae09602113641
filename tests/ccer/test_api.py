"""The CCER REST router, mounted on the registry's application as the lead will mount it."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.ccer.conftest import BODIES, OWNER, wind_application

from chinaets.api.app import create_app
from chinaets.registry import records as r
from chinaets.registry.settings import RegistrySettings

with warnings.catch_warnings():
    # starlette warns that its TestClient moves to httpx2 (not in the lock file); the
    # registry's own API tests silence the same warning this way
    from starlette.exceptions import StarletteDeprecationWarning

    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

PEPPER = "test-pepper-" + "k3Jd9sLq0Zx8Vb7Nm6Wc5Er4Ty2Ui1Op"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    url = f"sqlite:///{tmp_path / 'api.db'}"
    settings = RegistrySettings(url, PEPPER, four_eyes_threshold=None)
    app = create_app(url, settings, clock=lambda: dt.datetime(2024, 3, 6, 10, 0))
    registry = app.state.registry
    registry.init()
    with TestClient(app) as test_client:
        yield test_client
    registry.engine.dispose()


def token(client: TestClient, user: str, role: str, org: str) -> dict[str, str]:
    registry = client.app.state.registry  # type: ignore[attr-defined]
    result = registry.execute(r.SYSTEM, f"user-{user}", r.AddUser(user, r.Role(role), org))
    return {"Authorization": f"Bearer {result.detail['token']}"}


def test_public_reads(client: TestClient) -> None:
    assert len(client.get("/ccer/methodologies").json()) == 5
    assert any(t["action"] == "publish_design" and t["period"] == "design_notice_working_days" for t in client.get("/ccer/transitions").json())  # fmt: skip
    assert client.get("/ccer/public/projects_in_notice").json() == []
    bad = client.get("/ccer/public/everything")
    assert bad.status_code == 422 and "公示栏目" in bad.text


def test_project_lifecycle_over_http(client: TestClient) -> None:
    ministry = token(client, "mee1", "ministry", "MEE")
    owner = token(client, "owner1", "enterprise", OWNER)
    for body in BODIES:
        assert client.post("/ccer/bodies", json=body, headers=ministry).status_code == 200
    denied = client.post("/ccer/projects", json=wind_application())
    assert denied.status_code == 403 and "无权" in denied.text
    bad = client.post("/ccer/projects", json=wind_application(construction_start="2011-01-01"), headers=owner)  # fmt: skip
    assert bad.status_code == 422
    problem = bad.json()["problems"][0]
    assert problem["where"]["field"] == "project.construction_start" and "开工" in problem["zh"]
    pid = client.post("/ccer/projects", json=wind_application(), headers=owner).json()["id"]
    step = {"action": "publish_design", "on": "2024-03-04", "validator": "VVB1"}
    assert client.post(f"/ccer/projects/{pid}/steps", json=step, headers=owner).status_code == 200
    # a public comment is dated by the server's clock (a client date is ignored) and anonymous
    comment = {"action": "comment", "on": "2030-01-01", "text": "公众意见", "author": "张三"}
    assert client.post(f"/ccer/projects/{pid}/steps", json=comment).status_code == 200  # public
    too_long = {"action": "comment", "text": "长" * 2001}
    assert client.post(f"/ccer/projects/{pid}/steps", json=too_long).status_code == 422
    listed = client.get("/ccer/public/projects_in_notice").json()
    assert listed[0]["project_id"] == pid and listed[0]["notice_end"] == "2024-03-29"
    validation = {"action": "file_validation", "on": "2024-04-01", "body": "VVB1"}
    assert client.post(f"/ccer/projects/{pid}/steps", json=validation, headers=owner).status_code == 403  # fmt: skip
    verifier = token(client, "vvb1", "verifier", "VVB1")
    assert client.post(f"/ccer/projects/{pid}/steps", json=validation, headers=verifier).status_code == 200  # fmt: skip
    register = {"action": "register", "on": "2024-04-02"}
    assert client.post(f"/ccer/projects/{pid}/steps", json=register, headers=owner).status_code == 403  # fmt: skip
    events = client.get(f"/ccer/projects/{pid}").json()["events"]
    said = next(e for e in events if e["action"] == "comment")
    assert "anonymous" in said["actor"] and "张三" not in str(events) and "2024-03-06" in str(said)
    assert [e["action"] for e in events] == [
        "create",
        "publish_design",
        "comment",
        "file_validation",
    ]
