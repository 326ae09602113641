"""Log-in with registry tokens; an enterprise sees only its own data."""

from __future__ import annotations

from tests.web.conftest import Ledger, TestClient


def login(client: TestClient, token: str) -> None:
    response = client.post("/login", data={"token": token}, follow_redirects=False)
    assert response.status_code == 303, response.text


def test_public_sees_aggregates_only(secured: TestClient, ledger: Ledger) -> None:
    assert secured.get("/entities", follow_redirects=False).status_code == 303
    assert secured.get(f"/entities/{ledger.own}").status_code == 403
    html = secured.get("/registry?lang=en").text
    assert "National totals" in html and "ENT-" not in html
    assert secured.get("/").status_code == 200


def test_bad_token_is_refused(secured: TestClient) -> None:
    response = secured.post("/login?lang=en", data={"token": "not-a-token"})
    assert response.status_code == 401 and "unknown or revoked" in response.text


def test_enterprise_sees_only_itself(secured: TestClient, ledger: Ledger) -> None:
    login(secured, ledger.tokens["ent-a"])
    own = secured.get(f"/entities/{ledger.own}?lang=en")
    assert own.status_code == 200
    assert 'id="holdings"' in own.text and "123,456" in own.text  # CEA 2023 issued to it
    assert 'id="compliance"' in own.text
    assert secured.get(f"/entities/{ledger.other}").status_code == 403
    listing = secured.get("/entities").text
    assert ledger.own in listing and ledger.other not in listing
    registry = secured.get("/registry").text
    assert f"ENT-{ledger.own}" in registry and f"ENT-{ledger.other}" not in registry


def test_other_enterprise_is_refused_the_first(secured: TestClient, ledger: Ledger) -> None:
    login(secured, ledger.tokens["ent-b"])
    assert secured.get(f"/entities/{ledger.own}").status_code == 403
    assert secured.get(f"/entities/{ledger.other}").status_code == 200


def test_ministry_sees_everyone_and_logout(secured: TestClient, ledger: Ledger) -> None:
    login(secured, ledger.tokens["mee"])
    assert secured.get(f"/entities/{ledger.own}").status_code == 200
    assert secured.get(f"/entities/{ledger.other}").status_code == 200
    assert "ENT-" in secured.get("/registry").text
    secured.post("/logout", follow_redirects=False)
    secured.cookies.clear()
    assert secured.get(f"/entities/{ledger.own}").status_code == 403


def test_token_cookie_is_httponly_strict(secured: TestClient, ledger: Ledger) -> None:
    response = secured.post(
        "/login", data={"token": ledger.tokens["ent-a"]}, follow_redirects=False
    )
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie


def test_open_flag_shows_entities_to_the_public(ledger: Ledger) -> None:
    from tests.web.conftest import PEPPER

    from chinaets.web.app import create_app

    with TestClient(create_app(ledger.folder, token_pepper=PEPPER, open_demo=True)) as client:
        assert client.get(f"/entities/{ledger.own}").status_code == 200
        assert "--open" in client.get("/?lang=en").text
        assert "National totals" in client.get("/registry?lang=en").text  # ledger still by role
