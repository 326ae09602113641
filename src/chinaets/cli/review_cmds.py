"""`chinaets review start|return|accept|history ID`: the provincial authority's review."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated

import typer
from pydantic import TypeAdapter, ValidationError

from chinaets.cli import render
from chinaets.cli.common import console, user_errors
from chinaets.cli.platform_common import As, Db, acting
from chinaets.core.errors import InputError, Location, Problem
from chinaets.platform import review
from chinaets.platform.schemas import ReviewFinding
from chinaets.platform.store import PlatformStore
from chinaets.platform.submit import utc_now

app = typer.Typer(name="review", help="Review of annual reports / 年度排放报告核查审核",
                  no_args_is_help=True)  # fmt: skip
Id = Annotated[int, typer.Argument(help="submission number (from submit or screen)")]
Findings = Annotated[
    Path | None,
    typer.Option("--findings", help="JSON list of findings: code, severity, en, zh, unit_id, "
                 "month, field"),
]  # fmt: skip
Note = Annotated[str, typer.Option(help="note to the entity / 说明")]
VerifiedOn = Annotated[
    str | None, typer.Option("--verified-on", help="day verification was completed (YYYY-MM-DD)")
]


def register(main: typer.Typer) -> None:
    main.add_typer(app)


def _move(
    db: str | None, user: str | None, sid: int, action: str, decision: review.Decision
) -> None:
    with user_errors():
        store = PlatformStore.open(db)
        event = review.transition(store, sid, action, acting(store, user), utc_now(), decision)
        store.close()
    render.record(console, render.heading(f"submission {sid}", f"报告 {sid}"), {
        "from": event.from_state, "to": event.to_state, "feedback_due": event.feedback_due,
    })  # fmt: skip


@app.command("start")
def start(submission: Id, db: Db = None, user: As = None) -> None:
    """Take a submitted report under review / 开始审核."""
    _move(db, user, submission, "start", review.Decision())


@app.command("return")
def return_(
    submission: Id, db: Db = None, user: As = None, note: Note = "", findings: Findings = None,
    verified_on: VerifiedOn = None,
) -> None:  # fmt: skip
    """Return a report to the entity with findings / 退回并附核查发现."""
    with user_errors():
        drafts = tuple(f.draft() for f in _findings(findings))
        decision = review.Decision("", note, _date(verified_on), drafts)
    _move(db, user, submission, "return", decision)


@app.command("accept")
def accept(
    submission: Id, db: Db = None, user: As = None,
    conclusion: Annotated[str, typer.Option(help="the verifier's conclusion / 核查结论")] = "",
    verified_on: VerifiedOn = None,
) -> None:  # fmt: skip
    """Accept a report as verified / 核查通过."""
    with user_errors():
        decision = review.Decision(conclusion, "", _date(verified_on))
    _move(db, user, submission, "accept", decision)


@app.command("history")
def history(
    submission: Id, db: Db = None, as_json: Annotated[bool, typer.Option("--json")] = False
) -> None:
    """Every transition of the report's versions: who, when, from what to what / 审核记录."""
    with user_errors(as_json):
        store = PlatformStore.open(db)
        with store.reading() as session:
            events = review.history(session, submission)
        store.close()
    rows = [{"submission": e.submission_id, "from": e.from_state, "to": e.to_state,
             "by": e.actor, "role": e.role, "at": e.at,
             "verified_on": e.verified_on, "feedback_due": e.feedback_due, "note": e.note,
             "conclusion": e.conclusion} for e in events]  # fmt: skip
    render.listing(render.heading(f"review history of {submission}", f"报告 {submission} 审核记录"),
                   rows, as_json)  # fmt: skip


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError.one(Location(field="verified-on"), f"'{value}' is not a date",
                             f"“{value}”不是日期", "write YYYY-MM-DD", "请按 YYYY-MM-DD 填写") from None  # fmt: skip


def _findings(path: Path | None) -> list[ReviewFinding]:
    if path is None:
        return []
    try:
        return TypeAdapter(list[ReviewFinding]).validate_python(json.loads(path.read_text("utf-8")))
    except (OSError, ValueError) as exc:
        errors = (
            exc.errors() if isinstance(exc, ValidationError) else [{"loc": (), "msg": str(exc)}]
        )
        raise InputError([Problem(Location(str(path), field=".".join(map(str, e["loc"]))),
                                  f"bad findings file: {e['msg']}", "核查发现文件有误",
                                  "give a JSON list of {code, severity, en, zh}",
                                  "请提供 {code, severity, en, zh} 的 JSON 列表") for e in errors]) from None  # fmt: skip
