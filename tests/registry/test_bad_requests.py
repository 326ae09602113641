"""The bad-request corpus: each gets a bilingual error naming the field and the fix, and
nothing is written."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select
from tests.registry.support import open_enterprise, run, uscc

from chinaets.core.errors import InputError
from chinaets.registry import audit
from chinaets.registry import records as r
from chinaets.registry.models import BlockRow, TransactionRow
from chinaets.registry.serials import unit_class
from chinaets.registry.service import Registry

A, B = f"ENT-{uscc(1)}", f"ENT-{uscc(2)}"
GOOD = {"source": A, "destination": B, "unit": "CEA-2021", "quantity": 10}

# (name, op, body, field named in the error, words expected in the English message)
CORPUS: list[tuple[str, str, dict[str, Any], str, str]] = [
    ("unknown account", "transfer", {**GOOD, "destination": "ENT-X"}, "destination", "no account"),
    ("unknown source", "transfer", {**GOOD, "source": "CLR-NOPE"}, "source", "no account"),
    (
        "wrong vintage",
        "transfer",
        {**GOOD, "unit": "CEA-2019"},
        "unit.vintage",
        "not an allowance vintage",
    ),
    ("vintage not held", "transfer", {**GOOD, "unit": "CEA-2022"}, "quantity", "has 0 free"),
    ("over-spend", "transfer", {**GOOD, "quantity": 1001}, "quantity", "1000 free"),
    ("zero quantity", "transfer", {**GOOD, "quantity": 0}, "quantity", "at least 1"),
    ("fractional quantity", "transfer", {**GOOD, "quantity": 1.5}, "quantity", "whole number"),
    ("quantity as text", "transfer", {**GOOD, "quantity": "10"}, "quantity", "whole number"),
    (
        "missing field",
        "transfer",
        {k: v for k, v in GOOD.items() if k != "unit"},
        "unit",
        "missing",
    ),
    ("unknown field", "transfer", {**GOOD, "amount": 3}, "amount", "not a field"),
    ("malformed unit", "transfer", {**GOOD, "unit": {"kind": "CEA"}}, "unit", "malformed"),
    ("unknown unit kind", "transfer", {**GOOD, "unit": "EUA-2021"}, "unit", "not a unit class"),
    (
        "serials of other unit",
        "transfer",
        {**GOOD, "serials": "CEA-2022-000000000001..000000000010"},
        "serials",
        "not CEA-2021",
    ),
    ("bad serial", "transfer", {**GOOD, "serials": "CEA-2021-1..2"}, "serials", "not a serial"),
    (
        "serials not held",
        "transfer",
        {**GOOD, "serials": "CEA-2021-000000002001..000000002010"},
        "serials",
        "does not hold",
    ),
    ("self transfer", "transfer", {**GOOD, "destination": A}, "destination", "same account"),
    ("frozen source", "transfer", {**GOOD, "source": "FROZEN"}, "source", "judicially frozen"),
    ("unknown op", "mint", GOOD, "op", "unknown operation"),
    ("body not an object", "transfer", [1, 2], "body", "JSON object"),  # type: ignore[list-item]
    (
        "bad credit code",
        "open_account",
        {"kind": "holding", "holder": "91420100MA0000001X", "name": "n", "province": "42"},
        "holder",
        "unified social credit code",
    ),
    (
        "bad province",
        "open_account",
        {"kind": "holding", "holder": uscc(5), "name": "n", "province": "99"},
        "province",
        "province code",
    ),
    (
        "system account",
        "open_account",
        {"kind": "supply", "holder": "X", "name": "n"},
        "kind",
        "init",
    ),
    (
        "2019-2024 vintage for 2025 (D25 §五(一))",
        "surrender",
        {
            "account": A,
            "unit": "CEA-2024",
            "quantity": 1,
            "obligation": {"entity": uscc(1), "compliance_year": 2025},
        },
        "unit.vintage",
        "cannot settle",
    ),
    (
        "someone else's obligation",
        "surrender",
        {
            "account": A,
            "unit": "CEA-2021",
            "quantity": 1,
            "obligation": {"entity": uscc(2), "compliance_year": 2021},
        },
        "account",
        "not the holding account",
    ),
    (
        "offsetting with CEA",
        "cancel",
        {
            "account": A,
            "unit": "CEA-2021",
            "quantity": 1,
            "reason": "offsetting",
            "obligation": {"entity": uscc(1), "compliance_year": 2021},
        },
        "unit.kind",
        "takes CCER",
    ),
    (
        "bad reason",
        "cancel",
        {"account": A, "unit": "CEA-2021", "quantity": 1, "reason": "lost"},
        "reason",
        "not allowed",
    ),
    (
        "CCER from a province",
        "issue",
        {
            "issuer": "PRV-42",
            "account": A,
            "unit": "CCER-P1-2024",
            "quantity": 1,
            "issue_kind": "ccer",
        },
        "issuer",
        "MEE account only",
    ),
    (
        "issue kind mismatch",
        "issue",
        {"issuer": "MEE", "account": A, "unit": "CEA-2021", "quantity": 1, "issue_kind": "ccer"},
        "issue_kind",
        "does not fit",
    ),
    (
        "carry-over too much",
        "carry_over",
        {"account": A, "quantity": 5000, "notice_ref": "n"},
        "quantity",
        "2019-2020 to 2024",
    ),
    (
        "unfreeze unknown",
        "unfreeze",
        {"freeze_id": 99, "order_ref": "x"},
        "freeze_id",
        "no active freeze",
    ),
]


@pytest.fixture
def ledger(registry: Registry) -> Registry:
    open_enterprise(registry, 1)
    open_enterprise(registry, 2)
    run(registry, r.OpenAccount(r.AccountKind.PROVINCIAL_ISSUING, "42", "湖北"))
    run(registry, r.OpenAccount(r.AccountKind.CLEARING, "FROZEN", "frozen exchange"))
    run(registry, r.Issue("MEE", A, unit_class("CEA", "2021"), 1000, r.IssueKind.PRE_ALLOCATION))
    run(registry, r.Issue("MEE", A, unit_class("CEA", "2023"), 5, r.IssueKind.TRUE_UP))
    run(registry, r.Freeze("CLR-FROZEN", "court order"))
    return registry


def _snapshot(registry: Registry) -> tuple[int, int, tuple[int, str]]:
    with registry.reading() as session:
        txs = session.scalar(select(func.count()).select_from(TransactionRow)) or 0
        blocks = session.scalar(select(func.count()).select_from(BlockRow)) or 0
        return int(txs), int(blocks), audit.head(session)


@pytest.mark.parametrize(
    ("name", "op", "body", "field", "words"), CORPUS, ids=[c[0] for c in CORPUS]
)
def test_bad_request(
    ledger: Registry, name: str, op: str, body: Any, field: str, words: str
) -> None:
    if isinstance(body, dict) and body.get("source") == "FROZEN":
        body = {**body, "source": "CLR-FROZEN"}
    before = _snapshot(ledger)
    rid = "bad-" + name.replace(" ", "-")
    payload = {"request_id": rid, **body} if isinstance(body, dict) else body
    with pytest.raises(InputError) as caught:
        if isinstance(payload, dict):
            ledger.submit(r.SYSTEM, op, payload)
        else:
            from chinaets.registry.parse import parse_request

            parse_request(op, payload)
    problems = caught.value.problems
    matching = [p for p in problems if p.where.field == field]
    assert matching, f"no problem names field {field}: {caught.value.render()}"
    problem = matching[0]
    assert words in problem.en
    assert problem.zh and problem.fix_en and problem.fix_zh
    assert any("\u4e00" <= ch <= "\u9fff" for ch in problem.zh)  # the Chinese text is Chinese
    assert _snapshot(ledger) == before


def test_missing_request_id_is_refused(ledger: Registry) -> None:
    with pytest.raises(InputError, match="client request id"):
        ledger.submit(r.SYSTEM, "transfer", GOOD)


def test_all_problems_are_reported_at_once(ledger: Registry) -> None:
    with pytest.raises(InputError) as caught:
        ledger.submit(r.SYSTEM, "transfer", {"request_id": "x", "unit": "CEA-1999", "quantity": -1})
    fields = {p.where.field for p in caught.value.problems}
    assert {"source", "destination", "unit.vintage", "quantity"} <= fields
