"""The transfer hot path: a plain transfer (lowest serials first, no four-eyes wait) in three
batches of statements on one connection, with no ORM session.

It does exactly what the general path (`service` → `operations.transfer` → `ledger.move` →
`audit.append_text`) does, in the same order on the server and in the same transaction:

1. lock the two accounts (`FOR UPDATE`, id order); claim the request id (`INSERT … ON CONFLICT
   DO NOTHING RETURNING id`); read the source's lowest free blocks up to the quantity (running
   sum) together with the destination's free blocks adjacent to them;
2. after the checks (known accounts, role, kinds, states, free quantity): shrink/delete the
   source's blocks, grow/insert/merge the destination's, insert the two postings per range,
   store the result on the transaction row, lock and read the audit head;
3. append the audit entry (hash over the previous one) and move the head.

The statements are SQLAlchemy Core, compiled once per dialect and sent by `wire.Wire`: on
PostgreSQL each batch is one psycopg pipeline (one round trip), on SQLite the same statements
run one by one. Locks, checks, errors, postings, results and audit entries are the general
path's; the service sends everything else (exact serials, transfers waiting for approval,
malformed quantities) down the general path.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Connection,
    Table,
    and_,
    bindparam,
    delete,
    func,
    insert,
    literal_column,
    or_,
    select,
    union_all,
    update,
)
from sqlalchemy import cast as sql_cast

from chinaets.registry import access, audit, checks, holds, journal, operations
from chinaets.registry.ledger import BLOCKS, POSTINGS, merge_runs, shortfall
from chinaets.registry.models import AccountRow
from chinaets.registry.records import (
    Account,
    AccountKind,
    AccountState,
    Call,
    PostingRecord,
    Transfer,
    TxResult,
)
from chinaets.registry.serials import SerialRange, UnitClass
from chinaets.registry.wire import Step, Wire

ACCOUNTS = cast(Table, AccountRow.__table__)
LOCK_TWO = (
    select(
        ACCOUNTS.c.id,
        ACCOUNTS.c.kind,
        ACCOUNTS.c.holder,
        ACCOUNTS.c.name,
        ACCOUNTS.c.province,
        ACCOUNTS.c.state,
    )
    .where(ACCOUNTS.c.id.in_([bindparam("first"), bindparam("second")]))
    .order_by(ACCOUNTS.c.id)
    .with_for_update()
)


def _free_of(account: str) -> ColumnElement[bool]:
    return and_(
        BLOCKS.c.account_id == bindparam(account),
        BLOCKS.c.kind == bindparam("kind"),
        BLOCKS.c.vintage == bindparam("vintage"),
        BLOCKS.c.project == bindparam("project"),
        BLOCKS.c.freeze_id.is_(None),
    )


def _take_statement() -> Any:
    """Rows (side, id, start, end, running): side 0 = the source's free blocks, lowest first,
    up to the one completing :quantity (`running` = cumulative size); side 1 = the
    destination's free blocks ending just before or starting just after one of them (a
    superset of the neighbours of the ranges taken: `put` only merges true neighbours)."""
    size = BLOCKS.c.serial_end - BLOCKS.c.serial_start + 1
    running = sql_cast(func.sum(size).over(order_by=BLOCKS.c.serial_start), BigInteger)
    ranked = (
        select(BLOCKS.c.id, BLOCKS.c.serial_start, BLOCKS.c.serial_end, running.label("running"))
        .where(_free_of("source"))
        .subquery("ranked")
    )
    ranked_size = ranked.c.serial_end - ranked.c.serial_start + 1
    taken = (
        select(ranked).where(ranked.c.running - ranked_size < bindparam("quantity")).cte("taken")
    )
    none = sql_cast(literal_column("0"), BigInteger)
    near = select(
        literal_column("1"), BLOCKS.c.id, BLOCKS.c.serial_start, BLOCKS.c.serial_end, none
    )
    near = near.where(
        _free_of("destination"),
        or_(
            BLOCKS.c.serial_end.in_(select(taken.c.serial_start - 1)),
            BLOCKS.c.serial_start.in_(select(taken.c.serial_end + 1)),
        ),
    )
    mine = select(literal_column("0"), taken.c.id, taken.c.serial_start, taken.c.serial_end)
    return union_all(mine.add_columns(taken.c.running), near)


TAKE = _take_statement()
START_BLOCK = (
    update(BLOCKS).where(BLOCKS.c.id == bindparam("block_id")).values(serial_start=bindparam("s"))
)
RESIZE_BLOCK = (
    update(BLOCKS)
    .where(BLOCKS.c.id == bindparam("block_id"))
    .values(serial_start=bindparam("s"), serial_end=bindparam("e"))
)
DELETE_BLOCK = delete(BLOCKS).where(BLOCKS.c.id == bindparam("block_id"))
BLOCK_COLUMNS = ("account_id", "kind", "vintage", "project", "serial_start", "serial_end")
INSERT_BLOCK = insert(BLOCKS).values(
    {**{n: bindparam(n) for n in BLOCK_COLUMNS}, "freeze_id": None}
)
INSERT_POSTING = insert(POSTINGS).values(
    {n: bindparam(n) for n in ("tx_id", *BLOCK_COLUMNS, "quantity")}
)
SEED_HEAD = insert(audit.HEAD).values(id=1, seq=0, hash=audit.GENESIS)


def eligible(request: Any, needs_approval: bool) -> bool:
    """A transfer the hot path takes: lowest serials first, a well-formed quantity, and no
    four-eyes wait (those go down the general path, which raises the same errors)."""
    return (
        type(request) is Transfer
        and request.serials is None
        and type(request.quantity) is int
        and 0 < request.quantity <= checks.MAX_QUANTITY
        and not needs_approval
    )


def run(
    conn: Connection, call: Call, stamp: str, threshold: int | None, *, commit: bool
) -> TxResult | None:
    """Execute the transfer in the open transaction on `conn`; None if the request id is
    already taken (the caller returns the first result, or refuses). `commit`: the service
    began this transaction itself, so the last batch commits it."""
    req = cast(Transfer, call.request)
    wire = Wire(conn)
    first, second = sorted((req.source, req.destination))
    locked, claimed, blocks, held = wire.run(
        [
            Step(LOCK_TWO, {"first": first, "second": second}),
            Step(journal.CLAIMS[conn.dialect.name], journal.claim_params(call, stamp)),
            Step(TAKE, {**_unit_params(req), "quantity": req.quantity}),
            Step(holds.HELD, _unit_params(req)),
        ]
    )
    accounts = {row[0]: _account(row) for row in locked}
    for field, account_id in (("destination", req.destination), ("source", req.source)):
        checks.known_account(
            accounts, account_id, field, call.actor, req.op.value
        )  # the general path's order
    if not claimed:
        return None
    tx_id: int = claimed[0][0]
    access.authorize(call.actor, req, accounts)
    operations.check_transfer_accounts(accounts, req)
    if call.exchange_settlement:
        operations.check_settlement(accounts, req)
    else:
        holds.check_transfer(conn, req, int(held[0][0]))
    ranges, writes = _take(req, blocks)
    writes += _put(req, ranges, [b for b in blocks if b[0] == 1])
    postings = _postings(req, ranges)
    detail = operations.transfer_detail(req, threshold, call.exchange_settlement)
    result, result_text, payload = journal.recorded(call, tx_id, stamp, postings, "done", detail)
    writes.append(Step(INSERT_POSTING, [_posting_row(tx_id, p) for p in postings], many=True))
    writes.append(Step(journal.STORE_RESULT, {"tx_id": tx_id, "tx_result": result_text}))
    *_, head = wire.run([*writes, Step(audit.LOCK_HEAD, {})])
    wire.run(_append(call, stamp, payload, head), commit=commit)
    return result


def _unit_params(req: Transfer) -> dict[str, str]:
    unit = req.unit
    return {
        "source": req.source,
        "destination": req.destination,
        "kind": unit.kind.value,
        "vintage": unit.vintage,
        "project": unit.project,
    }


def _account(row: tuple[Any, ...]) -> Account:
    return Account(row[0], AccountKind(row[1]), row[2], row[3], row[4], AccountState(row[5]))


def _take(req: Transfer, blocks: list[tuple[Any, ...]]) -> tuple[list[SerialRange], list[Step]]:
    """`ledger.take` on the rows read: the ranges taken and the writes to the source."""
    mine = sorted((b for b in blocks if b[0] == 0), key=lambda b: b[2])
    available = int(mine[-1][4]) if mine else 0
    if available < req.quantity:
        raise shortfall(req.source, req.unit, req.quantity, available)
    *whole, (_, last_id, last_start, last_end, last_running) = mine
    taken = [SerialRange(b[2], b[3]) for b in whole]
    gone = [b[1] for b in whole]
    surplus = int(last_running) - req.quantity  # what stays of the last block
    writes: list[Step] = []
    if surplus == 0:
        taken.append(SerialRange(last_start, last_end))
        gone.append(last_id)
    else:
        cut = last_end - surplus
        taken.append(SerialRange(last_start, cut))
        writes.append(Step(START_BLOCK, {"block_id": last_id, "s": cut + 1}))
    if gone:
        writes.append(Step(DELETE_BLOCK, [{"block_id": g} for g in gone], many=True))
    return taken, writes


def _put(req: Transfer, parts: list[SerialRange], near: list[tuple[Any, ...]]) -> list[Step]:
    """`ledger.put` on the rows read: merge the ranges with the destination's neighbours."""
    fresh, grown, gone = [], [], []
    for run in merge_runs(parts, [(b[2], b[3], b[1]) for b in near]):
        if not any(run.start <= p.start and p.end <= run.end for p in parts):
            continue  # a block next to the source's remaining units, not to what arrives
        if not run.blocks:
            fresh.append(_block_row(req.destination, req.unit, run.start, run.end))
            continue
        keep, *merged = run.blocks
        grown.append({"block_id": keep, "s": run.start, "e": run.end})
        gone += [{"block_id": m} for m in merged]
    steps = []
    if gone:
        steps.append(Step(DELETE_BLOCK, gone, many=True))
    if grown:
        steps.append(Step(RESIZE_BLOCK, grown, many=True))
    if fresh:
        steps.append(Step(INSERT_BLOCK, fresh, many=True))
    return steps


def _block_row(account_id: str, unit: UnitClass, start: int, end: int) -> dict[str, Any]:
    return {
        "account_id": account_id,
        "kind": unit.kind.value,
        "vintage": unit.vintage,
        "project": unit.project,
        "serial_start": start,
        "serial_end": end,
    }


def _postings(req: Transfer, ranges: list[SerialRange]) -> list[PostingRecord]:
    records = []
    for part in ranges:
        records.append(PostingRecord(req.source, req.unit, part, -part.quantity))
        records.append(PostingRecord(req.destination, req.unit, part, part.quantity))
    return records


def _posting_row(tx_id: int, p: PostingRecord) -> dict[str, Any]:
    row = _block_row(p.account, p.unit, p.serials.start, p.serials.end)
    return {**row, "tx_id": tx_id, "quantity": p.quantity}


def _append(call: Call, stamp: str, payload: str, head: list[tuple[Any, ...]]) -> list[Step]:
    """`audit.append_text` after the head was locked and read in the previous batch."""
    steps = [] if head else [Step(SEED_HEAD, {})]  # a ledger from before the head was seeded
    prev_seq, prev_hash = (head[0][0], head[0][1]) if head else (0, audit.GENESIS)
    seq, actor, action = prev_seq + 1, call.actor.user_id, call.request.op.value
    values = {
        "entry_seq": seq,
        "entry_ts": stamp,
        "entry_actor": actor,
        "entry_action": action,
        "entry_request_id": call.request_id,
        "entry_payload": payload,
        "entry_prev_hash": prev_hash,
        "entry_hash": audit.entry_hash(
            seq, stamp, actor, action, call.request_id, payload, prev_hash
        ),
    }
    return [*steps, Step(audit.ADD_ENTRY, values), Step(audit.MOVE_HEAD, values)]
