"""Log-in with registry tokens; an enterprise sees only its own data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.web.conftest import Ledger, TestClient


def csrf_of(client: TestClient) -> str:
    """The anti-forgery token of a fresh log-in form (its cookie is kept by the client)."""
    html = client.get("/login").text
    return html.split('name="csrf" value="', 1)[1].split('"', 1)[0]


def login(client: TestClient, token: str) -> Any:
    data = {"token": token, "csrf": csrf_of(client)}
    response = client.post("/login", data=data, follow_redirects=False)
    assert response.status_code == 303, response.text
    return response


def test_public_sees_aggregates_only(secured: TestClient, ledger: Ledger) -> None:
    assert secured.get("/entities", follow_redirects=False).status_code == 303
    assert secured.get(f"/entities/{ledger.own}").status_code == 403
    html = secured.get("/registry?lang=en").text
    assert "National totals" in html and "ENT-" not in html
    assert secured.get("/").status_code == 200


def test_bad_token_is_refused(secured: TestClient) -> None:
    data = {"token": "not-a-token", "csrf": csrf_of(secured)}
    response = secured.post("/login?lang=en", data=data)
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
    page = secured.get("/registry").text
    csrf = page.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    session = secured.cookies.get("chinaets_session")
    secured.post("/logout", data={"csrf": csrf}, follow_redirects=False)
    # ended on the server: the old session id no longer works even if a browser kept it
    secured.cookies.set("chinaets_session", session or "")
    assert secured.get(f"/entities/{ledger.own}").status_code == 403


def test_session_cookie_is_httponly_strict_and_not_the_token(
    secured: TestClient, ledger: Ledger
) -> None:
    response = login(secured, ledger.tokens["ent-a"])
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert ledger.tokens["ent-a"].lower() not in cookie


def test_login_and_logout_need_the_forms_token(secured: TestClient, ledger: Ledger) -> None:
    forged = secured.post("/login", data={"token": ledger.tokens["mee"]}, follow_redirects=False)
    assert forged.status_code == 403 and "chinaets_session" not in forged.headers.get(
        "set-cookie", ""
    )
    login(secured, ledger.tokens["mee"])
    secured.post("/logout", data={"csrf": "forged"}, follow_redirects=False)
    assert secured.get(f"/entities/{ledger.own}").status_code == 200  # still logged in


def test_failed_logins_are_limited(secured: TestClient) -> None:
    from chinaets.web.sessions import MAX_FAILURES

    codes = [
        secured.post("/login", data={"token": "x", "csrf": csrf_of(secured)}).status_code
        for _ in range(MAX_FAILURES + 1)
    ]
    assert codes[:MAX_FAILURES] == [401] * MAX_FAILURES and codes[-1] == 429


def test_sessions_expire_when_idle(tmp_path: Path) -> None:
    from chinaets.registry.service import Registry
    from chinaets.web.sessions import IDLE, Sessions

    registry = Registry.open(f"sqlite:///{tmp_path / 'r.db'}")
    registry.init()
    now = [0.0]
    sessions = Sessions(registry.engine, clock=lambda: now[0])
    opened = sessions.open("token-hash")
    now[0] = IDLE - 1
    assert sessions.get(opened.id) == opened
    now[0] += IDLE + 1
    assert sessions.get(opened.id) is None


def test_a_session_is_known_to_every_dashboard_worker(secured: TestClient, ledger: Ledger) -> None:
    """Two dashboard processes over one registry (here two apps): a log-in made on one is a
    session on the other, and a log-out on the other ends it for both."""
    from tests.web.conftest import PEPPER

    from chinaets.web.app import create_app

    login(secured, ledger.tokens["ent-a"])
    with TestClient(create_app(ledger.folder, token_pepper=PEPPER)) as second:
        second.cookies.set("chinaets_session", secured.cookies.get("chinaets_session") or "")
        page = second.get(f"/entities/{ledger.own}")
        assert page.status_code == 200
        csrf = page.text.split('name="csrf" value="', 1)[1].split('"', 1)[0]
        second.post("/logout", data={"csrf": csrf}, follow_redirects=False)
    assert secured.get(f"/entities/{ledger.own}").status_code == 403


def test_dashboard_forbids_framing(secured: TestClient) -> None:
    response = secured.get("/")
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


def test_open_flag_shows_entities_to_the_public(ledger: Ledger) -> None:
    from tests.web.conftest import PEPPER

    from chinaets.web.app import create_app

    with TestClient(create_app(ledger.folder, token_pepper=PEPPER, open_demo=True)) as client:
        assert client.get(f"/entities/{ledger.own}").status_code == 200
        assert "--no-login" in client.get("/?lang=en").text
        assert "National totals" in client.get("/registry?lang=en").text  # ledger still by role
