"""Every dashboard page in Chinese reads in Chinese: no English words (beyond codes, units and
names), no internal names, no Python reprs (server-rendered HTML, no browser)."""

from __future__ import annotations

import pytest
from tests.cli.chinese_walk import page_text, untranslated
from tests.web.conftest import TestClient

PAGES = [
    "/", "/entities", "/tables/units", "/tables/monthly_values", "/ccer", "/targets", "/registry",
    "/exchange", "/login", "/cbam",
]  # fmt: skip


@pytest.mark.parametrize("path", PAGES)
def test_every_page_reads_in_chinese(client: TestClient, path: str) -> None:
    response = client.get(path, params={"lang": "zh"})
    assert response.status_code == 200, path
    found = untranslated(page_text(response.text))
    assert not found, sorted(set(found))


def test_an_entity_page_reads_in_chinese(client: TestClient) -> None:
    from chinaets.national.readmodel import Listing

    model = client.app.state.data.model  # type: ignore[attr-defined]
    code = model.page("entities", Listing(sort="total_emissions_t", per_page=1)).rows[0][
        "credit_code"
    ]
    response = client.get(f"/entities/{code}", params={"lang": "zh"})
    assert response.status_code == 200
    found = untranslated(page_text(response.text))
    assert not found, sorted(set(found))


def test_why_a_target_is_uncertain_reads_in_the_pages_language(client: TestClient) -> None:
    """The notes are the reader's, not hidden as English: only a cited title keeps its words."""
    zh = client.get("/targets", params={"lang": "zh"}).text
    en = client.get("/targets", params={"lang": "en"}).text
    assert "存疑: 目标" in zh and "UNCERTAIN" not in zh
    assert "UNCERTAIN: target" in en and "存疑" not in en
