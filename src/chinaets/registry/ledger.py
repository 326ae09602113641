"""Block and posting mechanics inside one open transaction. Nothing here commits: the service
wraps every call in its single transaction.

- `take` detaches units from an account's free (unfrozen) blocks: the lowest serials first, or
  an exact serial range; a block only partly taken is split.
- `put` attaches serial ranges to an account, merging with adjacent blocks so that holdings stay
  a few large blocks.
- `move` = take + put + two postings per range (−q from the source, +q to the destination).
- `mint` draws fresh serials from the unit class's counter and posts them from SUPPLY.

Every operation but a plain transfer moves units here (plain transfers take the same steps in
`transfer_path`, batched); blocks and postings are read and written with
SQLAlchemy Core statements (no ORM objects, no unit of work): one query finds the blocks to
take (a running sum stops at the quantity asked for), one finds the destination's neighbours,
and the writes are batched (one DELETE, one UPDATE per changed block, one executemany INSERT of
the postings). The ORM session is only used for its connection.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import (
    BigInteger,
    BindParameter,
    ColumnElement,
    Connection,
    Row,
    Select,
    Table,
    and_,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy import cast as sql_cast
from sqlalchemy.orm import Session

from chinaets.core.errors import InputError, Location
from chinaets.registry.ids import SUPPLY_ACCOUNT
from chinaets.registry.models import AccountRow, BlockRow, PostingRow, SerialCounterRow
from chinaets.registry.records import Account, AccountKind, AccountState, PostingRecord
from chinaets.registry.serials import MAX_SEQUENCE, SerialRange, UnitClass, format_range

BLOCKS = cast(Table, BlockRow.__table__)
POSTINGS = cast(Table, PostingRow.__table__)
SIZE = BLOCKS.c.serial_end - BLOCKS.c.serial_start + 1


def _class_of(account: BindParameter[str]) -> ColumnElement[bool]:
    return and_(
        BLOCKS.c.account_id == account,
        BLOCKS.c.kind == bindparam("kind"),
        BLOCKS.c.vintage == bindparam("vintage"),
        BLOCKS.c.project == bindparam("project"),
    )


def _lowest_free_statement() -> Select[Any]:
    """The free blocks, lowest serials first, up to the one that completes :quantity (all of
    them if the account holds less); `running` is the cumulative size."""
    running = sql_cast(func.sum(SIZE).over(order_by=BLOCKS.c.serial_start), BigInteger)
    ranked = (
        select(BLOCKS.c.id, BLOCKS.c.serial_start, BLOCKS.c.serial_end, running.label("running"))
        .where(_class_of(bindparam("account")), BLOCKS.c.freeze_id.is_(None))
        .subquery()
    )
    size = ranked.c.serial_end - ranked.c.serial_start + 1
    return (
        select(ranked)
        .where(ranked.c.running - size < bindparam("quantity"))
        .order_by(ranked.c.serial_start)
    )


def _neighbours_statement(frozen: bool) -> Select[Any]:
    """Blocks of the same freeze state that end just before or start just after a range."""
    same = BLOCKS.c.freeze_id == bindparam("freeze_id") if frozen else BLOCKS.c.freeze_id.is_(None)
    return select(BLOCKS.c.serial_start, BLOCKS.c.serial_end, BLOCKS.c.id).where(
        _class_of(bindparam("account")),
        same,
        or_(
            BLOCKS.c.serial_end.in_(bindparam("ends_before", expanding=True)),
            BLOCKS.c.serial_start.in_(bindparam("starts_after", expanding=True)),
        ),
    )


# Built once: building a statement costs more Python time than running a cached one.
LOWEST_FREE = _lowest_free_statement()
FREE_NEIGHBOURS, FROZEN_NEIGHBOURS = _neighbours_statement(False), _neighbours_statement(True)
DELETE_BLOCKS = delete(BLOCKS).where(BLOCKS.c.id.in_(bindparam("ids", expanding=True)))
START_BLOCK = (
    update(BLOCKS)
    .where(BLOCKS.c.id == bindparam("block_id"))
    .values(serial_start=bindparam("new_start"))
)
RESIZE_BLOCK = (
    update(BLOCKS)
    .where(BLOCKS.c.id == bindparam("block_id"))
    .values(serial_start=bindparam("new_start"), serial_end=bindparam("new_end"))
)
INSERT_BLOCKS, INSERT_POSTINGS = insert(BLOCKS), insert(POSTINGS)
LOCK_ACCOUNTS = (
    select(AccountRow)
    .where(AccountRow.id.in_(bindparam("ids", expanding=True)))
    .order_by(AccountRow.id)
    .with_for_update()
    .execution_options(populate_existing=True)
)


def _class_params(account_id: str, unit: UnitClass) -> dict[str, str]:
    return {
        "account": account_id,
        "kind": unit.kind.value,
        "vintage": unit.vintage,
        "project": unit.project,
    }


def to_account(row: AccountRow) -> Account:
    return Account(
        row.id, AccountKind(row.kind), row.holder, row.name, row.province, AccountState(row.state)
    )


def lock_accounts(session: Session, ids: Iterable[str]) -> dict[str, AccountRow]:
    """Load and lock (PostgreSQL: FOR UPDATE) the accounts, always in id order."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    return {row.id: row for row in session.scalars(LOCK_ACCOUNTS, {"ids": wanted})}


def _of_class(account_id: str, unit: UnitClass) -> ColumnElement[bool]:
    return and_(
        BLOCKS.c.account_id == account_id,
        BLOCKS.c.kind == unit.kind.value,
        BLOCKS.c.vintage == unit.vintage,
        BLOCKS.c.project == unit.project,
    )


def shortfall(account_id: str, unit: UnitClass, wanted: int, available: int) -> InputError:
    return InputError.one(
        Location(field="quantity"),
        f"account {account_id} has {available} free {unit.label} units; {wanted} were asked for",
        f"账户 {account_id} 可用的 {unit.label} 只有 {available} 个，申请数量为 {wanted}",
        "ask for at most the free quantity (frozen units cannot move), or use another vintage",
        "请将数量减至可用数量以内（冻结的单位不能移动），或改用其他年度",
    )


def _checked_lowest(
    conn: Connection, account_id: str, unit: UnitClass, quantity: int
) -> Sequence[Row[Any]]:
    params = {**_class_params(account_id, unit), "quantity": quantity}
    blocks = conn.execute(LOWEST_FREE, params).all()
    available = int(blocks[-1].running) if blocks else 0
    if available < quantity:
        raise shortfall(account_id, unit, quantity, available)
    return blocks


def take(
    session: Session, account_id: str, unit: UnitClass, quantity: int, exact: SerialRange | None
) -> list[SerialRange]:
    """Detach `quantity` free units (or exactly `exact`) of `unit` from the account."""
    conn = session.connection()
    if exact is not None:
        _take_exact(conn, account_id, unit, exact)
        return [exact]
    blocks = _checked_lowest(conn, account_id, unit, quantity)
    *whole, last = blocks
    taken = [SerialRange(b.serial_start, b.serial_end) for b in whole]
    gone = [b.id for b in whole]
    surplus = int(last.running) - quantity  # what stays of the last block
    if surplus == 0:
        taken.append(SerialRange(last.serial_start, last.serial_end))
        gone.append(last.id)
    else:
        cut = last.serial_end - surplus
        taken.append(SerialRange(last.serial_start, cut))
        conn.execute(START_BLOCK, {"block_id": last.id, "new_start": cut + 1})
    if gone:
        conn.execute(DELETE_BLOCKS, {"ids": gone})
    return taken


def _not_held(account_id: str, unit: UnitClass, exact: SerialRange) -> InputError:
    text = format_range(unit, exact)
    return InputError.one(
        Location(field="serials"),
        f"account {account_id} does not hold all of {text} free of freezes",
        f"账户 {account_id} 未持有（或已冻结）序列号 {text} 中的部分单位",
        "list only serials this account holds; see `chinaets registry statement`",
        "请只填写本账户持有且未冻结的序列号，可用 `chinaets registry statement` 查询",
    )


def _exact_blocks(
    conn: Connection, account_id: str, unit: UnitClass, exact: SerialRange
) -> list[Row[Any]]:
    query = (
        select(BLOCKS)
        .where(
            _of_class(account_id, unit),
            BLOCKS.c.serial_end >= exact.start,
            BLOCKS.c.serial_start <= exact.end,
        )
        .order_by(BLOCKS.c.serial_start)
    )
    blocks = list(conn.execute(query))
    expected = exact.start
    for block in blocks:
        if block.freeze_id is not None or block.serial_start > expected:
            raise _not_held(account_id, unit, exact)
        expected = block.serial_end + 1
    if expected <= exact.end:
        raise _not_held(account_id, unit, exact)
    return blocks


def _take_exact(conn: Connection, account_id: str, unit: UnitClass, exact: SerialRange) -> None:
    """Remove the serials of `exact` from the blocks holding them, keeping what lies left and
    right of it (the first and last block may keep a part)."""
    for block in _exact_blocks(conn, account_id, unit, exact):
        left = block.serial_start < exact.start
        right = block.serial_end > exact.end
        where = BLOCKS.c.id == block.id
        if left and right:
            rest = {**block._mapping, "serial_start": exact.end + 1}
            del rest["id"]
            conn.execute(insert(BLOCKS).values(rest))
        if left:
            conn.execute(update(BLOCKS).where(where).values(serial_end=exact.start - 1))
        elif right:
            conn.execute(update(BLOCKS).where(where).values(serial_start=exact.end + 1))
        else:
            conn.execute(delete(BLOCKS).where(where))


@dataclass
class _Run:
    """Adjacent serial ranges that become one block: the existing blocks among them (ids)."""

    start: int
    end: int
    blocks: list[int]


def merge_runs(
    parts: Sequence[SerialRange], neighbours: Iterable[tuple[int, int, int]]
) -> list[_Run]:
    """Merge the incoming ranges with the neighbouring blocks (start, end, id) into maximal
    adjacent runs."""
    pieces: list[tuple[int, int, int | None]] = sorted(
        [(p.start, p.end, None) for p in parts] + list(neighbours)
    )
    runs: list[_Run] = []
    for start, end, block_id in pieces:
        if runs and runs[-1].end + 1 == start:
            runs[-1].end = end
        else:
            runs.append(_Run(start, end, []))
        if block_id is not None:
            runs[-1].blocks.append(block_id)
    return runs


def put(
    session: Session,
    account_id: str,
    unit: UnitClass,
    ranges: Iterable[SerialRange],
    freeze_id: int | None = None,
) -> None:
    """Attach serial ranges to the account, merging with neighbours of the same freeze state."""
    conn = session.connection()
    parts = list(ranges)
    if not parts:
        return
    query = FREE_NEIGHBOURS if freeze_id is None else FROZEN_NEIGHBOURS
    params = {
        **_class_params(account_id, unit),
        "freeze_id": freeze_id,
        "ends_before": [p.start - 1 for p in parts],
        "starts_after": [p.end + 1 for p in parts],
    }
    fresh, grown, gone = [], [], []
    neighbours = [(b.serial_start, b.serial_end, b.id) for b in conn.execute(query, params)]
    for run in merge_runs(parts, neighbours):
        if not run.blocks:
            fresh.append(_block_values(account_id, unit, run, freeze_id))
            continue
        keep, *merged = run.blocks
        grown.append({"block_id": keep, "new_start": run.start, "new_end": run.end})
        gone += merged
    if gone:
        conn.execute(DELETE_BLOCKS, {"ids": gone})
    if grown:
        conn.execute(RESIZE_BLOCK, grown)
    if fresh:
        conn.execute(INSERT_BLOCKS, fresh)


def _block_values(
    account_id: str, unit: UnitClass, run: _Run, freeze_id: int | None
) -> dict[str, Any]:
    return {
        "account_id": account_id,
        "kind": unit.kind.value,
        "vintage": unit.vintage,
        "project": unit.project,
        "serial_start": run.start,
        "serial_end": run.end,
        "freeze_id": freeze_id,
    }


def post(
    session: Session,
    tx_id: int,
    source: str,
    destination: str,
    unit: UnitClass,
    ranges: Iterable[SerialRange],
) -> list[PostingRecord]:
    """Record the double entry of moving `ranges`: −q on the source, +q on the destination."""
    records: list[PostingRecord] = []
    for part in ranges:
        for account, sign in ((source, -1), (destination, 1)):
            records.append(PostingRecord(account, unit, part, sign * part.quantity))
    rows = [
        {
            "tx_id": tx_id,
            "account_id": p.account,
            "kind": unit.kind.value,
            "vintage": unit.vintage,
            "project": unit.project,
            "serial_start": p.serials.start,
            "serial_end": p.serials.end,
            "quantity": p.quantity,
        }
        for p in records
    ]
    if rows:
        session.connection().execute(INSERT_POSTINGS, rows)
    return records


def move(
    session: Session,
    tx_id: int,
    source: str,
    destination: str,
    unit: UnitClass,
    quantity: int,
    exact: SerialRange | None = None,
) -> list[PostingRecord]:
    ranges = take(session, source, unit, quantity, exact)
    put(session, destination, unit, ranges)
    return post(session, tx_id, source, destination, unit, ranges)


def mint(
    session: Session, tx_id: int, destination: str, unit: UnitClass, quantity: int
) -> list[PostingRecord]:
    """Issue `quantity` new units of `unit` to `destination`, with the next serials."""
    key = (unit.kind.value, unit.vintage, unit.project)
    counter = session.get(SerialCounterRow, key, with_for_update=True)
    if counter is None:
        counter = SerialCounterRow(kind=key[0], vintage=key[1], project=key[2], next_serial=1)
        session.add(counter)
    fresh = SerialRange(counter.next_serial, counter.next_serial + quantity - 1)
    if fresh.end > MAX_SEQUENCE:
        raise InputError.one(
            Location(field="quantity"),
            f"issuing {quantity} would exhaust the serial numbers of {unit.label}",
            f"签发 {quantity} 个将超出 {unit.label} 的序列号范围",
            "issue a smaller quantity",
            "请减少签发数量",
        )
    counter.next_serial = fresh.end + 1
    put(session, destination, unit, [fresh])
    return post(session, tx_id, SUPPLY_ACCOUNT, destination, unit, [fresh])
