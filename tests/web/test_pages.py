"""Every page through FastAPI's test client (always run, no browser needed)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from tests.web.conftest import TestClient

from chinaets.national.readmodel import Listing
from chinaets.web.app import create_app
from chinaets.web.sources import Dashboard, DataMissing

PAGES = [
    "/", "/entities", "/tables/units", "/tables/monthly_values", "/ccer", "/targets", "/registry",
    "/exchange", "/login",
]  # fmt: skip


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_renders_in_both_languages(client: TestClient, path: str, lang: str) -> None:
    response = client.get(path, params={"lang": lang})
    assert response.status_code == 200
    html = response.text
    assert f'<html lang="{"zh-CN" if lang == "zh" else "en"}">' in html
    assert ("市场概览" in html) == (lang == "zh") and ("Market overview" in html) == (lang == "en")
    assert response.cookies.get("lang") == lang
    # nothing is loaded from anywhere but this server
    for ref in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert not ref.startswith(("http:", "https:", "//")) or path == "/exchange", ref
    assert "default-src 'self'" in response.headers["content-security-policy"]


def test_language_is_remembered_by_cookie(client: TestClient) -> None:
    client.get("/", params={"lang": "zh"})
    assert "目标进度" in client.get("/targets").text
    client.get("/", params={"lang": "en"})
    assert "Targets progress" in client.get("/targets").text


def test_accept_language_picks_chinese(demo_dir: Path) -> None:
    with TestClient(create_app(demo_dir)) as fresh:
        assert "市场概览" in fresh.get("/", headers={"Accept-Language": "zh-CN,zh;q=0.9"}).text


def test_overview_has_coverage_provinces_and_market(client: TestClient, demo_dir: Path) -> None:
    html = client.get("/?lang=en").text
    for text in (
        "Coverage by sector",
        "Whole market after the expansion",
        "67.2",
        "By province",
        "closing price",
        "Data set: power",
    ):
        assert text in html
    specs = [json.loads(s.replace("&#39;", "'")) for s in re.findall(r"data-chart='([^']*)'", html)]
    assert len(specs) == 5 and all(s.get("bars") or s.get("series") for s in specs)


def test_entity_page_shows_emissions_allocation(client: TestClient, demo_dir: Path) -> None:
    example = next(demo_dir.glob("example_*.json")).stem.removeprefix("example_")
    html = client.get(f"/entities/{example}?lang=en").text
    assert "Emissions with trace" in html
    assert 'id="trace"' not in html  # the trace is the stored report's: no store here
    assert 'id="table-units"' in html and 'id="monthly-link"' in html
    assert "Not available in this data set yet." in html  # no allocation step, no registry


def test_unknown_entity_is_404(client: TestClient) -> None:
    assert client.get("/entities/NOPE").status_code == 404


def test_targets_page_tables(client: TestClient) -> None:
    html = client.get("/targets?lang=en").text
    assert "-12.42" in html and "missed" in html and "official cumulative figure" in html
    assert html.count("<figure") == 5 and "no figure" in html


def test_missing_data_folder(tmp_path: Path) -> None:
    with pytest.raises(DataMissing, match="chinaets demo"):
        create_app(tmp_path)


def test_dashboard_reads_the_read_model(demo_dir: Path) -> None:
    data = Dashboard(demo_dir)
    first = data.model.page("entities", Listing(sort="total_emissions_t", descending=True)).rows[0]
    assert data.model.entity(first["credit_code"])["name"] == first["name"]
    months = data.model.of_entity("monthly_values", first)
    assert {m["month"] for m in months} == set(range(1, 13))
    fuel = sum(m["value"] for m in months if m["variable"].startswith("emissions|"))
    units = sum(u["emissions_t"] for u in data.model.of_entity("units", first))
    assert fuel == pytest.approx(units, rel=1e-9)
    data.close()
