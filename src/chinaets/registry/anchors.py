"""Anchors of the audit chain outside the database: the head (entry number and hash) written
down once a day, signed with the server secret, in a file kept elsewhere (an append-only JSON
lines file; print it, mail it, commit it).

The chain alone proves that nothing inside it was changed; it cannot show that its tail was cut
off and the head row reset to an earlier entry. An anchor can: `check` finds every anchored
entry still in the chain with the same hash, so a log truncated before an anchor, or rewritten
after one, is detected (`chinaets registry verify-audit --anchors FILE`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from chinaets.core import limits
from chinaets.core.errors import Location
from chinaets.registry import audit
from chinaets.registry.audit import Finding
from chinaets.registry.models import AuditRow


def _signature(pepper: str, day: str, seq: int, head: str) -> str:
    message = f"chinaets-anchor:{day}:{seq}:{head}".encode()
    return hmac.new(pepper.encode(), message, hashlib.sha256).hexdigest()


def make(session: Session, pepper: str, day: str) -> dict[str, Any]:
    """Today's anchor: the head now, signed."""
    seq, head = audit.head(session)
    return {"day": day, "seq": seq, "hash": head, "signature": _signature(pepper, day, seq, head)}


def append(path: Path, anchor: dict[str, Any]) -> None:
    with path.open("a", encoding="utf-8") as out:
        out.write(json.dumps(anchor, sort_keys=True) + "\n")


def read(path: Path) -> list[dict[str, Any]]:
    where = Location(str(path))
    text = limits.decode(path.read_bytes(), where)
    return [
        limits.load_json(line, Location(str(path), row=n))
        for n, line in enumerate(text.splitlines(), 1)
        if line.strip()
    ]


def check(session: Session, anchors: list[dict[str, Any]], pepper: str | None) -> list[Finding]:
    """Every anchor whose entry is gone, changed, or whose signature is not the server's."""
    found = []
    for anchor in anchors:
        day, seq, head = str(anchor.get("day")), int(anchor.get("seq", -1)), anchor.get("hash")
        where = f"anchor {day} (entry {seq})"
        if pepper is not None and not hmac.compare_digest(
            str(anchor.get("signature", "")), _signature(pepper, day, seq, str(head))
        ):
            found.append(Finding("audit_anchor", where, "signature does not match", "锚点签名不符"))
        if seq == 0:
            continue
        row = session.execute(select(AuditRow.hash).where(AuditRow.seq == seq)).scalar()
        if row is None:
            found.append(
                Finding(
                    "audit_anchor",
                    where,
                    "the anchored entry is missing: the log was truncated",
                    "锚定的审计记录不存在：审计日志被截断",
                )
            )
        elif row != head:
            found.append(
                Finding(
                    "audit_anchor",
                    where,
                    "the anchored entry has another hash: the log was rewritten",
                    "锚定的审计记录哈希不同：审计日志被改写",
                )
            )
    return found
