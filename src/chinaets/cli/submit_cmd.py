"""`chinaets submit PATH…`: put reports and monthly deposits into the platform's store."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Annotated

import typer

from chinaets.cli import render
from chinaets.cli.common import console, err_console, print_json, user_errors
from chinaets.platform.intake import gather
from chinaets.platform.records import Outcome
from chinaets.platform.store import PlatformStore
from chinaets.platform.submit import submit_batch

EXIT_REFUSED = 2
Db = Annotated[
    str | None,
    typer.Option(
        "--db", help="database URL (default: $CHINAETS_DB_URL, else sqlite:///chinaets.db)"
    ),
]
_STYLE = {"stored": "green", "duplicate": "cyan", "refused": "bold red"}


def register(app: typer.Typer) -> None:
    app.command("submit")(submit)


def submit(
    paths: Annotated[
        list[Path], typer.Argument(help="report or deposit files, folders or ZIP archives")
    ],
    db: Db = None,
    submitter: Annotated[
        str | None, typer.Option("--as", help="who submits (default: the login name)")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="the outcomes as JSON")] = False,
) -> None:
    """Validate, account, check and store reports and monthly deposits of any sector; every
    file's outcome is listed (stored / duplicate / refused with the reasons). Exits 2 when a
    file was refused; the valid files of the batch are stored all the same.
    提交排放报告与月度存证：逐个文件校验、核算、检查并入库；有文件被拒收时退出码为 2。"""
    with user_errors(as_json):
        store = PlatformStore.open(db)
        uploads, refused = gather(paths)
        outcomes = refused + submit_batch(store, uploads, submitter or getpass.getuser())
        store.close()
    if as_json:
        print_json([o.as_dict() for o in outcomes])
    else:
        _print(outcomes)
    if any(o.status == "refused" for o in outcomes):
        raise typer.Exit(EXIT_REFUSED)


def _print(outcomes: list[Outcome]) -> None:
    rows = []
    for o in outcomes:
        period = "" if o.year is None else f"{o.year}" + (f"-{o.month:02d}" if o.month else "")
        report = o.version and o.kind == "report"
        rows.append({"file": o.name, "outcome": o.status,
                     "submission": f"{o.credit_code} {period} v{o.version}" if o.version else None,
                     "errors": o.errors if o.version else None,
                     "warnings": o.warnings if o.version else None,
                     "total_tco2": round(o.total_t) if report else None,
                     "tco2_from_defaults": round(o.defaults_t) if report else None})  # fmt: skip
    render.listing(render.heading("submissions", "提交结果"), rows)
    for o in outcomes:
        for problem in o.problems:
            err_console.print(
                f"- {problem.render()}", markup=False, highlight=False, soft_wrap=True
            )
    counts = {s: sum(o.status == s for o in outcomes) for s in _STYLE}
    console.print(render.heading(
        f"{counts['stored']} stored, {counts['duplicate']} duplicate(s), {counts['refused']} refused",
        f"入库 {counts['stored']} 个，重复 {counts['duplicate']} 个，拒收 {counts['refused']} 个",
    ))  # fmt: skip
