"""The thin shells over the bridge: `chinaets cbam`, the REST router and the dashboard pages."""

from __future__ import annotations

import json
from pathlib import Path

from tests.registry.support import TestClient
from typer.testing import CliRunner

from chinaets.api.app import create_app as create_api
from chinaets.cbam import store
from chinaets.cbam.bridge import compute_file
from chinaets.cbam.communication import summary_json
from chinaets.cbam.demo import plant_exports
from chinaets.cli.main import app
from chinaets.national.readmodel import FOLDER, build_read_model
from chinaets.registry.settings import RegistrySettings
from chinaets.web.app import create_app as create_web

EXAMPLES = Path(__file__).parents[2] / "examples"
STEEL = [
    str(EXAMPLES / "steel-report-2024.json"),
    "--goods",
    str(EXAMPLES / "cbam/steel-goods-2024.csv"),
]
BAD = Path(__file__).parent / "bad_inputs"


def test_cli_prints_bilingual_tables_and_writes_the_communication(tmp_path: Path) -> None:
    xlsx, out = tmp_path / "c.xlsx", tmp_path / "c.json"
    result = CliRunner().invoke(
        app, ["cbam", *STEEL, "--xlsx", str(xlsx), "--out-json", str(out), "--trace"]
    )
    assert result.exit_code == 0, result.output
    for text in ("CBAM 商品", "生铁", "Boundary differences", "边界差异", "2025/2620"):
        assert text in result.output
    assert xlsx.stat().st_size > 1000
    assert json.loads(out.read_text("utf-8"))["figures"]["import_year"] == 2026


def test_cli_json_and_options() -> None:
    result = CliRunner().invoke(app, ["cbam", *STEEL, "--json", "--import-year", "2028", "--allocation", "700000",
                                      "--cea-price", "80", "--fx", "8"])  # fmt: skip
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)["figures"]
    assert figures["goods"]["72083900"]["markup"] == 0.3
    assert figures["carbon_price"]["shortfall_tco2"] == 102803


def test_cli_refuses_bad_goods_with_exit_2() -> None:
    args = [STEEL[0], "--goods", str(BAD / "outside_cbam.csv")]
    result = CliRunner().invoke(app, ["cbam", *args])
    assert result.exit_code == 2
    assert "outside the CBAM" in result.output and "不属于 CBAM" in result.output


def _request() -> dict[str, object]:
    report = json.loads((EXAMPLES / "aluminium-report-2025.json").read_text("utf-8"))
    goods = [
        {"kind": "good", "cn_code": "7601", "route": "K", "produced_t": 286000, "exported_t": 2500}
    ]
    return {
        "sector": "aluminium",
        "report": report,
        "goods": goods,
        "options": {"import_year": 2026, "balance_value": 1.577},  # the sector's BP, as published
    }


def test_rest_compute_and_workbook() -> None:
    api = create_api(
        "sqlite://", RegistrySettings("sqlite://", "cbam-test-pepper-Xq2Lr8Vn4Kd7Wm3Z")
    )
    with TestClient(api) as client:
        response = client.post("/cbam/compute", json=_request())
        assert response.status_code == 200, response.text
        assert response.json()["figures"]["goods"]["7601"]["see_indirect"] == 0
        book = client.post("/cbam/communication.xlsx", json=_request())
        assert book.status_code == 200 and book.content[:2] == b"PK"
        bad = client.post(
            "/cbam/compute",
            json={**_request(), "goods": [{"kind": "good", "cn_code": "7204", "produced_t": 1}]},
        )
        assert bad.status_code == 422
        assert "outside the CBAM" in bad.text and "field" in bad.json()["problems"][0]["where"]


def test_dashboard_pages(tmp_path: Path) -> None:
    build_read_model([], tmp_path / FOLDER)  # the dashboard needs a read model
    result = compute_file(
        EXAMPLES / "steel-report-2024.json", EXAMPLES / "cbam/steel-goods-2024.csv"
    )
    code = result.installation.credit_code
    store.write(
        tmp_path,
        [p.as_dict() for p in plant_exports("steel", [result])],
        {code: summary_json(result)},
    )
    with TestClient(create_web(tmp_path, open_demo=True)) as client:
        listing = client.get("/cbam?lang=zh")
        assert (
            listing.status_code == 200
            and f"/cbam/{code}" in listing.text
            and "钢铁" in listing.text
        )
        page = client.get(f"/cbam/{code}?lang=en")
        assert page.status_code == 200 and "EUR saved by verified data" in page.text
        assert "cbam-boundary" in page.text
        assert client.get("/cbam/..%2Fetc").status_code == 404
        assert client.get("/cbam/91000000UNKNOWN00").status_code == 404


def test_cli_refuses_bad_options_and_a_sector_outside_the_cbam() -> None:
    result = CliRunner().invoke(app, ["cbam", *STEEL, "--import-year", "2025"])
    assert result.exit_code == 2 and "2026" in result.output and "正式期" in result.output
    power = [str(EXAMPLES / "power-report-2023.json"), "--goods", STEEL[2]]
    result = CliRunner().invoke(app, ["cbam", *power])
    assert result.exit_code == 2 and "no mapping for sector 'power'" in result.output


def test_rest_refuses_bad_options() -> None:
    api = create_api(
        "sqlite://", RegistrySettings("sqlite://", "cbam-test-pepper-Xq2Lr8Vn4Kd7Wm3Z")
    )
    with TestClient(api) as client:
        bad = client.post("/cbam/compute", json={**_request(), "options": {"quarter": 7}})
        assert bad.status_code == 422 and "quarter" in bad.text
        unknown = client.post("/cbam/compute", json={**_request(), "options": {"speed": 1}})
        assert unknown.status_code == 422 and "unknown option" in unknown.text
        # issue 16: a request body names only known fields; the extra one is named, not echoed
        extra = client.post("/cbam/compute", json={**_request(), "trader": "SECRET-VALUE"})
        assert extra.status_code == 422 and "unknown field 'trader'" in extra.text
        assert "未知字段" in extra.text and "SECRET-VALUE" not in extra.text
