"""Storing submissions: each file validated, accounted, checked, then stored whole in one
transaction, or refused with its located bilingual problems. A batch never loses what it
stored: every file has its own transaction.

Versions: the first submission of an entity's report (or deposit) for a period is version 1;
each later one with different content is the next version and supersedes it (the head moves,
the old version stays readable). The same content again is recognised by its SHA-256 and
answered with the version that holds it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from chinaets.core.errors import ChinaetsError, InputError, Location, Problem
from chinaets.platform import access, deposits, reconcile
from chinaets.platform.blobs import DATA_TYPES, MAX_FILE_BYTES, evidence_media_type, too_large
from chinaets.platform.models import (
    BlobRow,
    FindingRow,
    HeadRow,
    ReviewEventRow,
    SubmissionFileRow,
    SubmissionRow,
)  # fmt: skip
from chinaets.platform.prepare import prepare_report
from chinaets.platform.records import Outcome, Prepared
from chinaets.platform.store import PlatformStore
from chinaets.registry.errors import AccessDenied
from chinaets.registry.records import Actor

CHINA = dt.timezone(dt.timedelta(hours=8))
Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Upload:
    """One submission as received: its name, its file(s) (one, or the CSV files of a report
    folder) and the evidence files beside it that a deposit may name."""

    name: str
    files: Mapping[str, bytes]
    evidence: Mapping[str, bytes] = field(default_factory=dict)

    def content_sha256(self) -> str:
        if len(self.files) == 1:
            return hashlib.sha256(next(iter(self.files.values()))).hexdigest()
        listing = "".join(
            f"{n}\0{hashlib.sha256(b).hexdigest()}\n" for n, b in sorted(self.files.items())
        )
        return hashlib.sha256(listing.encode()).hexdigest()


def submit_batch(
    store: PlatformStore, uploads: Iterable[Upload], submitter: str, clock: Clock = utc_now,
    actor: Actor | None = None, kind: str | None = None,
) -> list[Outcome]:  # fmt: skip
    """Every upload's outcome, in order; the valid ones are stored. With an `actor` (REST, web)
    each upload must be for an entity the actor may submit for; with a `kind`, of that kind."""
    return [submit_one(store, u, submitter, clock(), actor, kind) for u in uploads]


def submit_one(
    store: PlatformStore, upload: Upload, submitter: str, now: dt.datetime,
    actor: Actor | None = None, kind: str | None = None,
) -> Outcome:  # fmt: skip
    known = _known(store, upload, actor, kind)
    if known is not None:  # the same bytes again: answered without accounting them twice
        return known
    try:
        prepared = prepare(upload)
        _admit(prepared, upload.name, actor, kind)
    except InputError as exc:
        return Outcome(upload.name, "refused", problems=tuple(exc.problems))
    except ChinaetsError as exc:
        return Outcome(upload.name, "refused", problems=(_problem(upload.name, str(exc)),))
    try:
        with store.writing() as session:
            return _store(session, store, prepared, upload, submitter, now)
    except IntegrityError:  # the same version stored meanwhile by another client
        return Outcome(upload.name, "refused", problems=(_problem(upload.name, "submitted "
                       "concurrently with another version; send it again"),))  # fmt: skip


def _known(
    store: PlatformStore, upload: Upload, actor: Actor | None, kind: str | None
) -> Outcome | None:
    """The stored submission with the same content, if the caller may see it (identical bytes
    are the same report or deposit, so they name the same entity and period)."""
    with store.reading() as session:
        row = session.scalars(
            select(SubmissionRow).where(SubmissionRow.content_sha256 == upload.content_sha256())
        ).first()
    if row is None or (kind is not None and row.kind != kind):
        return None
    if actor is not None and not access.sees(actor, row.province, row.credit_code):
        return None
    return _outcome(upload.name, "duplicate", row)


def _admit(prepared: Prepared, name: str, actor: Actor | None, kind: str | None) -> None:
    if kind is not None and prepared.kind != kind:
        raise InputError.one(Location(name), f"this is a {prepared.kind}, not a {kind}",
                             "文件类型与接口不符", f"send {prepared.kind}s to their own endpoint",
                             "请使用对应的提交接口")  # fmt: skip
    if actor is not None:
        try:
            access.require_submit(actor, prepared.credit_code)
        except AccessDenied as exc:
            raise InputError.one(Location(name, field="entity.credit_code"), exc.en, exc.zh,
                                 exc.fix_en, exc.fix_zh) from None  # fmt: skip


def _problem(name: str, en: str) -> Problem:
    return Problem(Location(name), en, "文件无法处理：" + en, "correct the file and send it again",
                   "请修改文件后重新提交")  # fmt: skip


def prepare(upload: Upload) -> Prepared:
    """Validate, account and check an upload (refusing oversized or unknown files)."""
    for name, data in upload.files.items():
        if len(data) > MAX_FILE_BYTES:
            raise too_large(name, len(data))
    if len(upload.files) == 1:
        name, data = next(iter(upload.files.items()))
        if name.lower().endswith(".json"):
            document = _json(name, data)
            if deposits.is_deposit(document):
                return deposits.prepare_deposit(document, upload.name, upload.evidence)
    with tempfile.TemporaryDirectory(prefix="chinaets-submit-") as folder:
        return prepare_report(_materialise(upload, Path(folder)), upload.name)


def _json(name: str, data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise InputError.one(Location(name), f"not valid JSON: {exc}", "不是有效的 JSON 文件",
                             "save the file as UTF-8 JSON", "请另存为 UTF-8 编码的 JSON") from None  # fmt: skip


def _materialise(upload: Upload, folder: Path) -> Path:
    """The upload as the sectors' loaders read it: one file, or a folder of CSV files."""
    if len(upload.files) == 1:
        name, data = next(iter(upload.files.items()))
        suffix = Path(name).suffix.lower()
        if suffix not in (".json", ".xlsx", ".xlsm"):
            raise InputError.one(Location(upload.name), "not a report file", "不是排放报告文件",
                "send a .json, an .xlsx workbook or a folder of .csv files",
                "请提交 .json、.xlsx 工作簿或 .csv 文件夹")  # fmt: skip
        target = folder / _safe_name(name, f"report{suffix}")
        target.write_bytes(data)
        return target
    report = folder / _safe_name(upload.name, "report")
    report.mkdir()
    for name, data in upload.files.items():
        (report / Path(name).name).write_bytes(data)
    return report


def _safe_name(name: str, fallback: str) -> str:
    """The last part of a user's name for a file, if harmless (so that errors name it)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    ok = base and not base.startswith(".") and all(c.isalnum() or c in "-_. " for c in base)
    return base if ok else fallback


def _store(
    session: Session, store: PlatformStore, prepared: Prepared, upload: Upload, submitter: str,
    now: dt.datetime,
) -> Outcome:  # fmt: skip
    sha = upload.content_sha256()
    slot = (prepared.kind, prepared.credit_code, prepared.sector, prepared.year, prepared.month)
    same = session.scalars(select(SubmissionRow).where(*_slot(slot),
                           SubmissionRow.content_sha256 == sha)).first()  # fmt: skip
    if same is not None:
        return _outcome(upload.name, "duplicate", same)
    received = now.astimezone(CHINA).date()
    if prepared.kind == "report":
        prepared.findings.extend(reconcile.reconcile(prepared, _deposits(session, slot), received))
    else:
        prepared.findings.extend(deposits.timing_findings(prepared, received))
    head = session.get(HeadRow, slot)
    latest = session.scalar(select(func.max(SubmissionRow.version)).where(*_slot(slot)))
    row = _submission(prepared, upload, sha, submitter, now, (latest or 0) + 1)
    session.add(row)
    session.flush()
    _files(session, store, row.id, upload, prepared, now)
    session.add_all(_findings(row, prepared))
    _move_head(session, slot, row, head, submitter, now)
    return _outcome(upload.name, "stored", row)


def _slot(slot: tuple[str, str, str, int, int]) -> list[Any]:
    kind, code, sector, year, month = slot
    s = SubmissionRow
    return [s.kind == kind, s.credit_code == code, s.sector == sector, s.year == year,
            s.month == month]  # fmt: skip


def _deposits(session: Session, slot: tuple[str, str, str, int, int]) -> dict[int, Any]:
    _, code, sector, year, _ = slot
    rows = session.execute(
        select(SubmissionRow.month, SubmissionRow.document)
        .join(HeadRow, HeadRow.submission_id == SubmissionRow.id)
        .where(HeadRow.kind == "deposit", HeadRow.credit_code == code,
               HeadRow.sector == sector, HeadRow.year == year)
    )  # fmt: skip
    return {month: json.loads(document) for month, document in rows}


def _submission(
    p: Prepared, upload: Upload, sha: str, submitter: str, now: dt.datetime, version: int
) -> SubmissionRow:
    return SubmissionRow(
        kind=p.kind, sector=p.sector, credit_code=p.credit_code, name=p.name,
        province=p.province, year=p.year, month=p.month, version=version,
        content_sha256=sha, source_name=upload.name[-300:], submitter=submitter,
        submitted_at=now.isoformat(timespec="seconds"),
        document=_dump(p.document), result=_dump(p.result),
        summary=None if p.summary is None else _dump(p.summary),
        total_t=p.total_t, defaults_t=p.defaults_t,
        stake_t=sum(f.tco2_at_stake for f in p.findings if f.severity != "info"),
        errors=sum(f.severity == "error" for f in p.findings),
        warnings=sum(f.severity == "warning" for f in p.findings),
    )  # fmt: skip


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def _files(
    session: Session, store: PlatformStore, submission_id: int, upload: Upload,
    prepared: Prepared, now: dt.datetime,
) -> None:  # fmt: skip
    kept = [(n, b, "original") for n, b in upload.files.items()]
    kept += [(n, b, "evidence") for n, b in prepared.evidence.items()]
    for name, data, role in kept:
        sha = store.files.put(data)
        if session.get(BlobRow, sha) is None:
            session.add(BlobRow(sha256=sha, size=len(data), media_type=_media(name, data),
                                stored_at=now.isoformat(timespec="seconds")))  # fmt: skip
            session.flush()
        session.add(SubmissionFileRow(submission_id=submission_id, name=name[-300:],
                                      sha256=sha, role=role))  # fmt: skip


def _media(name: str, data: bytes) -> str:
    suffix = Path(name).suffix.lower().lstrip(".")
    if suffix in DATA_TYPES:
        return DATA_TYPES[suffix]
    return evidence_media_type(name, data)


def _findings(row: SubmissionRow, p: Prepared) -> list[FindingRow]:
    return [
        FindingRow(
            submission_id=row.id,
            source=f.source,
            severity=f.severity,
            code=f.code,
            sector=p.sector,
            province=p.province,
            credit_code=p.credit_code,
            unit_id=f.unit_id[:80],
            year=p.year,
            month=f.month,
            field=f.field[:120],
            en=f.en,
            zh=f.zh,
            tco2_at_stake=f.tco2_at_stake,
            reference=f.reference,
        )
        for f in p.findings
    ]


def _move_head(
    session: Session, slot: tuple[str, str, str, int, int], row: SubmissionRow,
    head: HeadRow | None, submitter: str, now: dt.datetime,
) -> None:  # fmt: skip
    at = now.isoformat(timespec="seconds")
    state = "submitted" if head is None else "resubmitted"
    if head is None:
        kind, code, sector, year, month = slot
        session.add(HeadRow(kind=kind, credit_code=code, sector=sector, year=year, month=month,
                            submission_id=row.id, province=row.province, state=state,
                            updated_at=at))  # fmt: skip
        before = "new"
    else:
        before = head.state
        head.submission_id, head.state, head.updated_at = row.id, state, at
    session.add(ReviewEventRow(submission_id=row.id, from_state=before, to_state=state,
                               actor=submitter, role="enterprise", at=at, note="",
                               conclusion=""))  # fmt: skip


def _outcome(name: str, status: Any, row: SubmissionRow) -> Outcome:
    return Outcome(
        name, status, kind=row.kind, sector=row.sector, credit_code=row.credit_code,
        year=row.year, month=row.month or None, submission_id=row.id, version=row.version,
        errors=row.errors, warnings=row.warnings, total_t=row.total_t, defaults_t=row.defaults_t,
    )  # fmt: skip
