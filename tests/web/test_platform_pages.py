"""The platform's pages over HTTP: screening (paged, Excel), submissions scoped by role,
review actions as form posts, file downloads."""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from tests.web.conftest import PEPPER, Ledger, TestClient
from tests.web.platform_support import Platform, platform_folder
from tests.web.test_access import login

from chinaets.web.app import create_app


@pytest.fixture
def platform(ledger: Ledger, tmp_path: Path) -> Platform:
    return platform_folder(ledger, tmp_path / "site")


@pytest.fixture
def site(platform: Platform) -> Iterator[TestClient]:
    with TestClient(create_app(platform.folder, token_pepper=PEPPER)) as client:
        yield client


def _login(client: TestClient, platform: Platform, user: str) -> None:
    client.cookies.clear()
    response = login(client, platform.tokens[user])  # with the log-in form's anti-forgery token
    assert response.status_code == 303


def test_pages_need_a_login(site: TestClient) -> None:
    for path in ("/platform/screening", "/platform/submissions", "/platform/submissions/1"):
        assert site.get(path, follow_redirects=False).status_code == 303


def test_reviewer_screens_returns_and_accepts(site: TestClient, platform: Platform) -> None:
    _login(site, platform, "prov")
    page = site.get("/platform/screening?lang=zh").text
    assert "PWR-CC-SWITCH" in page and platform.own in page
    assert "<title>筛查 · " in page
    excel = site.get("/platform/screening.xlsx")
    assert load_workbook(io.BytesIO(excel.content))["screening 筛查"].max_row > 1
    target = f"/platform/submissions/{platform.own_id}"
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    site.post(f"{target}/review", content="action=start", headers=form)
    site.post(
        f"{target}/review",
        content="action=return&finding_zh=缺少化验报告&finding_en=lab+report+missing&note=x",
        headers=form,
    )
    detail = site.get(f"{target}?lang=en").text
    assert 'data-state="returned"' in detail and "lab report missing" in detail
    refused = site.post(f"{target}/review", content="action=accept", headers=form)
    assert "error=" in str(refused.url) or "review-error" in refused.text


def test_the_next_link_pages_by_cursor(site: TestClient, platform: Platform) -> None:
    _login(site, platform, "mee")
    first = site.get("/platform/screening?sort=code&dir=asc&limit=2").text
    link = re.search(r'<a id="next" href="([^"]+)"', first)
    assert link is not None and "after=" in link.group(1)
    second = site.get("/platform/screening" + html.unescape(link.group(1))).text
    assert ' id="prev"' in second and _codes(second) and _codes(second) != _codes(first)
    stale = site.get("/platform/screening?page=2&after=nope").text
    assert 'id="screening-error"' in stale and "游标" in stale and _codes(stale)


def _codes(page: str) -> list[str]:
    return re.findall(r"<td><code>([A-Z0-9-]+)</code></td>", page)


def test_another_province_sees_nothing(site: TestClient, platform: Platform) -> None:
    _login(site, platform, "far")
    page = site.get("/platform/screening").text
    assert platform.own not in page and platform.other not in page
    assert site.get(f"/platform/submissions/{platform.own_id}").status_code == 403


def test_enterprise_sees_only_its_own(site: TestClient, platform: Platform) -> None:
    _login(site, platform, "ent-a")
    listing = site.get("/platform/submissions").text
    assert platform.own in listing and platform.other not in listing
    assert site.get(f"/platform/submissions/{platform.other_id}").status_code == 403
    own = site.get(f"/platform/submissions/{platform.own_id}").text
    assert 'id="start-review"' not in own
    name = f"{platform.own}-2023.json"
    download = site.get(f"/platform/submissions/{platform.own_id}/files/{name}")
    assert download.status_code == 200 and platform.own.encode() in download.content
    other = f"/platform/submissions/{platform.other_id}/files/{platform.other}-2023.json"
    assert site.get(other).status_code == 403


def test_entity_trace_is_that_of_the_stored_report(site: TestClient, platform: Platform) -> None:
    _login(site, platform, "ent-a")
    html = site.get(f"/entities/{platform.own}?lang=en").text
    assert 'id="trace"' in html and "tCO2" in html
    assert site.get(f"/entities/{platform.other}?lang=en").status_code == 403


def test_cems_findings_are_listed_beside_the_submissions(
    site: TestClient, platform: Platform
) -> None:
    import datetime as dt

    from chinaets.platform import screening
    from chinaets.platform.monitoring import MonitoringRun, replace_findings
    from chinaets.platform.store import PlatformStore
    from chinaets.registry.records import SYSTEM

    store = PlatformStore.open(f"sqlite:///{platform.folder / 'registry.db'}")
    with store.reading() as session:
        rows, _ = screening.screen(
            session, SYSTEM, screening.ScreeningQuery(credit_code=platform.own)
        )
    finding = {
        "source": "cems", "severity": "error", "code": "CEMS_DEVIATION_ALERT", "sector": "power",
        "province": rows[0].province, "credit_code": platform.own, "unit_id": "G7", "year": 2025,
        "month": 3, "field": "cems_tco2", "en": "CEMS 12 % above the accounts",
        "zh": "在线监测高于核算 12 %", "tco2_at_stake": 1.0e9,
    }  # fmt: skip
    run = MonitoringRun("cems", 2025, frozenset({(platform.own, "G7")}), "test")
    replace_findings(store, run, [finding], dt.datetime(2026, 4, 1, tzinfo=dt.UTC))
    store.close()
    _login(site, platform, "prov")
    page = site.get("/platform/screening?lang=zh").text
    assert "CEMS_DEVIATION_ALERT" in page and "PWR-CC-SWITCH" in page
    assert 'href="/cems/G7?year=2025&amp;month=3"' in page
