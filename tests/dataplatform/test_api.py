"""The platform's REST API: submit and deposit, findings (JSON and Excel), review transitions,
stateless calculations, and the OpenAPI page served without a CDN."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from tests.dataplatform.conftest import REPORTS, report
from tests.registry.support import TestClient

from chinaets.api.app import create_app
from chinaets.registry import records as r
from chinaets.registry.settings import RegistrySettings

PEPPER = "test-pepper-" + "k3Jd9sLq0Zx8Vb7Nm6Wc5Er4Ty2Ui1Op"
CODE = report()["entity"]["credit_code"]
ROOT = Path(__file__).parents[2]


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    url = f"sqlite:///{tmp_path / 'api.db'}"
    app = create_app(url, RegistrySettings(url, PEPPER))
    app.state.registry.init()
    with TestClient(app) as test_client:
        yield test_client
    app.state.registry.engine.dispose()


def _token(client: TestClient, user: str, role: str, org: str) -> dict[str, str]:
    registry = client.app.state.registry  # type: ignore[attr-defined]
    result = registry.execute(r.SYSTEM, f"user-{user}", r.AddUser(user, r.Role(role), org))
    return {"Authorization": f"Bearer {result.detail['token']}"}


def _submit(client: TestClient, headers: dict[str, str], data: bytes, name: str = "r.json") -> list:  # type: ignore[type-arg]
    upload = {**headers, "Content-Type": "application/octet-stream"}  # a file, as the page sends
    response = client.post(
        "/platform/submissions", params={"name": name}, content=data, headers=upload
    )
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def test_enterprise_submits_reviewer_returns_and_accepts(client: TestClient) -> None:
    ent = _token(client, "ent", "enterprise", CODE)
    sd = _token(client, "sd", "provincial", "37")
    body = REPORTS["power"].read_bytes()
    [first] = _submit(client, ent, body)
    assert first["status"] == "stored" and first["version"] == 1
    assert _submit(client, ent, body)[0]["status"] == "duplicate"
    sid = first["submission_id"]
    for action in ("start", "return"):
        step = {"action": action, "note": "see findings",
                "findings": [{"code": "REV-1", "en": "lab report missing", "zh": "缺少化验报告"}]}  # fmt: skip
        response = client.post(f"/platform/submissions/{sid}/review", json=step, headers=sd)
        assert response.status_code == 200, response.text
    assert response.json()["to"] == "returned" and response.json()["feedback_due"]
    found = client.get("/platform/findings", params={"source": "review"}, headers=ent).json()
    assert [f["code"] for f in found["rows"]] == ["REV-1"]
    detail = client.get(f"/platform/submissions/{sid}", headers=ent).json()
    assert [h["to"] for h in detail["history"]] == ["submitted", "under_review", "returned"]
    file = client.get(f"/platform/submissions/{sid}/files/r.json", headers=ent)
    assert file.status_code == 200 and file.content == body


def test_an_enterprise_cannot_submit_or_see_for_another(client: TestClient) -> None:
    other = _token(client, "other", "enterprise", "91420100MA4K2XRE6Q")
    [outcome] = _submit(client, other, REPORTS["power"].read_bytes())
    assert outcome["status"] == "refused" and "another entity" in outcome["problems"][0]["en"]
    ent = _token(client, "ent", "enterprise", CODE)
    [stored] = _submit(client, ent, REPORTS["power"].read_bytes())
    assert (
        client.get(f"/platform/submissions/{stored['submission_id']}", headers=other).status_code
        == 403
    )
    assert client.get("/platform/submissions", headers=other).json()["total"] == 0
    assert (
        client.post("/platform/submissions", params={"name": "r.json"}, content=b"{}").status_code
        == 422
    )


def test_a_zip_of_reports_and_the_excel_screening(client: TestClient) -> None:
    ministry = _token(client, "mee", "ministry", "MEE")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for sector in ("power", "cement"):
            archive.write(REPORTS[sector], f"{sector}.json")
        archive.writestr("bad.json", "{")
    outcomes = _submit(client, ministry, buffer.getvalue(), "batch.zip")
    assert sorted(o["status"] for o in outcomes) == ["refused", "stored", "stored"]
    assert all("/tmp" not in json.dumps(o) for o in outcomes)
    excel = client.get("/platform/findings", params={"format": "xlsx"}, headers=ministry)
    assert load_workbook(io.BytesIO(excel.content))["screening 筛查"].max_row > 2
    assert client.get("/platform/risk", headers=ministry).json()[0]["tco2_at_stake"] > 0
    whole = client.get("/platform/findings", params={"limit": 1000}, headers=ministry).json()
    first = client.get("/platform/findings", params={"limit": 2}, headers=ministry).json()
    second = client.get(
        "/platform/findings", params={"limit": 2, "after": first["next"]}, headers=ministry
    ).json()
    assert [f["finding_id"] for f in first["rows"] + second["rows"]] == [
        f["finding_id"] for f in whole["rows"][:4]
    ]
    assert whole["next"] is None and second["total"] == whole["total"]
    bad = client.get("/platform/findings", params={"after": "nope"}, headers=ministry)
    assert bad.status_code == 422 and "游标" in bad.text


def test_stateless_calculations(client: TestClient) -> None:
    power = json.loads(REPORTS["power"].read_text("utf-8"))
    accounted = client.post("/calculate/account", json=power).json()
    assert accounted["total_tco2"] > 0 and accounted["diagnosis"]["errors"] == 1
    assert any(
        f["code"] == "PWR-CC-SWITCH" for f in client.post("/calculate/check", json=power).json()
    )
    assert client.post("/calculate/allocate", json=power).json()["allocation_tco2"] > 0
    position = json.loads((ROOT / "examples" / "compliance-2025.json").read_text("utf-8"))
    assert client.post("/calculate/comply", json=position).json()["year"] == 2025
    plan = client.post(
        "/calculate/plan", json=position, params={"price_cea": 74.63, "price_ccer": 70.76}
    )
    assert plan.status_code == 200, plan.text
    position.pop("verified_tco2")
    position["report"] = "/etc/passwd"
    refused = client.post("/calculate/comply", json=position)
    assert refused.status_code == 422 and "verified_tco2" in refused.text


def test_openapi_page_is_served_from_the_package(client: TestClient) -> None:
    page = client.get("/docs").text
    assert "/docs-static/swagger-ui-bundle.js" in page and "cdn" not in page.lower()
    assert client.get("/docs-static/swagger-ui-bundle.js").status_code == 200
    schema = client.get("/openapi.json").json()
    body = schema["paths"]["/calculate/account"]["post"]["requestBody"]["content"][
        "application/json"
    ]
    assert {"$ref": "#/components/schemas/PowerReport"} in body["schema"]["oneOf"]
    assert "ReviewRequest" in schema["components"]["schemas"]


def test_huge_integers_in_the_query_are_refused_not_a_server_error(client: TestClient) -> None:
    """Found by schemathesis: an integer past SQLite's range was a 500 (OverflowError)."""
    for path, params in [("/platform/submissions", {"year": 10**30}),
                         ("/platform/submissions", {"offset": 10**30}),
                         ("/platform/findings", {"year": -(10**30)}),
                         ("/platform/submissions/99999999999999999999999", {})]:  # fmt: skip
        assert client.get(path, params=params).status_code == 422, (path, params)


@pytest.mark.parametrize("content_type", [None, "application/json", "text/plain"])
def test_an_upload_route_takes_the_file_whatever_type_the_client_declares(
    client: TestClient, content_type: str | None
) -> None:
    """The guard knows the upload routes by their declared media types: a report sent with no
    Content-Type, or as JSON, is a file for the route's reader (not a JSON body for the guard's
    1 MB limit), and a broken one is refused by the reader with its located message."""
    ent = _token(client, "ent", "enterprise", CODE)
    headers = {**ent, **({"Content-Type": content_type} if content_type else {})}
    body = REPORTS["power"].read_bytes()
    sent = client.post(
        "/platform/submissions", params={"name": "r.json"}, content=body, headers=headers
    )
    assert sent.status_code == 200, sent.text
    assert sent.json()[0]["status"] in {"stored", "duplicate"}
    broken = client.post(
        "/platform/submissions",
        params={"name": "bad.json"},
        content=b'{"year": 20',
        headers=headers,
    )
    assert broken.status_code == 200 and broken.json()[0]["status"] == "refused"
    assert broken.json()[0]["problems"][0]["zh"]
