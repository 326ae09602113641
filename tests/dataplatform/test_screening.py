"""Screening: one list of findings across a province or the nation, weighed in tonnes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import text
from tests.dataplatform.conftest import report, upload

from chinaets.core.errors import InputError
from chinaets.platform import screening
from chinaets.platform.export import workbook
from chinaets.platform.screening import ScreeningQuery
from chinaets.platform.store import PlatformStore
from chinaets.platform.submit import submit_one
from chinaets.registry.records import SYSTEM, Actor, Role

NOW = dt.datetime(2026, 4, 1, 2, 0, tzinfo=dt.UTC)


def _fill(store: PlatformStore) -> None:
    power = report()
    elsewhere = report()
    elsewhere["entity"] = dict(
        elsewhere["entity"], province="湖北", credit_code="91420100MA4K2XRE6Q"
    )
    for data in (power, elsewhere, report("cement")):
        assert submit_one(store, upload(data), "ent", NOW).status == "stored"


def test_the_list_is_scoped_sorted_and_weighed(store: PlatformStore) -> None:
    _fill(store)
    shandong = Actor("sd", Role.PROVINCIAL, "37")
    with store.reading() as session:
        national, total = screening.screen(session, SYSTEM, ScreeningQuery(limit=1000))
        local, local_total = screening.screen(session, shandong, ScreeningQuery(limit=1000))
        errors, _ = screening.screen(session, SYSTEM, ScreeningQuery(severity="error"))
    assert total == len(national) > local_total == len(local) > 0
    assert {r.province for r in national} == {"Shandong", "Hubei"}
    assert {r.province for r in local} == {"Shandong"}
    stakes = [r.tco2_at_stake for r in national]
    assert stakes == sorted(stakes, reverse=True) and stakes[0] > 0
    assert {r.severity for r in errors} == {"error"}
    switch = next(r for r in national if r.code == "PWR-CC-SWITCH")
    assert (switch.unit_id, switch.month, switch.field) == ("U1", 2, "lab_results.carbon_pct")


def test_paging_and_search(store: PlatformStore) -> None:
    _fill(store)
    with store.reading() as session:
        whole, _ = screening.screen(
            session, SYSTEM, ScreeningQuery(sort="code", descending=False, limit=1000)
        )
        page, _ = screening.screen(
            session, SYSTEM, ScreeningQuery(sort="code", descending=False, offset=2, limit=2)
        )
        found, n = screening.screen(session, SYSTEM, ScreeningQuery(search="湖北"))
    assert [r.code for r in page] == [r.code for r in whole[2:4]]
    assert n == 0 and not found  # province names are columns, not message text


def test_an_enterprise_sees_only_its_own(store: PlatformStore) -> None:
    _fill(store)
    own = Actor("e", Role.ENTERPRISE, "91420100MA4K2XRE6Q")
    with store.reading() as session:
        rows, _ = screening.screen(session, own, ScreeningQuery(limit=1000))
    assert rows and {r.credit_code for r in rows} == {"91420100MA4K2XRE6Q"}


def test_entities_ranked_by_risk_and_exported(store: PlatformStore) -> None:
    _fill(store)
    with store.reading() as session:
        risks = screening.risk_ranking(session, SYSTEM, ScreeningQuery())
        rows = screening.all_rows(session, SYSTEM, ScreeningQuery())
    stakes = [r.tco2_at_stake for r in risks]
    assert len(risks) == 3 and stakes == sorted(stakes, reverse=True)
    book = load_workbook(io.BytesIO(workbook(rows, risks)))
    sheet = book["screening 筛查"]
    assert sheet.max_row == len(rows) + 1
    assert str(sheet["A1"].value).startswith("严重程度") and "tCO2" in str(sheet["L1"].value)
    assert book["risk 风险排序"].max_row == 4


def test_the_fast_ranking_agrees_with_the_findings(store: PlatformStore) -> None:
    _fill(store)
    with store.reading() as session:
        fast = screening.risk_ranking(session, SYSTEM, ScreeningQuery())
        slow = screening._ranked_findings(session, SYSTEM, ScreeningQuery(), 50)
    assert [(r.credit_code, r.sector, r.errors, r.warnings) for r in fast] == [
        (r.credit_code, r.sector, r.errors, r.warnings) for r in slow
    ]
    assert [round(r.tco2_at_stake, 3) for r in fast] == [round(r.tco2_at_stake, 3) for r in slow]


def _walk(store: PlatformStore, query: ScreeningQuery) -> list[int | None]:
    """Every finding id of the list, page by page through the `after` cursor."""
    seen: list[int | None] = []
    after = None
    with store.reading() as session:
        while True:
            page = dataclasses.replace(query, after=after)
            rows, _ = screening.screen(session, SYSTEM, page)
            seen += [r.finding_id for r in rows]
            after = screening.cursor_after(page, rows)
            if after is None:
                return seen


def test_keyset_pages_walk_the_same_list_as_offsets(store: PlatformStore) -> None:
    _fill(store)
    for sort, descending in (("tco2_at_stake", True), ("credit_code", False), ("month", False),
                             ("severity", False), ("code", True)):  # fmt: skip
        whole_query = ScreeningQuery(sort=sort, descending=descending, limit=1000)
        with store.reading() as session:
            whole, total = screening.screen(session, SYSTEM, whole_query)
        walked = _walk(store, dataclasses.replace(whole_query, limit=3))
        assert walked == [r.finding_id for r in whole] and len(walked) == total > 6, sort


def test_a_cursor_of_another_order_or_garbage_is_refused(store: PlatformStore) -> None:
    _fill(store)
    first = ScreeningQuery(limit=2)
    with store.reading() as session:
        rows, _ = screening.screen(session, SYSTEM, first)
        after = screening.cursor_after(first, rows)
        assert after is not None
        for query in (ScreeningQuery(sort="code", after=after), ScreeningQuery(after="x!")):
            with pytest.raises(InputError) as refused:
                screening.screen(session, SYSTEM, query)
            assert "after" in str(refused.value) and "游标" in str(refused.value)


def test_search_finds_message_code_and_entity_name_through_the_text_index(
    store: PlatformStore,
) -> None:
    _fill(store)
    with store.reading() as session:
        whole, _ = screening.screen(session, SYSTEM, ScreeningQuery(limit=1000))
        name = session.execute(text("SELECT name FROM platform_submissions LIMIT 1")).scalar_one()
        for term in ("pwr-cc-sw", "Carbon", name[1:5], "91420100MA4K"):
            found, n = screening.screen(session, SYSTEM, ScreeningQuery(search=term, limit=1000))
            low = term.lower()
            expected = [r for r in whole if low in f"{r.en} {r.zh} {r.code} {r.credit_code} "
                        f"{r.name}".lower()]  # fmt: skip
            assert n == len(found) == len(expected) > 0, term
            assert {r.finding_id for r in found} == {r.finding_id for r in expected}
        found, n = screening.screen(session, SYSTEM, ScreeningQuery(search="PWR", limit=1000))
        second, m = screening.screen(
            session, SYSTEM, ScreeningQuery(search="PWR", offset=1, limit=2)
        )
        past, k = screening.screen(session, SYSTEM, ScreeningQuery(search="PWR", offset=n))
        assert [r.finding_id for r in second] == [r.finding_id for r in found[1:3]]
        assert m == k == n > 3 and not past
        none, zero = screening.screen(session, SYSTEM, ScreeningQuery(search="100%_"))
        assert zero == 0 and not none  # LIKE wildcards in the search are plain characters
