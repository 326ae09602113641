"""The dashboard in the system's Chromium, driven by Playwright (marker `browser`).

Skipped with the reason shown when /usr/bin/chromium (scripts/install-chromium.sh) or the
`playwright` package is missing. Screenshots of every page in both languages are written to
$CHINAETS_SCREENSHOTS (default build/screenshots/) as test artifacts.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from tests.web.conftest import PEPPER, Ledger

from chinaets.web.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
SHOTS = Path(
    os.environ.get("CHINAETS_SCREENSHOTS", Path(__file__).parents[2] / "build" / "screenshots")
)
CHART_PAGES = {"/": 5, "/targets": 5, "/exchange": 3}

pytestmark = pytest.mark.browser
if os.environ.get("CHINAETS_REQUIRE_BROWSER") == "1" and not CHROMIUM.exists():
    pytest.fail(f"{CHROMIUM} missing and CHINAETS_REQUIRE_BROWSER=1: run scripts/install-chromium.sh", pytrace=False)  # fmt: skip
if not CHROMIUM.exists():
    pytestmark = [
        pytest.mark.browser,
        pytest.mark.skip(reason=f"{CHROMIUM} missing: run scripts/install-chromium.sh"),
    ]  # type: ignore[list-item]
try:
    from playwright.sync_api import Page, sync_playwright
except ImportError:  # pragma: no cover - depends on the environment
    pytestmark = [
        pytest.mark.browser,
        pytest.mark.skip(reason="the playwright package is not installed"),
    ]  # type: ignore[list-item]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """uvicorn in a thread on 127.0.0.1."""

    def __init__(self, folder: Path) -> None:
        import uvicorn

        self.port = _free_port()
        config = uvicorn.Config(create_app(folder, token_pepper=PEPPER), host="127.0.0.1", port=self.port, log_level="warning")  # fmt: skip
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *_: Any) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def open_site(demo_dir: Path) -> Iterator[str]:
    with Server(demo_dir) as url:
        yield url


@pytest.fixture(scope="module")
def secured_site(ledger: Ledger) -> Iterator[str]:
    with Server(ledger.folder) as url:
        yield url


class Browser:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda req: self.requests.append(req.url))
        page.on(
            "console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None
        )
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=str(CHROMIUM), args=ARGS, headless=True,
            viewport={"width": 1280, "height": 900},
        )  # fmt: skip
        try:
            b = Browser(context.new_page())
            yield b
            hosts = {
                urlparse(u).hostname for u in b.requests if not u.startswith(("data:", "about:"))
            }
            assert hosts <= {"127.0.0.1"}, f"requests left localhost: {hosts}"
        finally:
            context.close()


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_renders_with_charts(
    browser: Browser, open_site: str, demo_dir: Path, lang: str
) -> None:
    example = next(demo_dir.glob("example_*.json")).stem.removeprefix("example_")
    pages = [
        "/",
        "/entities",
        f"/entities/{example}",
        "/tables/monthly_values",
        "/ccer",
        "/targets",
        "/registry",
        "/exchange",
    ]
    for path in pages:
        browser.page.goto(f"{open_site}{path}?lang={lang}")
        assert browser.page.locator("html").get_attribute("lang") == (
            "zh-CN" if lang == "zh" else "en"
        )
        expected = CHART_PAGES.get(path, 1 if path.startswith("/entities/") else 0)
        drawn = browser.page.locator("figure.chart svg")
        assert drawn.count() == expected, path
        for i in range(expected):
            assert drawn.nth(i).locator("rect.bar, polyline.series").count() > 0, (path, i)
        name = path.strip("/").replace("/", "_")[:20] or "overview"
        _shot(browser.page, f"{name}-{lang}")
    assert not browser.errors, browser.errors


def test_language_switch(browser: Browser, open_site: str) -> None:
    browser.page.goto(f"{open_site}/targets?lang=en")
    assert browser.page.locator("h1").inner_text() == "Targets progress"
    browser.page.click("#lang-switch")
    assert browser.page.locator("h1").inner_text() == "目标进度"
    browser.page.click("nav a[href='/']")  # the cookie keeps the choice
    assert browser.page.locator("h1").inner_text() == "市场概览"
    assert not browser.errors


def test_enterprise_login_sees_only_its_own(
    browser: Browser, secured_site: str, ledger: Ledger
) -> None:
    page = browser.page
    page.goto(f"{secured_site}/login?lang=en")
    page.fill("#token", ledger.tokens["ent-a"])
    page.click("#login-submit")
    page.wait_for_url(f"{secured_site}/registry")
    assert f"ENT-{ledger.own}" in page.content() and f"ENT-{ledger.other}" not in page.content()
    _shot(page, "registry-enterprise-en")
    assert page.goto(f"{secured_site}/entities/{ledger.own}").status == 200  # type: ignore[union-attr]
    assert page.locator("#holdings").count() == 1
    _shot(page, "entity-enterprise-en")
    assert page.goto(f"{secured_site}/entities/{ledger.other}").status == 403  # type: ignore[union-attr]
    _shot(page, "entity-denied-en")
    page.goto(f"{secured_site}/entities")
    assert page.locator("#table-entities tbody tr").count() == 1
    page.click("#logout")
    assert page.goto(f"{secured_site}/entities/{ledger.own}").status == 403  # type: ignore[union-attr]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_paging_sorting_and_search_in_the_browser(
    browser: Browser, open_site: str, lang: str
) -> None:
    page = browser.page
    page.goto(f"{open_site}/entities?lang={lang}&per_page=25")
    rows = page.locator("#table-entities tbody tr")
    assert rows.count() == 25
    page.click("#table-entities a.sort[data-column='total_emissions_t']")  # largest first
    first = _column(page, "total_emissions_t")
    assert first == sorted(first, reverse=True) and "▼" in page.content()
    page.click("#table-entities a.sort[data-column='total_emissions_t']")  # then smallest
    assert _column(page, "total_emissions_t") == sorted(_column(page, "total_emissions_t"))
    page.click("a.next")
    assert "page=2" in page.url and rows.count() == 5
    page.fill("#q-entities", page.locator("#table-entities tbody td code").first.inner_text()[-6:])
    page.click("#filter-entities button")
    assert rows.count() == 1
    assert ("第 1 / 1" in page.content()) == (lang == "zh")
    _shot(page, f"entities-search-{lang}")
    assert not browser.errors, browser.errors


def _column(page: Page, column: str) -> list[float]:
    index = [
        a.get_attribute("data-column") for a in page.locator("#table-entities th a").all()
    ].index(column)
    cells = page.locator(f"#table-entities tbody tr td:nth-child({index + 1})").all_inner_texts()
    return [float(c.replace(",", "")) for c in cells]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_downloads_open(browser: Browser, open_site: str, lang: str, tmp_path: Path) -> None:
    import csv

    from openpyxl import load_workbook

    page = browser.page
    page.goto(f"{open_site}/tables/units?lang={lang}&sort=emissions_t&dir=desc")
    with page.expect_download() as csv_download:
        page.click("a.download:text('CSV')")
    path = tmp_path / "units.csv"
    csv_download.value.save_as(path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][0] == ("数据年度" if lang == "zh" else "Year") and len(rows) > 30
    with page.expect_download() as xlsx_download:
        page.click("a.download:text('Excel')")
    book_path = tmp_path / "units.xlsx"
    xlsx_download.value.save_as(book_path)
    sheet = load_workbook(book_path).active
    assert sheet is not None and sheet.max_row == len(rows)
    emissions = [c.value for c in sheet["H"][1:]]
    assert all(isinstance(v, float) for v in emissions) and emissions == sorted(
        emissions, reverse=True
    )


PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_page_scrolls_sideways_on_a_phone(
    browser: Browser, open_site: str, demo_dir: Path, lang: str
) -> None:
    """At 390 px every page fits the screen's width (wide tables scroll inside their box)."""
    example = next(demo_dir.glob("example_*.json")).stem.removeprefix("example_")
    browser.page.set_viewport_size(PHONE)
    wide = []
    for path in ["/", "/entities", f"/entities/{example}", "/tables/monthly_values", "/ccer",
                 "/targets", "/registry", "/exchange", "/cbam", "/login"]:  # fmt: skip
        browser.page.goto(f"{open_site}{path}?lang={lang}")
        overflow = browser.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            wide.append((path, overflow))
        name = path.strip("/").replace("/", "_")[:20] or "overview"
        _shot(browser.page, f"{name}-{lang}-390")
    assert not wide, wide
