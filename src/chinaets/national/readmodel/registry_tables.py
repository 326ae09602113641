"""The registry's part of the read model: accounts, holdings by unit class and surrenders, read
in one consistent snapshot of the registry database (grouped in the database, not per account).

Reading is all this does: the registry's service stays the only writer of the ledger.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pyarrow as pa
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from chinaets.core.china import PROVINCES
from chinaets.national.readmodel.dictionary import TABLES
from chinaets.registry.models import AccountRow, BlockRow, SurrenderRow
from chinaets.registry.serials import unit_class
from chinaets.registry.service import Registry

_PROVINCE_BY_CODE = {code: en for en, (_, code) in PROVINCES.items()}


def registry_tables(registry: Registry) -> dict[str, pa.Table]:
    """``accounts``, ``holdings`` and ``surrenders`` as Arrow tables."""
    with registry.reading() as session:
        holdings = _holdings(session)
        accounts = _accounts(session, holdings)
        surrenders = _surrenders(session)
    return {
        "accounts": _arrow("accounts", accounts),
        "holdings": _arrow("holdings", holdings),
        "surrenders": _arrow("surrenders", surrenders),
    }


def _arrow(name: str, rows: list[tuple[Any, ...]]) -> pa.Table:
    spec = TABLES[name]
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in spec.columns]
    return pa.table(
        {c: list(values) for c, values in zip(spec.column_names, columns, strict=True)},
        schema=spec.schema(),
    )


def _holdings(session: Session) -> list[tuple[Any, ...]]:
    size = BlockRow.serial_end - BlockRow.serial_start + 1
    frozen = func.sum(case((BlockRow.freeze_id.is_not(None), size), else_=0))
    query = (
        select(
            BlockRow.account_id, AccountRow.holder, AccountRow.province, BlockRow.kind,
            BlockRow.vintage, BlockRow.project, func.sum(size), frozen,
        )
        .join(AccountRow, AccountRow.id == BlockRow.account_id)
        .group_by(
            BlockRow.account_id, AccountRow.holder, AccountRow.province, BlockRow.kind,
            BlockRow.vintage, BlockRow.project,
        )
        .order_by(BlockRow.account_id, BlockRow.kind, BlockRow.vintage, BlockRow.project)
    )  # fmt: skip
    rows = []
    for account, holder, code, kind, vintage, project, total, frozen_n in session.execute(query):
        label = unit_class(kind, vintage, project).label
        total, frozen_n = int(total), int(frozen_n or 0)
        province = _province(code)
        rows.append(
            (account, holder, province, label, kind, vintage, project, total - frozen_n, frozen_n)
        )
    return rows


def _accounts(session: Session, holdings: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    held: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for account, *_, free, frozen in holdings:
        held[account][0] += free + frozen
        held[account][1] += frozen
    rows = []
    for a in session.scalars(select(AccountRow).order_by(AccountRow.id)):
        province = _province(a.province)
        total, frozen = held.get(a.id, (0, 0))
        rows.append((a.id, a.kind, a.holder, a.name, province, a.state, total, frozen))
    return rows


def _province(code: str | None) -> str:
    return _PROVINCE_BY_CODE.get(code or "", code or "")


def _surrenders(session: Session) -> list[tuple[Any, ...]]:
    """Grouped by entity and class; the province is that of the entity's holding account."""
    provinces = dict(
        session.execute(
            select(AccountRow.holder, AccountRow.province).where(AccountRow.kind == "holding")
        ).all()
    )
    query = (
        select(
            SurrenderRow.compliance_year, SurrenderRow.entity, SurrenderRow.kind,
            SurrenderRow.vintage, SurrenderRow.project, SurrenderRow.forced,
            func.sum(SurrenderRow.quantity),
        )
        .group_by(
            SurrenderRow.compliance_year, SurrenderRow.entity, SurrenderRow.kind,
            SurrenderRow.vintage, SurrenderRow.project, SurrenderRow.forced,
        )
        .order_by(SurrenderRow.entity, SurrenderRow.compliance_year)
    )  # fmt: skip
    return [
        (
            year,
            entity,
            _province(provinces.get(entity)),
            unit_class(kind, vintage, project).label,
            kind,
            int(n),
            bool(forced),
        )
        for year, entity, kind, vintage, project, forced, n in session.execute(query)
    ]
