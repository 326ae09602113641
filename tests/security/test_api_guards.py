"""Issue 16: the REST API refuses what the security probe got through (items 2, 4, 5, 6, 9, 12,
14, 16 and the framing header), on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.security.conftest import Api

from chinaets.market import data


def deposit(trader: str, amount: str = "1000000.00", ref: str = "r1") -> dict[str, Any]:
    return {"kind": "deposit", "trader": trader, "amount": amount, "bank_ref": ref}


def test_only_the_clearing_bank_moves_cash(api: Api) -> None:
    own = deposit(api.buyer)
    assert api.post(api.buyer, "/market/commands", own).status_code == 403
    assert api.post("exchange", "/market/commands", own).status_code == 403
    assert api.post("bank", "/market/commands", own).status_code == 200
    again = api.post("bank", "/market/commands", own)  # the same bank transfer twice
    assert again.status_code == 422 and "bank_ref" in again.text
    withdraw = {**deposit(api.buyer, "1000000.01", "w1"), "kind": "withdraw"}
    assert api.post("bank", "/market/commands", withdraw).status_code == 422  # beyond the funds


@pytest.mark.parametrize("amount", ["1e400", "1E+25", "-5", "0", "NaN", "Infinity", "1.001"])
def test_huge_or_malformed_amounts_are_422(api: Api, amount: str) -> None:
    answer = api.post("bank", "/market/commands", deposit(api.buyer, amount))
    assert answer.status_code == 422, answer.text
    raw = f'{{"kind":"deposit","trader":"{api.buyer}","amount":{amount},"bank_ref":"x"}}'
    answer = api.client.post(
        "/market/commands",
        content=raw,
        headers={"Authorization": f"Bearer {api.fleet.tokens['bank']}"},
    )
    assert answer.status_code == 422, answer.text


def test_nul_bytes_duplicate_keys_and_depth_are_422(api: Api) -> None:
    nul = {"kind": "place", "trader": api.seller + "\u0000", "vintage": "2024"}
    assert api.post(api.seller, "/market/commands", nul).status_code == 422
    assert api.get("", "/market/book/2024%00").status_code == 422
    twice = '{"kind":"open_day","kind":"close_day"}'
    token = {"Authorization": f"Bearer {api.fleet.tokens['exchange']}"}
    answer = api.client.post("/market/commands", content=twice, headers=token)
    assert answer.status_code == 422 and "twice" in answer.text
    deep = "[" * 100 + "]" * 100
    assert api.client.post("/market/commands", content=deep, headers=token).status_code == 422


def test_bodies_over_one_megabyte_are_refused_before_parsing(api: Api) -> None:
    big = '{"kind":"open_day","pad":"' + "x" * 1_100_000 + '"}'
    answer = api.client.post("/registry/transfer", content=big)
    assert answer.status_code == 413 and "请求体" in answer.json()["problems"][0]["zh"]


def test_unknown_fields_and_client_times_are_refused(api: Api) -> None:
    order = {"trader": api.seller, "vintage": "2024", "side": "sell", "price": "70.10"}
    order["quantity"] = 100  # type: ignore[assignment]
    assert (
        api.post(api.seller, "/market/orders", {**order, "ts": "2025-07-01T09:31"}).status_code
        == 422
    )
    assert api.post(api.seller, "/market/orders", {**order, "note": "x"}).status_code == 422
    assert api.post(api.seller, "/market/orders", order).status_code == 200


def test_an_auction_application_only_in_ones_own_name(api: Api) -> None:
    other = api.fleet.sellers[1]
    application = {
        "kind": "auction_apply",
        "seller": other,
        "vintage": "2024",
        "quantity": 100000,
        "auction_day": "2025-07-21",
        "window": "10:00-11:00",
        "floor": "previous_close",
        "allocation": "uniform_price",
    }
    assert api.post(api.seller, "/market/commands", application).status_code == 403
    smuggled = {**application, "trader": api.seller}  # the probe's extra field
    assert api.post(api.seller, "/market/commands", smuggled).status_code == 422


def test_identities_in_book_and_trades_only_for_parties_and_exchange(api: Api) -> None:
    assert api.post("bank", "/market/commands", deposit(api.buyer)).status_code == 200
    sell = {"trader": api.seller, "vintage": "2024", "side": "sell", "price": "70.00"}
    assert api.post(api.seller, "/market/orders", {**sell, "quantity": 300}).status_code == 200
    buy = {**sell, "trader": api.buyer, "side": "buy"}
    assert api.post(api.buyer, "/market/orders", {**buy, "quantity": 100}).status_code == 200
    public = api.get("", "/market/book/2024").json()["asks"][0]["orders"][0]
    assert public["trader"] == data.HIDDEN
    assert (
        api.get(api.seller, "/market/book/2024").json()["asks"][0]["orders"][0]["trader"]
        == api.seller
    )
    assert (
        api.get("exchange", "/market/book/2024").json()["asks"][0]["orders"][0]["trader"]
        == api.seller
    )
    trade = api.get("", "/market/trades").json()[0]
    assert trade["buyer"] == trade["seller"] == data.HIDDEN
    mine = api.get(api.buyer, "/market/trades").json()[0]
    assert mine["buyer"] == api.buyer and mine["seller"] == data.HIDDEN
    other = api.fleet.buyers[1]
    assert api.get(other, "/market/trades").json()[0]["buyer"] == data.HIDDEN


def test_responses_forbid_framing(api: Api) -> None:
    answer = api.get("", "/market/bars")
    assert answer.headers["content-security-policy"] == "frame-ancestors 'none'"
    assert answer.headers["x-frame-options"] == "DENY"


def test_csv_cells_cannot_start_a_formula() -> None:
    rows = [{"name": '=HYPERLINK("http://x")', "b": "+1", "c": "@SUM(A1)", "d": "70.00"}]
    line = data.to_csv(rows).splitlines()[1]
    assert line.startswith("\"'=HYPERLINK") and ",'+1,'@SUM(A1),70.00" in line


def test_excel_exports_store_formula_text_as_text(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from chinaets.inputs.excel import write_tables

    path = tmp_path / "out.xlsx"
    rows = [{"name": '=HYPERLINK("http://x","y")', "n": -5, "nul": "a\x00b\x1b"}]
    write_tables(path, {"t": rows})  # NUL and ESC cannot go into XLSX: removed, no traceback
    sheet = load_workbook(path)["t"]
    cell, number = sheet["A2"], sheet["B2"]
    assert cell.data_type == "s" and cell.value.startswith("'=") and number.value == -5
    assert sheet["C2"].value == "ab"
