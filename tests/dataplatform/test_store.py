"""The operational store: immutable versions, idempotent resubmission, content-addressed files."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from tests.dataplatform.conftest import REPORTS, report, upload

from chinaets.core.errors import InputError
from chinaets.platform.blobs import MAX_FILE_BYTES, evidence_media_type
from chinaets.platform.models import HeadRow, SubmissionFileRow, SubmissionRow
from chinaets.platform.store import PlatformStore, files_folder
from chinaets.platform.submit import submit_one

NOW = dt.datetime(2026, 3, 20, 8, 0, tzinfo=dt.UTC)


def test_a_report_is_stored_with_its_document_result_and_findings(store: PlatformStore) -> None:
    outcome = submit_one(store, upload(report()), "ent-1", NOW)
    assert outcome.status == "stored" and outcome.version == 1
    assert outcome.kind == "report" and outcome.sector == "power" and outcome.year == 2023
    with store.reading() as session:
        row = session.get_one(SubmissionRow, outcome.submission_id)
        assert row.submitter == "ent-1" and row.submitted_at.startswith("2026-03-20T08:00")
        assert '"entity"' in row.document and '"total_tco2"' in row.result
        files = session.scalars(select(SubmissionFileRow)).all()
    assert [f.role for f in files] == ["original"]
    assert store.files.read(files[0].sha256) == upload(report()).files["report.json"]


def test_the_same_file_twice_is_recognised(store: PlatformStore) -> None:
    first = submit_one(store, upload(report()), "ent-1", NOW)
    again = submit_one(store, upload(report(), "renamed.json"), "ent-1", NOW)
    assert again.status == "duplicate" and again.submission_id == first.submission_id
    with store.reading() as session:
        assert len(session.scalars(select(SubmissionRow)).all()) == 1


def test_a_resubmission_supersedes_and_keeps_the_old_version(store: PlatformStore) -> None:
    first = submit_one(store, upload(report()), "ent-1", NOW)
    changed = report()
    changed["fuel_use"][0]["quantity"] += 100
    second = submit_one(store, upload(changed), "ent-1", NOW + dt.timedelta(days=1))
    assert second.status == "stored" and second.version == 2
    with store.reading() as session:
        heads = session.scalars(select(HeadRow)).all()
        old = session.get_one(SubmissionRow, first.submission_id)
    assert [(h.submission_id, h.state) for h in heads] == [(second.submission_id, "resubmitted")]
    assert old.version == 1 and old.total_t == first.total_t != second.total_t


def test_stored_submissions_cannot_be_changed(store: PlatformStore) -> None:
    submit_one(store, upload(report()), "ent-1", NOW)
    with pytest.raises(DBAPIError), store.writing() as session:
        session.execute(text("UPDATE platform_submissions SET total_t = 0"))
    with pytest.raises(DBAPIError), store.writing() as session:
        session.execute(text("DELETE FROM platform_findings"))


@pytest.mark.parametrize("sector", sorted(REPORTS))
def test_every_sector_is_stored(store: PlatformStore, sector: str) -> None:
    outcome = submit_one(store, upload(report(sector)), "ent-1", NOW)
    assert outcome.status == "stored" and outcome.sector == sector and outcome.total_t > 0


def test_files_live_beside_the_database(tmp_path: object) -> None:
    assert str(files_folder("sqlite:////data/x/ets.db")) == "/data/x/ets.db.files"


def test_evidence_is_recognised_by_content_not_name() -> None:
    assert evidence_media_type("scan.pdf", b"%PDF-1.7\n...") == "application/pdf"
    with pytest.raises(InputError, match="PDF"):
        evidence_media_type("scan.pdf", b"MZ\x90\x00 an executable")
    with pytest.raises(InputError, match="more than"):
        evidence_media_type("big.pdf", b"%PDF-" + b"0" * MAX_FILE_BYTES)


def test_blob_names_are_digests_only(store: PlatformStore) -> None:
    sha = store.files.put(b"%PDF-1.4 lab report")
    assert store.files.path(sha).parent.parent == store.files.root
    with pytest.raises(ValueError):
        store.files.path("../../etc/passwd")
