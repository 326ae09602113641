"""A batch with broken, duplicated, oversized and hostile files: the good ones are stored, each
bad one refused with a located bilingual message, and nothing already stored is lost."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select
from tests.dataplatform.conftest import REPORTS, report

from chinaets.platform.blobs import MAX_FILE_BYTES
from chinaets.platform.intake import gather
from chinaets.platform.models import SubmissionRow
from chinaets.platform.store import PlatformStore
from chinaets.platform.submit import submit_batch

BAD = Path(__file__).parent / "bad_inputs"
CODE = report()["entity"]["credit_code"]
REFUSED = {
    "broken.json": "not valid JSON",
    "program.exe": "not a report or deposit",
    "notes.txt": "not a report or deposit",
    "traversal.zip": "outside itself",
    "bomb.zip": "zip bomb",
    "link.zip": "a link",
    "not_a.zip": "not a readable ZIP",
    "oversized.json": "more than",
    "deposit_missing_evidence": "was not received",
    "deposit_fake_pdf": "must be a PDF",
    "deposit_wrong_month": "row of month 4",
}


def _batch(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "batch"
    shutil.copytree(BAD, folder)
    with (folder / "oversized.json").open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    shutil.copy(REPORTS["cement"], folder / "cement.json")
    shutil.copy(REPORTS["cement"], folder / "cement-again.json")
    with zipfile.ZipFile(folder / "reports.zip", "w") as archive:
        archive.write(REPORTS["steel"], "2024/steel.json")
    return sorted(folder.iterdir())


def test_a_hostile_batch_stores_the_good_and_refuses_the_rest(
    store: PlatformStore, tmp_path: Path
) -> None:
    kept = submit_batch(store, gather([REPORTS["power"]])[0], "ent")[0]
    uploads, refused = gather(_batch(tmp_path))
    outcomes = refused + submit_batch(store, uploads, "ent")
    status = {Path(o.name).name: o.status for o in outcomes}
    assert status["steel.json"] == "stored"
    assert sorted([status["cement.json"], status["cement-again.json"]]) == ["duplicate", "stored"]
    for name, message in REFUSED.items():
        found = [o for o in outcomes if name in o.name and o.status == "refused"]
        assert found, f"{name} was not refused: {status.get(name)}"
        problems = [p for o in found for p in o.problems]
        assert any(message in p.en for p in problems), (name, [p.en for p in problems])
        assert all(p.zh and p.where.file and name in p.where.file for p in problems)
    assert not (tmp_path.parent / "escaped.json").exists()
    with store.reading() as session:
        count = session.scalar(select(func.count()).select_from(SubmissionRow))
        first = session.get_one(SubmissionRow, kept.submission_id)
    assert count == 3 and json.loads(first.document)["entity"]["credit_code"] == CODE


def test_a_missing_path_is_refused_by_name(tmp_path: Path) -> None:
    uploads, refused = gather([tmp_path / "nowhere.json"])
    assert not uploads and "nowhere.json" in refused[0].name
    assert "does not exist" in refused[0].problems[0].en


@pytest.mark.parametrize("name", ["../x.json", "/etc/passwd", "a\\..\\..\\b.json"])
def test_no_archive_name_escapes(tmp_path: Path, name: str) -> None:
    archive_path = tmp_path / "a.zip"
    with zipfile.ZipFile(archive_path, "w") as archive:
        archive.writestr(name, "{}")
    uploads, refused = gather([archive_path])
    assert not uploads and refused[0].status == "refused"
