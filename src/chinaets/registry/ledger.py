"""Block and posting mechanics inside one open session. Nothing here commits: the service
wraps every call in its single transaction.

- `take` detaches units from an account's free (unfrozen) blocks: the lowest serials first, or
  an exact serial range; a block only partly taken is split.
- `put` attaches serial ranges to an account, merging with adjacent blocks so that holdings stay
  a few large blocks.
- `move` = take + put + two postings per range (−q from the source, +q to the destination).
- `mint` draws fresh serials from the unit class's counter and posts them from SUPPLY.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import Session

from chinaets.core.errors import InputError, Location
from chinaets.registry.ids import SUPPLY_ACCOUNT
from chinaets.registry.models import AccountRow, BlockRow, PostingRow, SerialCounterRow
from chinaets.registry.records import Account, AccountKind, AccountState, PostingRecord
from chinaets.registry.serials import MAX_SEQUENCE, SerialRange, UnitClass, format_range


def to_account(row: AccountRow) -> Account:
    return Account(
        row.id, AccountKind(row.kind), row.holder, row.name, row.province, AccountState(row.state)
    )


def lock_accounts(session: Session, ids: Iterable[str]) -> dict[str, AccountRow]:
    """Load and lock (PostgreSQL: FOR UPDATE) the accounts, always in id order."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    query = (
        select(AccountRow)
        .where(AccountRow.id.in_(wanted))
        .order_by(AccountRow.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return {row.id: row for row in session.scalars(query)}


def _of_class(account_id: str, unit: UnitClass) -> ColumnElement[bool]:
    return and_(
        BlockRow.account_id == account_id,
        BlockRow.kind == unit.kind.value,
        BlockRow.vintage == unit.vintage,
        BlockRow.project == unit.project,
    )


def free_blocks(session: Session, account_id: str, unit: UnitClass) -> list[BlockRow]:
    query = (
        select(BlockRow)
        .where(_of_class(account_id, unit), BlockRow.freeze_id.is_(None))
        .order_by(BlockRow.serial_start)
    )
    return list(session.scalars(query))


def _shortfall(account_id: str, unit: UnitClass, wanted: int, available: int) -> InputError:
    return InputError.one(
        Location(field="quantity"),
        f"account {account_id} has {available} free {unit.label} units; {wanted} were asked for",
        f"账户 {account_id} 可用的 {unit.label} 只有 {available} 个，申请数量为 {wanted}",
        "ask for at most the free quantity (frozen units cannot move), or use another vintage",
        "请将数量减至可用数量以内（冻结的单位不能移动），或改用其他年度",
    )


def take(
    session: Session, account_id: str, unit: UnitClass, quantity: int, exact: SerialRange | None
) -> list[SerialRange]:
    """Detach `quantity` free units (or exactly `exact`) of `unit` from the account."""
    if exact is not None:
        return [_take_exact(session, account_id, unit, exact)]
    blocks = free_blocks(session, account_id, unit)
    available = sum(b.serial_end - b.serial_start + 1 for b in blocks)
    if available < quantity:
        raise _shortfall(account_id, unit, quantity, available)
    taken, need = [], quantity
    for block in blocks:
        if need == 0:
            break
        size = block.serial_end - block.serial_start + 1
        if size <= need:
            taken.append(SerialRange(block.serial_start, block.serial_end))
            session.delete(block)
            need -= size
        else:
            taken.append(SerialRange(block.serial_start, block.serial_start + need - 1))
            block.serial_start += need
            need = 0
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


def ensure_available(
    session: Session, account_id: str, unit: UnitClass, quantity: int, exact: SerialRange | None
) -> None:
    """Raise the error `take` would raise, without changing anything."""
    if exact is not None:
        _exact_blocks(session, account_id, unit, exact)
        return
    available = sum(
        b.serial_end - b.serial_start + 1 for b in free_blocks(session, account_id, unit)
    )
    if available < quantity:
        raise _shortfall(account_id, unit, quantity, available)


def _exact_blocks(
    session: Session, account_id: str, unit: UnitClass, exact: SerialRange
) -> list[BlockRow]:
    query = (
        select(BlockRow)
        .where(
            _of_class(account_id, unit),
            BlockRow.serial_end >= exact.start,
            BlockRow.serial_start <= exact.end,
        )
        .order_by(BlockRow.serial_start)
    )
    blocks = list(session.scalars(query))
    expected = exact.start
    for block in blocks:
        if block.freeze_id is not None or block.serial_start > expected:
            raise _not_held(account_id, unit, exact)
        expected = block.serial_end + 1
    if expected <= exact.end:
        raise _not_held(account_id, unit, exact)
    return blocks


def _take_exact(
    session: Session, account_id: str, unit: UnitClass, exact: SerialRange
) -> SerialRange:
    for block in _exact_blocks(session, account_id, unit, exact):
        _carve(session, block, exact)
    return exact


def _carve(session: Session, block: BlockRow, cut: SerialRange) -> None:
    """Remove the serials of `cut` from `block`, keeping what lies left and right of it."""
    left = block.serial_start < cut.start
    right = block.serial_end > cut.end
    if left and right:
        session.add(_copy(block, cut.end + 1, block.serial_end))
        block.serial_end = cut.start - 1
    elif left:
        block.serial_end = cut.start - 1
    elif right:
        block.serial_start = cut.end + 1
    else:
        session.delete(block)


def _copy(block: BlockRow, start: int, end: int) -> BlockRow:
    return BlockRow(
        account_id=block.account_id,
        kind=block.kind,
        vintage=block.vintage,
        project=block.project,
        serial_start=start,
        serial_end=end,
        freeze_id=block.freeze_id,
    )


def put(
    session: Session,
    account_id: str,
    unit: UnitClass,
    ranges: Iterable[SerialRange],
    freeze_id: int | None = None,
) -> None:
    """Attach serial ranges to the account, merging with neighbours of the same freeze state."""
    same = BlockRow.freeze_id.is_(None) if freeze_id is None else BlockRow.freeze_id == freeze_id
    for part in ranges:
        query = select(BlockRow).where(
            _of_class(account_id, unit),
            same,
            (BlockRow.serial_end == part.start - 1) | (BlockRow.serial_start == part.end + 1),
        )
        neighbours = {b.serial_end == part.start - 1: b for b in session.scalars(query)}
        left, right = neighbours.get(True), neighbours.get(False)
        if left is not None and right is not None:
            left.serial_end = right.serial_end
            session.delete(right)
        elif left is not None:
            left.serial_end = part.end
        elif right is not None:
            right.serial_start = part.start
        else:
            session.add(_new_block(account_id, unit, part, freeze_id))


def _new_block(
    account_id: str, unit: UnitClass, part: SerialRange, freeze_id: int | None
) -> BlockRow:
    return BlockRow(
        account_id=account_id,
        kind=unit.kind.value,
        vintage=unit.vintage,
        project=unit.project,
        serial_start=part.start,
        serial_end=part.end,
        freeze_id=freeze_id,
    )


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
    session.add_all(
        PostingRow(
            tx_id=tx_id,
            account_id=r.account,
            kind=r.unit.kind.value,
            vintage=r.unit.vintage,
            project=r.unit.project,
            serial_start=r.serials.start,
            serial_end=r.serials.end,
            quantity=r.quantity,
        )
        for r in records
    )
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
