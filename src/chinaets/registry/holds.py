"""T+1 across the registry: units bought on the exchange stay in the buyer's account until the
exchange closes the trading day they were bought on.

The exchange already refuses to sell units bought today (`market.problems`). Without a hold,
the buyer could move them by a plain registry transfer to an account of its own or of a
partner, which could sell them at once. So a delivery that the exchange marks `hold=True`
(`Registry.execute(..., exchange_settlement=True, hold=True)`) records a hold on the delivered
quantity; a transfer that is not exchange settlement may move only the free units beyond the
held ones; the exchange's `ReleaseHolds` at the close of the day ends them. Surrender,
cancellation and the exchange's own escrow are not transfers out of the holder's control and
are not limited by a hold (the exchange applies its own rule to sell orders).
"""

from __future__ import annotations

from typing import cast

from sqlalchemy import Connection, Table, bindparam, func, select, update
from sqlalchemy.orm import Session

from chinaets.registry import checks, queries
from chinaets.registry.models import HoldRow
from chinaets.registry.records import Transfer
from chinaets.registry.serials import UnitClass

HOLDS = cast(Table, HoldRow.__table__)
HELD = select(func.coalesce(func.sum(HOLDS.c.quantity), 0)).where(
    HOLDS.c.account_id == bindparam("source"),
    HOLDS.c.kind == bindparam("kind"),
    HOLDS.c.vintage == bindparam("vintage"),
    HOLDS.c.project == bindparam("project"),
    HOLDS.c.released_tx_id.is_(None),
)


def record(session: Session, tx_id: int, req: Transfer) -> None:
    """Hold what this delivery brought into the buyer's account."""
    unit = req.unit
    session.add(
        HoldRow(
            account_id=req.destination,
            clearing_id=req.source,
            kind=unit.kind.value,
            vintage=unit.vintage,
            project=unit.project,
            quantity=req.quantity,
            tx_id=tx_id,
        )
    )


def held(reader: Session | Connection, account_id: str, unit: UnitClass) -> int:
    params = {
        "source": account_id,
        "kind": unit.kind.value,
        "vintage": unit.vintage,
        "project": unit.project,
    }
    return int(reader.execute(HELD, params).scalar_one())


def check_transfer(reader: Session | Connection, req: Transfer, held_quantity: int) -> None:
    """Refuse a transfer that would move held units (`held_quantity` of the source's)."""
    if not held_quantity:
        return
    free = queries.free_quantity(reader, req.source, req.unit)
    movable = max(free - held_quantity, 0)
    if req.quantity > movable:
        raise checks.problem(
            "quantity",
            f"{held_quantity:,} of the {free:,} free {req.unit.label} units in {req.source} were "
            "bought on the exchange on a trading day that is still open; T+1 keeps them in the "
            f"account until the day closes, so at most {movable:,} may be transferred now",
            f"账户 {req.source} 可用的 {free:,} 个 {req.unit.label} 中有 {held_quantity:,} 个为当日"
            f"通过交易所买入，按 T+1 规则在当日收市前不得转出，现在最多可转出 {movable:,} 个",
            f"transfer at most {movable:,} now, the rest after the exchange closes the day",
            f"现在最多转出 {movable:,} 个，其余请于交易所收市后转出",
        )


def release(session: Session, tx_id: int, clearing_id: str) -> int:
    """End every hold from deliveries out of this clearing account; how many ended."""
    open_holds = (HOLDS.c.clearing_id == clearing_id, HOLDS.c.released_tx_id.is_(None))
    ending = session.execute(select(func.count()).where(*open_holds)).scalar_one()
    session.execute(update(HOLDS).where(*open_holds).values(released_tx_id=tx_id))
    return int(ending)
