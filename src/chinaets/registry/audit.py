"""The audit log: append-only, each entry hashing the one before it.

    hash(n) = SHA-256( canonical JSON of [seq, ts, actor, action, request_id, payload, hash(n-1)] )

with hash(0) = 64 zeros. `registry_audit_head` holds the last sequence number and hash; an
append locks it, so entries are written one after another in commit order. The database refuses
UPDATE and DELETE on the log (triggers from the migration); `verify` still checks every link, so
an entry edited, removed or reordered by someone who got round the triggers is found. The head
hash printed by `chinaets registry verify-audit` can be anchored elsewhere (a notarised file, an
e-mail to the ministry) to detect a rewritten tail too: pass it back with `--expect-head`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from chinaets.registry.models import AuditHeadRow, AuditRow
from chinaets.registry.records import canonical

GENESIS = "0" * 64


@dataclass(frozen=True)
class Finding:
    """One broken invariant or audit link: which check, where, and what (zh-CN and English)."""

    check: str
    where: str
    en: str
    zh: str

    def render(self) -> str:
        return f"[{self.check}] {self.where}: {self.en}\n    {self.zh}"

    def as_json(self) -> dict[str, str]:
        return {"check": self.check, "where": self.where, "en": self.en, "zh": self.zh}


def entry_hash(
    seq: int, ts: str, actor: str, action: str, request_id: str, payload: str, prev_hash: str
) -> str:
    text = canonical([seq, ts, actor, action, request_id, payload, prev_hash])
    return hashlib.sha256(text.encode()).hexdigest()


def append(
    session: Session, *, ts: str, actor: str, action: str, request_id: str, payload: dict[str, Any]
) -> AuditRow:
    """Append one entry in the caller's transaction (locks the head until commit)."""
    head = session.get(AuditHeadRow, 1, with_for_update=True, populate_existing=True)
    if head is None:
        head = AuditHeadRow(id=1, seq=0, hash=GENESIS)
        session.add(head)
    text = canonical(payload)
    seq = head.seq + 1
    digest = entry_hash(seq, ts, actor, action, request_id, text, head.hash)
    row = AuditRow(
        seq=seq,
        ts=ts,
        actor=actor,
        action=action,
        request_id=request_id,
        payload=text,
        prev_hash=head.hash,
        hash=digest,
    )
    session.add(row)
    head.seq, head.hash = seq, digest
    return row


def _link_problem(seq: int, en: str, zh: str) -> Finding:
    return Finding("audit_chain", f"audit entry {seq}", en, zh)


def verify(session: Session, expect_head: str | None = None) -> list[Finding]:
    """Every problem in the chain: gaps, reordering, edited entries, a head that does not match."""
    found: list[Finding] = []
    expected_seq, prev = 1, GENESIS
    rows = session.execute(select(AuditRow).order_by(AuditRow.seq)).scalars()
    for row in rows:
        if row.seq != expected_seq:
            found.append(
                _link_problem(
                    row.seq,
                    f"expected entry {expected_seq} here: entries were removed or reordered",
                    f"此处应为第 {expected_seq} 条：记录被删除或调换",
                )
            )
        if row.prev_hash != prev:
            found.append(
                _link_problem(
                    row.seq, "does not link to the entry before it", "与上一条记录的哈希不衔接"
                )
            )
        recomputed = entry_hash(
            row.seq, row.ts, row.actor, row.action, row.request_id, row.payload, row.prev_hash
        )
        if recomputed != row.hash:
            found.append(
                _link_problem(
                    row.seq, "content was changed after it was written", "记录写入后内容被修改"
                )
            )
        expected_seq, prev = row.seq + 1, row.hash
    found += _check_head(session, expected_seq - 1, prev, expect_head)
    return found


def _check_head(
    session: Session, last_seq: int, last_hash: str, expect: str | None
) -> list[Finding]:
    head = session.get(AuditHeadRow, 1)
    found: list[Finding] = []
    if head is not None and (head.seq != last_seq or head.hash != last_hash):
        found.append(
            Finding(
                "audit_chain",
                "audit head",
                f"the head records entry {head.seq}, the log ends at {last_seq}: "
                "entries at the end were removed or changed",
                f"链头记录为第 {head.seq} 条，日志止于第 {last_seq} 条：末尾记录被删除或修改",
            )
        )
    if (
        expect is not None
        and expect != last_hash
        and not any(
            row == expect
            for row in session.scalars(select(AuditRow.hash).where(AuditRow.hash == expect))
        )
    ):
        found.append(
            Finding(
                "audit_chain",
                "audit head",
                "the anchored head hash is not in the log: the log was rewritten",
                "外部留存的链头哈希不在日志中：日志被改写",
            )
        )
    return found


def head(session: Session) -> tuple[int, str]:
    row = session.get(AuditHeadRow, 1)
    return (row.seq, row.hash) if row is not None else (0, GENESIS)
