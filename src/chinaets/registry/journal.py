"""The transaction journal both write paths share: the general one (`service` with an ORM
session, `operations`) and the transfer hot path (`transfer_path`, batched Core statements).

A request is journalled in three moves: *claim* its request id by inserting the transaction
row (`INSERT … ON CONFLICT DO NOTHING RETURNING id`: a concurrent twin waits for the first
commit, then inserts nothing); build the *recorded* result and the audit payload; *store* the
result on the row (a retry returns exactly it, `prior`). Both paths use these statements and
functions, so a request gives the same rows whichever path took it.
"""

from __future__ import annotations

import json
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from chinaets.core.errors import InputError, Location
from chinaets.registry import records as r
from chinaets.registry.models import TransactionRow
from chinaets.registry.records import Call, PostingRecord, TxResult, canonical

TRANSACTIONS = cast(Table, TransactionRow.__table__)
STORE_RESULT = (
    update(TRANSACTIONS)
    .where(TRANSACTIONS.c.id == bindparam("tx_id"))
    .values(result=bindparam("tx_result"))
)


def _claim_statement(dialect_insert: Any) -> Any:
    """INSERT the transaction row unless its request id exists, RETURNING its id."""
    names = ("request_id", "request_hash", "op", "actor", "created_at", "request")
    return (
        dialect_insert(TRANSACTIONS)
        .values({**{n: bindparam(f"claim_{n}") for n in names}, "result": "{}"})
        .on_conflict_do_nothing(index_elements=["request_id"])
        .returning(TRANSACTIONS.c.id)
    )


CLAIMS = {"postgresql": _claim_statement(pg_insert), "sqlite": _claim_statement(sqlite_insert)}


def claim_params(call: Call, stamp: str) -> dict[str, Any]:
    return {
        "claim_request_id": call.key,
        "claim_request_hash": call.digest,
        "claim_op": call.request.op.value,
        "claim_actor": call.actor.user_id,
        "claim_created_at": stamp,
        "claim_request": call.body_text,
    }


def claim(conn: Connection, call: Call, stamp: str) -> int | None:
    """Insert the transaction row, claiming the request id; None if the id is already taken.

    `ON CONFLICT DO NOTHING` makes a concurrent twin wait for the first request's commit and
    then insert nothing (no error, so this also works inside a caller's transaction), and saves
    the separate look-up a first request would otherwise need."""
    tx_id: int | None = conn.execute(CLAIMS[conn.dialect.name], claim_params(call, stamp)).scalar()
    return tx_id


def recorded(
    call: Call,
    tx_id: int,
    stamp: str,
    postings: list[PostingRecord],
    status: str,
    detail: dict[str, Any],
) -> tuple[TxResult, str, str]:
    """The result, its canonical text (stored, and returned to a retry) and the audit
    payload: canonical({"request": body, "result": result, "tx_id": id}), built from the
    canonical texts already made (keys in sorted order) instead of serialising them again."""
    result = TxResult(
        tx_id,
        call.request_id,
        call.request.op,
        status,
        stamp,
        tuple(p.as_json() for p in postings),
        detail,
    )
    result_text = canonical(result.as_json())
    payload = f'{{"request":{call.body_text},"result":{result_text},"tx_id":{tx_id}}}'
    return TxResult.from_json(json.loads(result_text)), result_text, payload


def prior(conn: Connection, call: Call) -> r.TxResult | None:
    """The stored result of the caller's organisation's request with this id, if any."""
    query = select(TRANSACTIONS.c.request_hash, TRANSACTIONS.c.result).where(
        TRANSACTIONS.c.request_id == call.key
    )
    row = conn.execute(query).first()
    if row is None:
        return None
    request_id = call.request_id
    if row.request_hash != call.digest:
        raise InputError.one(
            Location(field="request_id"),
            f"request id '{request_id}' was already used for a different request",
            f"请求编号 '{request_id}' 已用于另一笔不同的请求",
            "use a new request id for a new operation; reuse an id only to retry the same request",
            "新操作请使用新的请求编号；只有重试同一请求时才可重复使用",
        )
    return r.TxResult.from_json(json.loads(row.result))
