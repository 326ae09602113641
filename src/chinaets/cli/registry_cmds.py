"""`chinaets registry …`: the registry operator's console over `chinaets.registry.service`.

Every command takes `--db URL` (default: $CHINAETS_DB_URL, else sqlite:///chinaets.db in the
current directory) and `--json`. Write commands take `--request-id`; without one a fresh id is
generated and printed, and running the command again with that id returns the first result
instead of doing the operation twice. The console acts as the registry operator (all
accounts); role-scoped access is what the REST API's tokens are for.
"""

from __future__ import annotations

import json
import sys
import uuid
from pathlib import Path
from typing import Annotated, Any

import typer

from chinaets.cli.common import user_errors
from chinaets.cli.registry_output import show_result
from chinaets.cli.registry_reads import Db, Json, add_read_commands, ledger_at
from chinaets.core.errors import ChinaetsError
from chinaets.registry.records import SYSTEM
from chinaets.registry.store import DEFAULT_DB_URL

app = typer.Typer(
    name="registry",
    help="Registry ledger: accounts, issuance, transfers, checks / 注册登记",
    no_args_is_help=True,
)
add_read_commands(app)

RequestId = Annotated[
    str | None, typer.Option("--request-id", help="client request id (retry-safe)")
]
Unit = Annotated[
    str, typer.Option("--unit", help="CEA-2021, CEA-1920 (2019-2020), CCER-<project>-<year>")
]
Quantity = Annotated[int, typer.Option("--quantity", "-q", help="units (tonnes)")]


def register(parent: typer.Typer) -> None:
    parent.add_typer(app, name="registry")


def _write(db: str, as_json: bool, op: str, request_id: str | None, body: dict[str, Any]) -> None:
    rid = request_id or str(uuid.uuid4())
    with user_errors(as_json), ledger_at(db) as registry:
        result = registry.submit(SYSTEM, op, {"request_id": rid, **body})
    show_result(result, as_json)


@app.command("open-account")
def open_account(
    kind: Annotated[str, typer.Option(help="holding, provincial_issuing or clearing")],
    holder: Annotated[str, typer.Option(help="credit code, province code or exchange code")],
    name: Annotated[str, typer.Option(help="holder's name")],
    province: Annotated[str | None, typer.Option(help="GB/T 2260 province code")] = None,
    db: Db = DEFAULT_DB_URL,
    as_json: Json = False,
    request_id: RequestId = None,
) -> None:
    """Open an account."""
    body = {"kind": kind, "holder": holder, "name": name, "province": province}
    _write(db, as_json, "open_account", request_id, body)


@app.command("close-account")
def close_account(
    account: str, db: Db = DEFAULT_DB_URL, as_json: Json = False, request_id: RequestId = None
) -> None:
    """Close an empty account."""
    _write(db, as_json, "close_account", request_id, {"account": account})


@app.command()
def issue(
    account: Annotated[str, typer.Option("--to", help="recipient account")],
    unit: Unit,
    quantity: Quantity,
    issue_kind: Annotated[
        str, typer.Option("--kind", help="pre_allocation, true_up, top_up, ccer")
    ],
    issuer: Annotated[str, typer.Option(help="issuing account: MEE or PRV-<province>")] = "MEE",
    note: str = "",
    db: Db = DEFAULT_DB_URL,
    as_json: Json = False,
    request_id: RequestId = None,
) -> None:
    """Issue new units (pre-allocation, true-up, top-up, CCER)."""
    body = {
        "issuer": issuer,
        "account": account,
        "unit": unit,
        "quantity": quantity,
        "issue_kind": issue_kind,
        "note": note,
    }
    _write(db, as_json, "issue", request_id, body)


@app.command()
def transfer(
    source: Annotated[str, typer.Option("--from")],
    destination: Annotated[str, typer.Option("--to")],
    unit: Unit,
    quantity: Quantity,
    serials: Annotated[str | None, typer.Option(help="exact serials, first..last")] = None,
    db: Db = DEFAULT_DB_URL,
    as_json: Json = False,
    request_id: RequestId = None,
) -> None:
    """Transfer units between accounts (lowest serials first, or exact serials)."""
    body = {
        "source": source,
        "destination": destination,
        "unit": unit,
        "quantity": quantity,
        "serials": serials,
    }
    _write(db, as_json, "transfer", request_id, body)


@app.command()
def freeze(
    account: str,
    order: Annotated[str, typer.Option(help="court order number")],
    unit: Annotated[str | None, typer.Option()] = None,
    quantity: Annotated[int | None, typer.Option()] = None,
    db: Db = DEFAULT_DB_URL,
    as_json: Json = False,
    request_id: RequestId = None,
) -> None:
    """Judicially freeze units of an account (or, without --unit/--quantity, the whole account)."""
    body = {"account": account, "order_ref": order, "unit": unit, "quantity": quantity}
    _write(db, as_json, "freeze", request_id, body)


@app.command()
def unfreeze(
    freeze_id: int,
    order: Annotated[str, typer.Option()],
    db: Db = DEFAULT_DB_URL,
    as_json: Json = False,
    request_id: RequestId = None,
) -> None:
    """Lift a judicial freeze."""
    _write(db, as_json, "unfreeze", request_id, {"freeze_id": freeze_id, "order_ref": order})


def _obligation(entity: str, year: int) -> dict[str, Any]:
    return {"entity": entity, "compliance_year": year}


@app.command()
def surrender(
    account: str,
    unit: Unit,
    quantity: Quantity,
    entity: Annotated[str, typer.Option(help="obliged entity's credit code")],
    year: Annotated[int, typer.Option(help="compliance year")],
    forced_by: Annotated[
        str | None, typer.Option("--forced-by", help="order number: forced surrender")
    ] = None,
    db: Db = DEFAULT_DB_URL,
    as_json: Json = False,
    request_id: RequestId = None,
) -> None:
    """Surrender allowances against an obligation (forced with --forced-by ORDER)."""
    body: dict[str, Any] = {
        "account": account,
        "unit": unit,
        "quantity": quantity,
        "obligation": _obligation(entity, year),
    }
    if forced_by is not None:
        _write(db, as_json, "forced_surrender", request_id, {**body, "order_ref": forced_by})
    else:
        _write(db, as_json, "surrender", request_id, body)


@app.command()
def cancel(
    account: str,
    unit: Unit,
    quantity: Quantity,
    reason: Annotated[str, typer.Option(help="voluntary or offsetting")] = "voluntary",
    serials: Annotated[str | None, typer.Option(help="exact serials, first..last")] = None,
    entity: Annotated[str | None, typer.Option(help="offsetting: obliged entity")] = None,
    year: Annotated[int | None, typer.Option(help="offsetting: compliance year")] = None,
    db: Db = DEFAULT_DB_URL,
    as_json: Json = False,
    request_id: RequestId = None,
) -> None:
    """Cancel units: voluntary, or CCER offsetting against an obligation."""
    body: dict[str, Any] = {
        "account": account,
        "unit": unit,
        "quantity": quantity,
        "reason": reason,
        "serials": serials,
    }
    if entity is not None or year is not None:
        body["obligation"] = _obligation(entity or "", year or 0)
    _write(db, as_json, "cancel", request_id, body)


@app.command("carry-over")
def carry_over(
    account: str,
    quantity: Quantity,
    notice: Annotated[str, typer.Option()],
    db: Db = DEFAULT_DB_URL,
    as_json: Json = False,
    request_id: RequestId = None,
) -> None:
    """Convert N units of vintages 2019-2020…2024 into vintage 2025 (结转)."""
    _write(
        db,
        as_json,
        "carry_over",
        request_id,
        {"account": account, "quantity": quantity, "notice_ref": notice},
    )


@app.command()
def deduct(
    account: str,
    unit: Unit,
    quantity: Quantity,
    destination: Annotated[str, typer.Option("--to", help="issuing account receiving the units")],
    reason: Annotated[str, typer.Option()],
    db: Db = DEFAULT_DB_URL,
    as_json: Json = False,
    request_id: RequestId = None,
) -> None:
    """Deduct units back to an issuing account (true-up return, enforcement)."""
    body = {
        "account": account,
        "destination": destination,
        "unit": unit,
        "quantity": quantity,
        "reason": reason,
    }
    _write(db, as_json, "deduct", request_id, body)


@app.command("add-user")
def add_user(
    user_id: str,
    role: Annotated[str, typer.Option()],
    org: Annotated[str, typer.Option()],
    scope: Annotated[list[str] | None, typer.Option(help="verifier: assigned credit codes")] = None,
    db: Db = DEFAULT_DB_URL,
    as_json: Json = False,
    request_id: RequestId = None,
) -> None:
    """Add an API user; prints its bearer token once (needs CHINAETS_TOKEN_PEPPER)."""
    _write(
        db,
        as_json,
        "add_user",
        request_id,
        {"user_id": user_id, "role": role, "org": org, "scope": scope or []},
    )


@app.command()
def submit(
    op: Annotated[str, typer.Argument(help="operation, e.g. transfer")],
    body_file: Annotated[Path, typer.Argument(help="JSON request body ('-' = stdin)")],
    db: Db = DEFAULT_DB_URL,
    as_json: Json = False,
) -> None:
    """Submit any operation as a JSON body (the same body the REST API takes)."""
    with user_errors(as_json):
        text = sys.stdin.read() if str(body_file) == "-" else body_file.read_text(encoding="utf-8")
        try:
            body = json.loads(text)
        except json.JSONDecodeError as exc:
            from chinaets.core.errors import InputError, Location

            raise InputError.one(
                Location(file=str(body_file), field="body"),
                f"not valid JSON: {exc}",
                f"不是有效的 JSON：{exc}",
                "fix the JSON syntax",
                "请修正 JSON 语法",
            ) from None
        with ledger_at(db) as registry:
            result = registry.submit(SYSTEM, op, body)
    show_result(result, as_json)


__all__ = ["ChinaetsError", "app", "register"]
