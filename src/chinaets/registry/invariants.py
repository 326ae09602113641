"""Invariants of the ledger, each a function of a session returning the findings it broke.

`run_all` runs every one; `chinaets registry check` exits non-zero when any finding comes
back. The checks read the ledger's independent records and compare them:

- double_entry      the postings of every transaction sum to zero for each unit class;
- conservation      for each unit class: issued − cancelled = the units held in all accounts,
                    and issued = the serials the counter has handed out;
- ledger_vs_blocks  each account's posted balance equals the units in its blocks;
- no_negative       no account ever had a negative balance (running sum over its postings);
- serials           blocks of a class never overlap and cover serials 1 … issued exactly: a
                    serial is held by exactly one account;
- frozen            frozen units stay where they were frozen, and no units left an account or
                    serials while they were frozen;
- accounts          closed accounts hold nothing; SUPPLY holds no blocks;
- audit_chain       the audit log's hash chain is intact.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from chinaets.registry import audit
from chinaets.registry.audit import Finding
from chinaets.registry.ids import CANCELLATION_ACCOUNT, SUPPLY_ACCOUNT
from chinaets.registry.models import (
    AccountRow,
    BlockRow,
    FreezeRow,
    PostingRow,
    SerialCounterRow,
)
from chinaets.registry.serials import parse_range

Key = tuple[str, str, str]
SIZE = BlockRow.serial_end - BlockRow.serial_start + 1


def _label(key: Key) -> str:
    kind, vintage, project = key
    return f"{kind} {project} {vintage}".replace("  ", " ")


def check_double_entry(session: Session) -> list[Finding]:
    query = (
        select(
            PostingRow.tx_id,
            PostingRow.kind,
            PostingRow.vintage,
            PostingRow.project,
            func.sum(PostingRow.quantity),
        )
        .group_by(PostingRow.tx_id, PostingRow.kind, PostingRow.vintage, PostingRow.project)
        .having(func.sum(PostingRow.quantity) != 0)
    )
    return [
        Finding(
            "double_entry",
            f"transaction {tx} {_label((k, v, p))}",
            f"postings sum to {total}, not 0",
            f"分录合计为 {total}，不为零",
        )
        for tx, k, v, p, total in session.execute(query)
    ]


def _posted_by_account(session: Session) -> dict[tuple[str, Key], int]:
    query = select(
        PostingRow.account_id,
        PostingRow.kind,
        PostingRow.vintage,
        PostingRow.project,
        func.sum(PostingRow.quantity),
    ).group_by(PostingRow.account_id, PostingRow.kind, PostingRow.vintage, PostingRow.project)
    return {(a, (k, v, p)): int(n) for a, k, v, p, n in session.execute(query)}


def _held_by_account(session: Session) -> dict[tuple[str, Key], int]:
    query = select(
        BlockRow.account_id, BlockRow.kind, BlockRow.vintage, BlockRow.project, func.sum(SIZE)
    ).group_by(BlockRow.account_id, BlockRow.kind, BlockRow.vintage, BlockRow.project)
    return {(a, (k, v, p)): int(n) for a, k, v, p, n in session.execute(query)}


def check_conservation(session: Session) -> list[Finding]:
    posted, held = _posted_by_account(session), _held_by_account(session)
    counters = {
        (c.kind, c.vintage, c.project): c.next_serial - 1
        for c in session.scalars(select(SerialCounterRow))
    }
    keys = {key for _, key in posted} | {key for _, key in held} | set(counters)
    found = []
    for key in sorted(keys):
        issued = -posted.get((SUPPLY_ACCOUNT, key), 0)
        cancelled = posted.get((CANCELLATION_ACCOUNT, key), 0)
        holding = sum(n for (a, k), n in held.items() if k == key and a != CANCELLATION_ACCOUNT)
        if issued - cancelled != holding:
            found.append(
                Finding(
                    "conservation",
                    _label(key),
                    f"issued {issued} − cancelled {cancelled} ≠ held {holding}",
                    f"签发 {issued} − 注销 {cancelled} ≠ 持有 {holding}",
                )
            )
        if issued != counters.get(key, 0):
            found.append(
                Finding(
                    "conservation",
                    _label(key),
                    f"issued {issued} ≠ serials handed out {counters.get(key, 0)}",
                    f"签发 {issued} ≠ 已分配序列号 {counters.get(key, 0)}",
                )
            )
    return found


def check_ledger_vs_blocks(session: Session) -> list[Finding]:
    posted, held = _posted_by_account(session), _held_by_account(session)
    found = []
    for account, key in sorted(set(posted) | set(held)):
        if account == SUPPLY_ACCOUNT:
            continue
        p, h = posted.get((account, key), 0), held.get((account, key), 0)
        if p != h:
            found.append(
                Finding(
                    "ledger_vs_blocks",
                    f"{account} {_label(key)}",
                    f"postings say {p}, blocks hold {h}",
                    f"分录余额 {p}，实际持有 {h}",
                )
            )
    return found


def _running_balances() -> Any:
    """Each account's balance per unit class after each of its transactions (window sum)."""
    per_tx = (
        select(
            PostingRow.account_id,
            PostingRow.kind,
            PostingRow.vintage,
            PostingRow.project,
            PostingRow.tx_id,
            func.sum(PostingRow.quantity).label("amount"),
        )
        .where(PostingRow.account_id != SUPPLY_ACCOUNT)
        .group_by(
            PostingRow.account_id,
            PostingRow.kind,
            PostingRow.vintage,
            PostingRow.project,
            PostingRow.tx_id,
        )
        .subquery()
    )
    running = (
        func.sum(per_tx.c.amount)
        .over(
            partition_by=(per_tx.c.account_id, per_tx.c.kind, per_tx.c.vintage, per_tx.c.project),
            order_by=per_tx.c.tx_id,
        )
        .label("balance")
    )
    inner = select(
        per_tx.c.account_id,
        per_tx.c.kind,
        per_tx.c.vintage,
        per_tx.c.project,
        per_tx.c.tx_id,
        running,
    ).subquery()
    return select(inner).where(inner.c.balance < 0).order_by(inner.c.tx_id)


def check_no_negative(session: Session) -> list[Finding]:
    query = _running_balances()
    found = [
        Finding(
            "no_negative",
            f"{a} {_label((k, v, p))}",
            f"balance {b} after transaction {tx}",
            f"第 {tx} 笔交易后余额为 {b}",
        )
        for a, k, v, p, tx, b in session.execute(query)
    ]
    bad_blocks = session.scalar(
        select(func.count()).where(BlockRow.serial_end < BlockRow.serial_start)
    )
    if bad_blocks:
        found.append(
            Finding(
                "no_negative",
                "blocks",
                f"{bad_blocks} blocks have end < start",
                f"{bad_blocks} 个区块的终止序列号小于起始序列号",
            )
        )
    return found


def check_serials(session: Session) -> list[Finding]:
    counters = {
        (c.kind, c.vintage, c.project): c.next_serial - 1
        for c in session.scalars(select(SerialCounterRow))
    }
    query = select(
        BlockRow.kind,
        BlockRow.vintage,
        BlockRow.project,
        BlockRow.serial_start,
        BlockRow.serial_end,
        BlockRow.account_id,
    ).order_by(BlockRow.kind, BlockRow.vintage, BlockRow.project, BlockRow.serial_start)
    found: list[Finding] = []
    next_free: dict[Key, int] = defaultdict(lambda: 1)
    for kind, vintage, project, start, end, account in session.execute(query):
        key = (kind, vintage, project)
        if start != next_free[key]:
            what = "overlaps another block" if start < next_free[key] else "leaves a gap before it"
            what_zh = "与其他区块重叠" if start < next_free[key] else "之前有未被持有的序列号"
            found.append(
                Finding("serials", f"{_label(key)} {start}..{end} in {account}", what, what_zh)
            )
        next_free[key] = max(next_free[key], end + 1)
    for key in sorted(set(counters) | set(next_free)):
        if next_free[key] - 1 != counters.get(key, 0):
            found.append(
                Finding(
                    "serials",
                    _label(key),
                    f"blocks end at {next_free[key] - 1}, serials issued up to {counters.get(key, 0)}",
                    f"区块止于 {next_free[key] - 1}，已签发序列号至 {counters.get(key, 0)}",
                )
            )
    return found


def check_frozen(session: Session) -> list[Finding]:
    found: list[Finding] = []
    for freeze in session.scalars(select(FreezeRow).order_by(FreezeRow.id)):
        where = f"freeze {freeze.id} on {freeze.account_id}"
        if freeze.active and freeze.quantity is not None:
            query = (
                select(BlockRow.account_id, func.sum(SIZE))
                .where(BlockRow.freeze_id == freeze.id)
                .group_by(BlockRow.account_id)
            )
            held = {account: int(n) for account, n in session.execute(query)}
            if held != {freeze.account_id: freeze.quantity}:
                found.append(
                    Finding("frozen", where, f"frozen units are now {held}", f"冻结单位现为 {held}")
                )
        found += _moved_while_frozen(session, freeze, where)
    return found


def _moved_while_frozen(session: Session, freeze: FreezeRow, where: str) -> list[Finding]:
    """Debits of the account during the freeze: none at all for an account freeze, none of the
    frozen serials for a unit freeze."""
    query = select(PostingRow).where(
        PostingRow.account_id == freeze.account_id,
        PostingRow.quantity < 0,
        PostingRow.tx_id > freeze.tx_id,
    )
    if freeze.released_tx_id is not None:
        query = query.where(PostingRow.tx_id < freeze.released_tx_id)
    ranges = [parse_range(text) for text in json.loads(freeze.serials)]
    found = []
    for posting in session.scalars(query):
        hit = freeze.quantity is None or any(
            unit.kind.value == posting.kind
            and unit.vintage == posting.vintage
            and unit.project == posting.project
            and part.start <= posting.serial_end
            and posting.serial_start <= part.end
            for unit, part in ranges
        )
        if hit:
            found.append(
                Finding(
                    "frozen",
                    where,
                    f"units left while frozen (transaction {posting.tx_id})",
                    f"冻结期间有单位转出（第 {posting.tx_id} 笔交易）",
                )
            )
    return found


def check_accounts(session: Session) -> list[Finding]:
    query = (
        select(AccountRow.id, func.count(BlockRow.id))
        .join(BlockRow, BlockRow.account_id == AccountRow.id)
        .where((AccountRow.state == "closed") | (AccountRow.id == SUPPLY_ACCOUNT))
        .group_by(AccountRow.id)
    )
    return [
        Finding(
            "accounts",
            account,
            f"holds {count} blocks but must hold none",
            f"持有 {count} 个区块，但不应持有任何单位",
        )
        for account, count in session.execute(query)
    ]


def check_audit_chain(session: Session) -> list[Finding]:
    return audit.verify(session)


CHECKS: dict[str, Callable[[Session], list[Finding]]] = {
    "double_entry": check_double_entry,
    "conservation": check_conservation,
    "ledger_vs_blocks": check_ledger_vs_blocks,
    "no_negative": check_no_negative,
    "serials": check_serials,
    "frozen": check_frozen,
    "accounts": check_accounts,
    "audit_chain": check_audit_chain,
}


def run_all(session: Session) -> list[Finding]:
    """Every invariant's findings; an empty list means the ledger is sound."""
    found: list[Finding] = []
    for check in CHECKS.values():
        found += check(session)
    return found


__all__ = ["CHECKS", "Finding", "run_all"]
