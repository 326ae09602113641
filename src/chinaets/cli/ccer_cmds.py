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

from chinaets.cli import render
from chinaets.cli.ccer_common import (
    AsCsv,
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
from chinaets.cli.common import print_trace, user_errors
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
def methodologies(as_json: Json = False, as_csv: AsCsv = False) -> None:
    """The published methodologies this system implements."""
    from chinaets.ccer.methodologies import METHODOLOGIES

    rows = [m.as_dict() for m in METHODOLOGIES.values()]
    show_data(rows, as_json, as_csv, ("methodologies", "方法学"))


@app.command()
def transitions(as_json: Json = False, as_csv: AsCsv = False) -> None:
    """The lifecycle as a table: every allowed step, its time limit and legal source."""
    from chinaets.ccer.lifecycle import TRANSITIONS

    rows = [t.as_dict() for t in TRANSITIONS]
    if as_json or as_csv:
        show_data(rows, as_json, as_csv)
        return
    steps = [
        {"subject": r["subject"], "from": r["from"], "to": r["to"], "step": r["en"],
         "step_zh": r["zh"], "period_days": _working_days(r["period"]),
         "period_kind": r["period_kind"], "legal_source": r["legal_source"]}
        for r in rows
    ]  # fmt: skip
    show_data(steps, False, title=("CCER lifecycle", "CCER 生命周期"))


def _working_days(parameter: str | None) -> str | None:
    """A step's time limit as people read it: the parameter's value in force today."""
    from chinaets.ccer import rules
    from chinaets.core.clock import china_now

    if parameter is None:
        return None
    days = rules.parameters().at(china_now().date())(parameter)
    return render.heading(f"{days} working days", f"{days} 个工作日")


@app.command()
def bodies(
    add: Annotated[Path | None, typer.Option("--add", help="JSON/YAML body record")] = None,
    db: Db = DEFAULT_DB_URL,
    as_json: Json = False,
    as_csv: AsCsv = False,
) -> None:
    """List validation and verification bodies, or record one with --add."""
    with user_errors(as_json):
        service = open_service(db)
        data = service.register_body(load_document(add)) if add else service.bodies()
    show_data(data, as_json, as_csv, ("validation and verification bodies", "审定与核查机构"))


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
def holdings(
    account: Annotated[str, typer.Argument(help="account id, e.g. ENT-91441500MA0000001B")],
    db: Db = DEFAULT_DB_URL,
    as_json: Json = False,
    as_csv: AsCsv = False,
) -> None:
    """CCER held by an account, by project and vintage, with serial blocks."""
    with user_errors(as_json):
        held = open_service(db).holdings(SYSTEM, account)
    show_data(held, as_json, as_csv, (f"CCER held by {account}", f"{account} 持有的 CCER"))


@app.command()
def public(
    tab: str = typer.Argument(
        ...,
        help="projects_in_notice, registered_projects, reductions_in_notice, registered_reductions, issued_reductions",
    ),
    db: Db = DEFAULT_DB_URL,
    as_json: Json = False,
    as_csv: AsCsv = False,
) -> None:
    """A public listing, like the registry's public tabs."""
    from chinaets.ccer.listings import TABS, listing

    with user_errors(as_json):
        service = open_service(db)
        with service.session() as session:
            rows = listing(session, tab)
    if as_json or as_csv:
        show_data(rows, as_json, as_csv)
        return
    shown = [
        {"id": row.get("reduction_id") or row["project_id"], "name": row["project_name"],
         "project_type": row["project_type"], "methodology": row["methodology"],
         "province": row["province"],
         "quantity_t": row.get("certified_t") or row.get("issued_t") or row["expected_annual_t"],
         "notice": f"{row['notice_start'] or ''}..{row['notice_end'] or ''}"}
        for row in rows
    ]  # fmt: skip
    show_data(shown, False, title=(TABS[tab][1], TABS[tab][2]))


@app.command()
def stats(db: Db = DEFAULT_DB_URL, as_json: Json = False, as_csv: AsCsv = False) -> None:
    """Market statistics: projects applied and registered, CCER registered and issued."""
    from chinaets.ccer.listings import statistics

    with user_errors(as_json):
        service = open_service(db)
        with service.session() as session:
            found = statistics(session)
    show_data(found, as_json, as_csv, ("CCER statistics", "CCER 统计"))


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
        print_trace(result.trace, render.lang())
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
