"""`chinaets ccer …`: projects, documents, lifecycle steps, reductions, issuance, holdings,
cancellations and the public listings of the voluntary mechanism (CCER).

Every command takes `--db URL` (default: $CHINAETS_DB_URL, else sqlite:///chinaets.db) and
`--json`. The console acts as the registry operator; dates are given with `--on YYYY-MM-DD`
(the day the step is taken), so a whole history can be replayed in order.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

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
from chinaets.cli.ccer_lifecycle_cmds import project_app, reduction_app
from chinaets.cli.common import console, print_json, print_trace, user_errors
from chinaets.core.errors import InputError, Location
from chinaets.registry.records import SYSTEM
from chinaets.registry.service import Registry
from chinaets.registry.store import DEFAULT_DB_URL

app = typer.Typer(
    name="ccer",
    help="Voluntary emission reductions (CCER) / 温室气体自愿减排",
    no_args_is_help=True,
)
app.add_typer(project_app, name="project")
app.add_typer(reduction_app, name="reduction")


def register(parent: typer.Typer) -> None:
    parent.add_typer(app, name="ccer")


@app.command()
def init(db: Db = DEFAULT_DB_URL, as_json: Json = False) -> None:
    """Create the registry and CCER tables and import the legacy CDM projects."""
    from chinaets.ccer import legacy

    with user_errors(as_json):
        service = open_service(db)
        with service.session(write=True) as session:
            result = legacy.import_cdm(session)
    show_data({"db": db, "legacy_import": result}, as_json)


@app.command()
def methodologies(as_json: Json = False) -> None:
    """The published methodologies this system implements."""
    from chinaets.ccer.methodologies import METHODOLOGIES

    show_data([m.as_dict() for m in METHODOLOGIES.values()], as_json)


@app.command()
def transitions(as_json: Json = False) -> None:
    """The lifecycle as a table: every allowed step, its time limit and legal source."""
    from chinaets.ccer.lifecycle import TRANSITIONS

    if as_json:
        print_json([t.as_dict() for t in TRANSITIONS])
        return
    table = Table(title="CCER lifecycle / 生命周期", show_lines=True)
    for column in ("subject", "from → to", "action / 步骤", "period", "source / 依据"):
        table.add_column(column, overflow="fold")
    for t in TRANSITIONS:
        period = f"{t.period} ({t.period_kind})" if t.period else ""
        table.add_row(
            t.subject.value,
            f"{t.source} → {t.target}",
            f"{t.action}\n{t.zh}",
            period,
            t.legal_source,
        )
    console.print(table)


@app.command()
def bodies(
    add: Annotated[Path | None, typer.Option("--add", help="JSON/YAML body record")] = None,
    db: Db = DEFAULT_DB_URL,
    as_json: Json = False,
) -> None:
    """List validation and verification bodies, or record one with --add."""
    with user_errors(as_json):
        service = open_service(db)
        data = service.register_body(load_document(add)) if add else service.bodies()
    show_data(data, as_json)


@app.command()
def issue(
    reduction_id: str,
    on: On,
    quantity: Annotated[int | None, typer.Option("--quantity", "-q")] = None,
    db: Db = DEFAULT_DB_URL,
    as_json: Json = False,
) -> None:
    """Issue a registered instalment into the owner's registry account (serial-numbered blocks)."""
    with user_errors(as_json):
        show_data(open_service(db).issue(SYSTEM, reduction_id, parse_date(on), quantity), as_json)


@app.command()
def cancel(
    account: Annotated[str, typer.Option("--account")],
    unit: Annotated[str, typer.Option("--unit", help="CCER-<project>-<year>")],
    quantity: Annotated[int, typer.Option("--quantity", "-q")],
    on: On,
    purpose: Annotated[
        str,
        typer.Option(
            "--purpose",
            help="ets_offsetting, local_ets_offsetting, voluntary, event_neutrality, corporate_neutrality",
        ),
    ],
    beneficiary: Annotated[str, typer.Option("--beneficiary")] = "",
    entity: Opt = None,
    year: Annotated[int | None, typer.Option("--year", help="compliance year (offsetting)")] = None,
    request_id: Opt = None,
    db: Db = DEFAULT_DB_URL,
    as_json: Json = False,
) -> None:
    """Cancel CCER (注销): ETS offsetting against an obligation, voluntary, event neutrality."""
    from chinaets.ccer.units import Cancellation, Purpose

    with user_errors(as_json):
        try:
            chosen = Purpose(purpose)
        except ValueError:
            raise InputError.one(
                Location(field="purpose"),
                f"unknown purpose '{purpose}'",
                f"未知的注销用途“{purpose}”",
                f"use one of {', '.join(p.value for p in Purpose)}",
                "请使用所列用途之一",
            ) from None
        c = Cancellation(
            account,
            unit,
            quantity,
            chosen,
            parse_date(on),
            request_id or str(uuid.uuid4()),
            beneficiary,
            entity,
            year,
        )
        show_data(open_service(db).cancel(SYSTEM, c), as_json)


@app.command()
def transfer(
    source: Annotated[str, typer.Option("--from")],
    destination: Annotated[str, typer.Option("--to")],
    unit: Annotated[str, typer.Option("--unit")],
    quantity: Annotated[int, typer.Option("--quantity", "-q")],
    on: On,
    request_id: Opt = None,
    db: Db = DEFAULT_DB_URL,
    as_json: Json = False,
) -> None:
    """Deliver CCER between accounts (a trade's settlement)."""
    with user_errors(as_json):
        show_data(
            open_service(db).transfer(
                SYSTEM,
                request_id or str(uuid.uuid4()),
                source,
                destination,
                unit,
                quantity,
                parse_date(on),
            ),
            as_json,
        )


@app.command()
def holdings(account: str, db: Db = DEFAULT_DB_URL, as_json: Json = False) -> None:
    """CCER held by an account, by project and vintage, with serial blocks."""
    with user_errors(as_json):
        show_data(open_service(db).holdings(SYSTEM, account), as_json)


@app.command()
def public(
    tab: str = typer.Argument(
        ...,
        help="projects_in_notice, registered_projects, reductions_in_notice, registered_reductions, issued_reductions",
    ),
    db: Db = DEFAULT_DB_URL,
    as_json: Json = False,
) -> None:
    """A public listing, like the registry's public tabs."""
    from chinaets.ccer.listings import TABS, listing

    with user_errors(as_json):
        service = open_service(db)
        with service.session() as session:
            rows = listing(session, tab)
    if as_json:
        print_json(rows)
        return
    table = Table(title=f"{TABS[tab][1]} / {TABS[tab][2]}")
    for column in ("id", "name / 名称", "type", "methodology", "province", "t", "notice"):
        table.add_column(column, overflow="fold")
    for row in rows:
        t = row.get("certified_t") or row.get("issued_t") or row["expected_annual_t"]
        notice = f"{row['notice_start'] or ''}..{row['notice_end'] or ''}"
        table.add_row(
            row.get("reduction_id") or row["project_id"],
            row["project_name"],
            row["project_type"],
            row["methodology"],
            row["province"] or "",
            f"{t:,}",
            notice,
        )
    console.print(table)


@app.command()
def stats(db: Db = DEFAULT_DB_URL, as_json: Json = False) -> None:
    """Market statistics: projects applied and registered, CCER registered and issued."""
    from chinaets.ccer.listings import statistics

    with user_errors(as_json):
        service = open_service(db)
        with service.session() as session:
            show_data(statistics(session), as_json)


@app.command()
def calc(path: Path, trace: bool = typer.Option(False, "--trace"), as_json: Json = False) -> None:
    """Compute one period's reductions from {methodology, period_start, project, monitoring}."""
    from chinaets.ccer import cases
    from chinaets.ccer.methodologies import get_methodology

    with user_errors(as_json):
        data = load_document(path)
        start = parse_date(str(data.get("period_start", "")), "period_start")
        method = get_methodology(str(data.get("methodology")))
        site = cases.applicable_site(method, data.get("project"), start)
        result = cases.calculate(method, site, data.get("monitoring"), start)
    if trace and not as_json:
        print_trace(result.trace)
    show_data(
        {**result.as_dict(), **({"trace": result.trace.as_dict()} if trace and as_json else {})},
        as_json,
    )


@app.command()
def demo(seed: int = 0, db: Db = DEFAULT_DB_URL, as_json: Json = False) -> None:
    """Take three demo projects (offshore wind, solar thermal, afforestation) to issuance."""
    from chinaets.ccer.demo import run_demo_projects

    with user_errors(as_json):
        registry = Registry.open(db)
        registry.init()
        show_data(run_demo_projects(registry, seed), as_json)
