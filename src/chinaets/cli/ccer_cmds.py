"""`chinaets ccer …`: projects, documents, lifecycle steps, reductions, issuance, holdings,
cancellations and the public listings of the voluntary mechanism (CCER).

Every command takes `--db URL` (default: $CHINAETS_DB_URL, else sqlite:///chinaets.db) and
`--json`. The console acts as the registry operator; dates are given with `--on YYYY-MM-DD`
(the day the step is taken), so a whole history can be replayed in order.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml
from rich.table import Table

from chinaets.cli.common import console, print_json, print_trace, user_errors
from chinaets.core.errors import InputError, Location
from chinaets.registry.records import SYSTEM
from chinaets.registry.service import Registry
from chinaets.registry.store import DB_URL_ENV, DEFAULT_DB_URL

app = typer.Typer(
    name="ccer",
    help="Voluntary emission reductions (CCER) / 温室气体自愿减排",
    no_args_is_help=True,
)
project_app = typer.Typer(help="Projects / 项目", no_args_is_help=True)
reduction_app = typer.Typer(help="Reduction instalments / 减排量", no_args_is_help=True)
app.add_typer(project_app, name="project")
app.add_typer(reduction_app, name="reduction")

Db = Annotated[str, typer.Option("--db", envvar=DB_URL_ENV, help="database URL")]
Json = Annotated[bool, typer.Option("--json", help="print JSON")]
On = Annotated[str, typer.Option("--on", help="date the step is taken, YYYY-MM-DD")]
Opt = Annotated[str | None, typer.Option()]


def register(parent: typer.Typer) -> None:
    parent.add_typer(app, name="ccer")


def _service(db: str) -> Any:
    from chinaets.ccer.service import CcerService

    registry = Registry.open(db)
    registry.init()
    return CcerService(registry)


def _date(text: str, field: str = "on") -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError.one(
            Location(field=field),
            f"'{text}' is not a date",
            f"“{text}”不是有效日期",
            "write YYYY-MM-DD",
            "请按 YYYY-MM-DD 填写",
        ) from None


def _load(path: Path) -> Any:
    """A JSON or YAML document (a project application, a monitoring report, a body record)."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputError.one(
            Location(file=str(path)),
            f"cannot read the file: {exc}",
            "无法读取文件",
            "give a JSON or YAML file",
            "请提供 JSON 或 YAML 文件",
        ) from None


def _show(data: Any, as_json: bool) -> None:
    if as_json:
        print_json(data)
        return
    rows = data if isinstance(data, list) else [data]
    for row in rows:
        console.print(
            json.dumps(row, ensure_ascii=False, default=str), highlight=False, markup=False
        )


@app.command()
def init(db: Db = DEFAULT_DB_URL, as_json: Json = False) -> None:
    """Create the registry and CCER tables and import the legacy CDM projects."""
    from chinaets.ccer import legacy

    with user_errors(as_json):
        service = _service(db)
        with service.session(write=True) as session:
            result = legacy.import_cdm(session)
    _show({"db": db, "legacy_import": result}, as_json)


@app.command()
def methodologies(as_json: Json = False) -> None:
    """The published methodologies this system implements."""
    from chinaets.ccer.methodologies import METHODOLOGIES

    _show([m.as_dict() for m in METHODOLOGIES.values()], as_json)


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
        service = _service(db)
        data = service.register_body(_load(add)) if add else service.bodies()
    _show(data, as_json)


@project_app.command("create")
def project_create(path: Path, db: Db = DEFAULT_DB_URL, as_json: Json = False) -> None:
    """File a project application (JSON/YAML); eligibility is checked first."""
    with user_errors(as_json):
        _show(_service(db).create_project(SYSTEM, _load(path)), as_json)


@project_app.command("show")
def project_show(
    project_id: str,
    events: bool = typer.Option(False, "--events"),
    db: Db = DEFAULT_DB_URL,
    as_json: Json = False,
) -> None:
    """A project, and with --events its lifecycle history."""
    with user_errors(as_json):
        service = _service(db)
        data: Any = service.project(project_id)
        if events:
            data = {**data, "events": service.events(project_id)}
    _show(data, as_json)


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
        _show(
            _service(db).project_step(
                SYSTEM, project_id, action, _date(on), **{k: v for k, v in params.items() if v}
            ),
            as_json,
        )


@project_app.command("report")
def project_report(
    project_id: str, path: Path, on: On, db: Db = DEFAULT_DB_URL, as_json: Json = False
) -> None:
    """File a monitoring / reduction accounting report {period_start, period_end, monitoring}."""
    with user_errors(as_json):
        _show(_service(db).file_report(SYSTEM, project_id, _load(path), _date(on)), as_json)


@reduction_app.command("show")
def reduction_show(reduction_id: str, db: Db = DEFAULT_DB_URL, as_json: Json = False) -> None:
    with user_errors(as_json):
        _show(_service(db).reduction(reduction_id), as_json)


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
        _show(
            _service(db).reduction_step(
                SYSTEM,
                reduction_id,
                action,
                _date(on),
                **{k: v for k, v in params.items() if v is not None},
            ),
            as_json,
        )


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
        _show(_service(db).issue(SYSTEM, reduction_id, _date(on), quantity), as_json)


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
            _date(on),
            request_id or str(uuid.uuid4()),
            beneficiary,
            entity,
            year,
        )
        _show(_service(db).cancel(SYSTEM, c), as_json)


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
        _show(
            _service(db).transfer(
                SYSTEM,
                request_id or str(uuid.uuid4()),
                source,
                destination,
                unit,
                quantity,
                _date(on),
            ),
            as_json,
        )


@app.command()
def holdings(account: str, db: Db = DEFAULT_DB_URL, as_json: Json = False) -> None:
    """CCER held by an account, by project and vintage, with serial blocks."""
    with user_errors(as_json):
        _show(_service(db).holdings(SYSTEM, account), as_json)


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
        service = _service(db)
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
        service = _service(db)
        with service.session() as session:
            _show(statistics(session), as_json)


@app.command()
def calc(path: Path, trace: bool = typer.Option(False, "--trace"), as_json: Json = False) -> None:
    """Compute one period's reductions from {methodology, period_start, project, monitoring}."""
    from chinaets.ccer import cases
    from chinaets.ccer.methodologies import get_methodology

    with user_errors(as_json):
        data = _load(path)
        start = _date(str(data.get("period_start", "")), "period_start")
        method = get_methodology(str(data.get("methodology")))
        site = cases.applicable_site(method, data.get("project"), start)
        result = cases.calculate(method, site, data.get("monitoring"), start)
    if trace and not as_json:
        print_trace(result.trace)
    _show(
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
        _show(run_demo_projects(registry, seed), as_json)
