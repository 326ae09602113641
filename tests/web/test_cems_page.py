"""The CEMS page of a unit, over the demo folder with `chinaets cems demo` data beside it."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.web.conftest import TestClient

from chinaets.cems import service
from chinaets.demo.cems_synthetic import cems_demo as write_cems_demo
from chinaets.web.app import create_app


@pytest.fixture(scope="module")
def cems_demo(demo_dir: Path) -> str:
    result = write_cems_demo(demo_dir / "cems", 2023, limit=1)
    assert result["units"] >= 1
    accounts = service.saved_accounts(demo_dir / "cems")
    return str(accounts.column("unit_id")[0])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_unit_page_in_both_languages(demo_dir: Path, cems_demo: str, lang: str) -> None:
    with TestClient(create_app(demo_dir, open_demo=True)) as client:
        page = client.get(f"/cems/{cems_demo}", params={"year": 2023, "month": 3, "lang": lang})
    assert page.status_code == 200
    text = page.text
    assert 'id="chart-cems_hours"' in text and 'id="cems-months"' in text
    assert 'id="cems-reconcile"' in text and "None" not in text
    assert ("逐月数据有效性" in text) == (lang == "zh")
    assert '<script src="/static/charts.js"' in text or "charts.js" in text


def test_unknown_unit_is_not_found(demo_dir: Path, cems_demo: str) -> None:
    with TestClient(create_app(demo_dir, open_demo=True)) as client:
        assert client.get("/cems/NO-SUCH-UNIT", params={"year": 2023}).status_code == 404
