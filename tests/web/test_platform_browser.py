"""End to end in Chromium: a provincial reviewer returns a report with findings, the enterprise
sees them and resubmits through the upload form, the reviewer accepts; the enterprise never
sees another's submission; the Excel and file downloads open."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from tests.web import test_browser as tb
from tests.web.conftest import Ledger
from tests.web.platform_support import Platform, entities_of, platform_folder, report_for
from tests.web.test_browser import Browser, Server, _shot

pytestmark = tb.pytestmark
browser = tb.browser  # the Chromium fixture of the dashboard's browser tests


@pytest.fixture
def platform(ledger: Ledger, tmp_path: Path) -> Platform:
    return platform_folder(ledger, tmp_path / "site")


@pytest.fixture
def site(platform: Platform) -> Iterator[str]:
    with Server(platform.folder) as url:
        yield url


def _login(browser: Browser, site: str, token: str) -> None:
    page = browser.page
    if page.locator("#logout").count():
        page.click("#logout")
    page.goto(f"{site}/login?lang=zh")
    page.fill("#token", token)
    page.click("#login-submit")
    page.wait_for_url(f"{site}/registry")


def test_return_resubmit_accept(
    browser: Browser, site: str, platform: Platform, tmp_path: Path
) -> None:
    page = browser.page
    _login(browser, site, platform.tokens["prov"])
    page.goto(f"{site}/platform/screening")
    assert page.locator("#screening-table tbody tr").count() > 0
    with page.expect_download() as excel:
        page.click("#download-xlsx")
    book = load_workbook(io.BytesIO(Path(excel.value.path()).read_bytes()))
    assert book["screening 筛查"].max_row > 1
    _shot(page, "platform-screening-zh")
    page.click(f"#screening-table a[href='/platform/submissions/{platform.own_id}']")
    page.click("#start-review")
    page.fill("#finding-zh", "缺少2月入炉煤化验报告")
    page.fill("#finding-en", "the February coal lab report is missing")
    page.fill("#note", "请补充后重新提交")
    page.click("#return-submit")
    assert page.locator("#state").get_attribute("data-state") == "returned"
    _shot(page, "platform-returned-zh")

    _login(browser, site, platform.tokens["ent-a"])
    page.goto(f"{site}/platform/submissions/{platform.own_id}")
    assert "缺少2月入炉煤化验报告" in page.content()
    assert page.goto(f"{site}/platform/submissions/{platform.other_id}").status == 403  # type: ignore[union-attr]
    browser.errors.clear()  # the console reports that 403, which is the point
    with page.expect_download() as original:
        page.goto(f"{site}/platform/submissions/{platform.own_id}")
        page.click("#files a.file")
    assert platform.own in Path(original.value.path()).read_text("utf-8")
    own = entities_of(platform.folder)[platform.own]
    fixed = tmp_path / "corrected.json"
    fixed.write_bytes(report_for(own.credit_code, own.name, own.province, extra_coal=10))
    page.goto(f"{site}/platform/submissions")
    assert platform.other not in page.content()
    page.set_input_files("#upload-file", str(fixed))
    page.click("#upload-submit")
    page.wait_for_selector("#upload-result li.outcome-stored")
    page.wait_for_selector("#submissions-table tr[data-state='resubmitted']")
    _shot(page, "platform-resubmitted-zh")
    latest = page.locator("#submissions-table tr[data-state='resubmitted'] a").first.inner_text()

    _login(browser, site, platform.tokens["prov"])
    page.goto(f"{site}/platform/submissions/{latest}")
    page.click("#start-review")
    page.fill("#conclusion", "核查确认 / verified")
    page.click("#accept-submit")
    assert page.locator("#state").get_attribute("data-state") == "accepted"
    steps = page.locator("#history-table tbody tr").count()
    assert steps == 6  # submitted, review, returned, resubmitted, review, accepted
    _shot(page, "platform-accepted-zh")
    assert not browser.errors, browser.errors
