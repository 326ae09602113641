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
from functools import lru_cache
from typing import Any, cast

from sqlalchemy import Insert, Table, Update, bindparam, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import UpdateBase

from chinaets.registry.models import AuditHeadRow, AuditRow
from chinaets.registry.records import canonical

GENESIS = "0" * 64
LOG = cast(Table, AuditRow.__table__)
HEAD = cast(Table, AuditHeadRow.__table__)


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
) -> int:
    """Append one entry in the caller's transaction (locks the head until commit); its seq."""
    return append_text(
        session, ts=ts, actor=actor, action=action, request_id=request_id, text=canonical(payload)
    )


def _entry_statements() -> tuple[Insert, Update]:
    names = ("seq", "ts", "actor", "action", "request_id", "payload", "prev_hash", "hash")
    add = insert(LOG).values({n: bindparam(f"entry_{n}") for n in names})
    move = (
        update(HEAD)
        .where(HEAD.c.id == 1)
        .values(seq=bindparam("entry_seq"), hash=bindparam("entry_hash"))
    )
    return add, move


ADD_ENTRY, MOVE_HEAD = _entry_statements()
LOCK_HEAD = select(HEAD.c.seq, HEAD.c.hash).where(HEAD.c.id == 1).with_for_update()


@lru_cache(maxsize=8)
def _in_one_statement(rider: UpdateBase) -> Insert:
    """PostgreSQL: the entry, the head and the caller's rider as one statement (data-modifying
    CTEs), so appending costs one round trip after the head is locked."""
    return ADD_ENTRY.add_cte(MOVE_HEAD.cte("moved_head")).add_cte(rider.cte("rider"))


def append_text(
    session: Session,
    *,
    ts: str,
    actor: str,
    action: str,
    request_id: str,
    text: str,
    rider: tuple[UpdateBase, dict[str, Any]] | None = None,
) -> int:
    """`append` for a payload that is already canonical JSON text; returns the entry's seq.

    Locks and reads the head, then inserts the entry and moves the head. `rider` is one more
    write of the caller's (a prebuilt statement and its parameters, named apart from the
    `entry_*` ones) that PostgreSQL runs in the same statement; SQLite runs it separately."""
    conn = session.connection()
    head = conn.execute(LOCK_HEAD).first()
    if head is None:  # a ledger created before the head was seeded at upgrade
        conn.execute(insert(HEAD).values(id=1, seq=0, hash=GENESIS))
    prev_seq, prev_hash = (head.seq, head.hash) if head is not None else (0, GENESIS)
    seq = prev_seq + 1
    values = {
        "entry_seq": seq,
        "entry_ts": ts,
        "entry_actor": actor,
        "entry_action": action,
        "entry_request_id": request_id,
        "entry_payload": text,
        "entry_prev_hash": prev_hash,
        "entry_hash": entry_hash(seq, ts, actor, action, request_id, text, prev_hash),
    }
    if rider is not None and conn.dialect.name == "postgresql":
        conn.execute(_in_one_statement(rider[0]), {**values, **rider[1]})
        return seq
    if rider is not None:
        conn.execute(*rider)
    conn.execute(ADD_ENTRY, values)
    conn.execute(MOVE_HEAD, values)
    return seq


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
