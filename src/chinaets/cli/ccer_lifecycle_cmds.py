"""`chinaets ccer project …` and `chinaets ccer reduction …`: the lifecycle steps of projects
and of their reduction instalments (see `chinaets ccer transitions` for the table)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from chinaets.cli.ccer_common import (
    Db,
    Json,
    On,
    Opt,
    load_document,
    open_service,
    parse_date,
    show_data,
)
from chinaets.cli.common import user_errors
from chinaets.registry.records import SYSTEM
from chinaets.registry.store import DEFAULT_DB_URL

project_app = typer.Typer(help="Projects / 项目", no_args_is_help=True)
reduction_app = typer.Typer(help="Reduction instalments / 减排量", no_args_is_help=True)


@project_app.command("create")
def project_create(path: Path, db: Db = DEFAULT_DB_URL, as_json: Json = False) -> None:
    """File a project application (JSON/YAML); eligibility is checked first."""
    with user_errors(as_json):
        show_data(open_service(db).create_project(SYSTEM, load_document(path)), as_json)


@project_app.command("show")
def projectshow(
    project_id: str,
    events: bool = typer.Option(False, "--events"),
    db: Db = DEFAULT_DB_URL,
    as_json: Json = False,
) -> None:
    """A project, and with --events its lifecycle history."""
    with user_errors(as_json):
        service = open_service(db)
        data: Any = service.project(project_id)
        if events:
            data = {**data, "events": service.events(project_id)}
    show_data(data, as_json)


@project_app.command("step")
def project_step(
    project_id: str,
    action: str,
    on: On,
    validator: Opt = None,
    body: Opt = None,
    author: Opt = None,
    text: Opt = None,
    reason: Opt = None,
    db: Db = DEFAULT_DB_URL,
    as_json: Json = False,
) -> None:
    """Take a lifecycle step: publish_design --validator, comment --text, file_validation
    --body, file_negative_validation --body, apply_registration, register, reject --reason,
    revise, start_monitoring, deregister --reason."""
    with user_errors(as_json):
        params = {
            "validator": validator,
            "body": body,
            "author": author,
            "text": text,
            "reason": reason,
        }
        show_data(
            open_service(db).project_step(
                SYSTEM, project_id, action, parse_date(on), **{k: v for k, v in params.items() if v}
            ),
            as_json,
        )


@project_app.command("report")
def project_report(
    project_id: str, path: Path, on: On, db: Db = DEFAULT_DB_URL, as_json: Json = False
) -> None:
    """File a monitoring / reduction accounting report {period_start, period_end, monitoring}."""
    with user_errors(as_json):
        show_data(
            open_service(db).file_report(SYSTEM, project_id, load_document(path), parse_date(on)),
            as_json,
        )


@reduction_app.command("show")
def reductionshow(reduction_id: str, db: Db = DEFAULT_DB_URL, as_json: Json = False) -> None:
    with user_errors(as_json):
        show_data(open_service(db).reduction(reduction_id), as_json)


@reduction_app.command("step")
def reduction_step(
    reduction_id: str,
    action: str,
    on: On,
    body: Opt = None,
    verified: Annotated[int | None, typer.Option("--verified", help="verified tonnes")] = None,
    quantity: Annotated[int | None, typer.Option("--quantity", "-q")] = None,
    author: Opt = None,
    text: Opt = None,
    reason: Opt = None,
    db: Db = DEFAULT_DB_URL,
    as_json: Json = False,
) -> None:
    """publish_reductions, comment --text, file_verification --body --verified,
    apply_registration --quantity, register, reject --reason, issue."""
    params = {
        "body": body,
        "verified_t": verified,
        "quantity": quantity,
        "author": author,
        "text": text,
        "reason": reason,
    }
    with user_errors(as_json):
        show_data(
            open_service(db).reduction_step(
                SYSTEM,
                reduction_id,
                action,
                parse_date(on),
                **{k: v for k, v in params.items() if v is not None},
            ),
            as_json,
        )
