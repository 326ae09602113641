"""Monthly deposits: validated month data and evidence; late, missing and differing deposits
become findings of the deposit or of the annual report reconciled against them."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import select
from tests.dataplatform.conftest import report, upload

from chinaets.platform.models import FindingRow, SubmissionFileRow
from chinaets.platform.store import PlatformStore
from chinaets.platform.submit import Upload, submit_one

PDF = b"%PDF-1.7\n% March lab report\n"


def _year_2025() -> dict[str, Any]:
    return report(year=2025)


def _deposit(month: int, change: float = 0.0, evidence: bool = False) -> Upload:
    data = _year_2025()
    head = {"sector": "power", **data["entity"], "year": 2025, "month": month,
            "evidence": ["lab.pdf"] if evidence else []}  # fmt: skip
    tables = {
        t: [dict(r) for r in data[t] if r["month"] == month]
        for t in ("fuel_use", "lab_results", "production")
    }
    tables = {t: rows for t, rows in tables.items() if rows}
    if change:
        tables["fuel_use"][0]["quantity"] += change
    body = json.dumps({"deposit": head, **tables}, ensure_ascii=False).encode()
    return Upload(f"deposit-{month}.json", {f"deposit-{month}.json": body},
                  {"lab.pdf": PDF} if evidence else {})  # fmt: skip


def _at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(day + "T02:00:00+00:00")


def _codes(store: PlatformStore, submission_id: int | None) -> list[tuple[str, int | None]]:
    with store.reading() as session:
        rows = session.scalars(select(FindingRow).where(FindingRow.submission_id == submission_id))
        return sorted((f.code, f.month) for f in rows if f.source == "deposit")


def test_a_deposit_keeps_its_evidence(store: PlatformStore) -> None:
    outcome = submit_one(store, _deposit(1, evidence=True), "ent", _at("2025-10-01"))
    assert outcome.status == "stored" and outcome.kind == "deposit" and outcome.month == 1
    with store.reading() as session:
        files = {f.name: f for f in session.scalars(select(SubmissionFileRow))}
    assert files["lab.pdf"].role == "evidence" and store.files.read(files["lab.pdf"].sha256) == PDF
    assert _codes(store, outcome.submission_id) == []


def test_late_missing_and_differing_deposits_are_findings(store: PlatformStore) -> None:
    submit_one(store, _deposit(1), "ent", _at("2025-10-01"))
    late = submit_one(store, _deposit(2, change=500), "ent", _at("2025-11-05"))
    assert _codes(store, late.submission_id) == [("DEP-LATE", 2)]
    annual = submit_one(store, upload(_year_2025()), "ent", _at("2026-03-20"))
    found = _codes(store, annual.submission_id)
    assert [m for c, m in found if c == "DEP-MISSING"] == list(range(3, 13))
    assert ("DEP-DIFF", 2) in found and ("DEP-DIFF", 1) not in found
    with store.reading() as session:
        diff = session.scalars(select(FindingRow).where(FindingRow.code == "DEP-DIFF")).first()
    assert diff is not None and diff.field == "fuel_use.quantity" and diff.tco2_at_stake > 0
    assert diff.en.endswith("140000.0 in the annual report but 140500.0 in the deposit")


def test_an_early_deposit_is_a_warning(store: PlatformStore) -> None:
    outcome = submit_one(store, _deposit(1), "ent", _at("2025-01-20"))
    assert _codes(store, outcome.submission_id) == [("DEP-EARLY", 1)]
