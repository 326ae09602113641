"""Read-model tables on the dashboard: server-side paging, sorting, search and filters, CSV and
Excel downloads (typed numbers, formulas made inert), the compliance rules, both languages."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from tests.web.conftest import PEPPER, Ledger, TestClient
from tests.web.test_access import login

from chinaets.core.china import PROVINCES
from chinaets.mrv.sectors import Intensity, PerimeterUnit, Summary
from chinaets.national.readmodel import build_read_model
from chinaets.web.app import create_app


def _codes(html: str) -> list[str]:
    return re.findall(r'<a href="/entities/([0-9A-Z]{18})\?', html)


def test_entities_are_paged_and_sorted_on_the_server(client: TestClient) -> None:
    first = client.get("/entities?lang=en&sort=total_emissions_t&dir=desc&per_page=25").text
    second = client.get("/entities?lang=en&sort=total_emissions_t&dir=desc&per_page=25&page=2").text
    assert (
        len(_codes(first)) == 25 and _codes(second) and not set(_codes(first)) & set(_codes(second))
    )
    assert "Page 1 / 2" in first and 'class="next"' in first and 'class="prev"' in second
    ascending = client.get("/entities?sort=total_emissions_t&dir=asc&per_page=200").text
    assert _codes(ascending) == list(reversed(_codes(client.get("/entities?sort=total_emissions_t&dir=desc&per_page=200").text)))  # fmt: skip


def test_search_and_filters(client: TestClient) -> None:
    html = client.get("/entities?per_page=200").text
    code = _codes(html)[0]
    found = client.get(f"/entities?q={code[-6:].lower()}").text
    assert _codes(found) == [code]
    province = re.search(r'data-province="([^"]+)"', client.get(f"/entities/{code}").text)
    assert province is None or province.group(1)  # the page renders
    province_en = next(
        p for p in PROVINCES if f"province={p.replace(' ', '+')}" in client.get("/?lang=en").text
    )
    only = client.get(f"/entities?province={province_en}&lang=zh").text
    assert PROVINCES[province_en][0] in only


@pytest.mark.parametrize("query", ["per_page=99999", "page=-5", "sort=1;DROP TABLE entities", "q=%27%20OR%201=1--", "year=abc"])  # fmt: skip
def test_hostile_query_strings_are_harmless(client: TestClient, query: str) -> None:
    response = client.get(f"/entities?{query}")
    assert response.status_code == 200
    assert client.get("/entities").status_code == 200


def test_chinese_page_has_no_internal_codes(client: TestClient) -> None:
    html = client.get("/tables/units?lang=zh").text
    assert "发电机组" in html and "发电" in html and "核定单元" in html
    assert ">generating_unit<" not in html and ">power<" not in html
    monthly = client.get("/tables/monthly_values?lang=zh&per_page=200").text
    assert "发电量" in monthly and "烟煤" in monthly


def test_csv_and_excel_downloads_open(client: TestClient) -> None:
    text = client.get("/download/entities.csv?lang=en&sort=total_emissions_t&dir=desc").content
    rows = list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Year", "Sector", "Province", "Credit code"] and len(rows) == 31
    book = load_workbook(io.BytesIO(client.get("/download/units.xlsx?lang=zh").content))
    sheet = book.active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    assert header[0] == "数据年度"
    emissions = sheet.cell(row=2, column=header.index("排放量 tCO2e") + 1)
    assert isinstance(emissions.value, float) and emissions.data_type == "n"


def test_formula_injection_is_neutralised(tmp_path: Path) -> None:
    hostile = ['=HYPERLINK("http://x","y")', "+SUM(A1)", "-2+3", "@cmd", "\t=1"]
    summaries = [
        Summary(
            sector="toy",
            year=2025,
            credit_code=f"9111000000000000{i:02d}",
            name=name,
            province="北京",
            total_emissions_t=-5.0 if i == 0 else 1.0,
            obligation_t=0.0,
            perimeter=(PerimeterUnit("K1", "installation", 1.0, 1.0, "t"),),
            intensity=Intensity(1.0, 1.0, "t", "吨"),
        )
        for i, name in enumerate(hostile)
    ]
    build_read_model(summaries, tmp_path / "readmodel")
    with TestClient(create_app(tmp_path)) as client:
        content = client.get("/download/entities.csv?sort=credit_code").content.decode("utf-8-sig")
        names = [row[4] for row in list(csv.reader(io.StringIO(content)))[1:]]
        assert all(n.startswith("'") for n in names) and names[0] == "'" + hostile[0]
        book = load_workbook(
            io.BytesIO(client.get("/download/entities.xlsx?sort=credit_code").content)
        )
        sheet = book.active
        assert sheet is not None
        for row in sheet.iter_rows(min_row=2):
            assert row[4].data_type == "s" and str(row[4].value).startswith("'")
        assert sheet.cell(row=2, column=8).value == -5.0  # a negative number stays a number


def _secured(ledger: Ledger, today: dt.date) -> TestClient:
    return TestClient(create_app(ledger.folder, token_pepper=PEPPER, today=today))


def test_no_shortfall_or_penalty_before_the_deadline(ledger: Ledger) -> None:
    with _secured(ledger, dt.date(2024, 6, 1)) as client:
        login(client, ledger.tokens["ent-a"])
        html = client.get(f"/entities/{ledger.own}?lang=en").text
        assert 'id="deadline">2024-12-31<' in html and 'id="outstanding"' in html
        assert (
            'id="not-due"' in html and 'id="shortfall"' not in html and 'id="penalty"' not in html
        )


def test_after_the_deadline_the_shortfall_is_priced_by_the_rule(ledger: Ledger) -> None:
    with _secured(ledger, dt.date(2025, 1, 15)) as client:
        login(client, ledger.tokens["ent-a"])
        html = client.get(f"/entities/{ledger.own}?lang=zh").text
        assert 'id="shortfall"' in html and 'id="penalty"' in html
        assert "第二十四条" in html or "第四十条" in html  # the article of the rule in force
        assert "123,456" in html  # CEA-2023 held, from the registry


def test_ministry_registry_page_is_summarised_then_searched(ledger: Ledger) -> None:
    with _secured(ledger, dt.date(2024, 6, 1)) as client:
        login(client, ledger.tokens["mee"])
        html = client.get("/registry?lang=en").text
        assert 'id="account-kinds"' in html and 'id="units-held"' in html
        assert 'id="table-accounts"' in html and '<section class="account"' not in html
        found = client.get(f"/registry?lang=en&q={ledger.other[-8:]}").text
        assert f"ENT-{ledger.other}" in found and f"ENT-{ledger.own}" not in found
        holdings = client.get(f"/tables/holdings?account_id=ENT-{ledger.own}&lang=zh").text
        assert "123,456" in holdings and "碳排放配额" in holdings


def test_enterprise_downloads_only_its_own(ledger: Ledger) -> None:
    with _secured(ledger, dt.date(2024, 6, 1)) as client:
        login(client, ledger.tokens["ent-a"])
        content = client.get("/download/entities.csv").content.decode("utf-8-sig")
        assert ledger.own in content and ledger.other not in content
        assert client.get("/download/units.csv").status_code == 200
        client.cookies.clear()
        assert client.get("/download/accounts.csv").status_code == 403
