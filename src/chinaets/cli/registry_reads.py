"""`chinaets registry …` commands that read the ledger: init, check, verify-audit, accounts,
totals, statement; and what every registry command shares (`--db`, `--json`, the registry at a
URL). The write commands are in `registry_cmds`, which adds these to its Typer app."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from chinaets.cli import render
from chinaets.cli.common import console, print_json, user_errors
from chinaets.cli.registry_output import report, write_csv
from chinaets.core.clock import china_now
from chinaets.core.labels import chinese_half
from chinaets.registry import anchors, audit, invariants, queries
from chinaets.registry.records import SYSTEM
from chinaets.registry.service import Registry
from chinaets.registry.settings import PEPPER_ENV, THRESHOLD_ENV, check_pepper, check_threshold
from chinaets.registry.store import DB_URL_ENV, DEFAULT_DB_URL, require_existing

Db = Annotated[str, typer.Option("--db", envvar=DB_URL_ENV, help="ledger database URL")]
Json = render.AsJson


@contextmanager
def ledger_at(db: str, create: bool = False) -> Iterator[Registry]:
    """The registry at `db` (which must exist unless `create`), its connections closed when
    the command ends."""
    if not create:
        require_existing(db)
    pepper = os.environ.get(PEPPER_ENV)
    threshold = check_threshold(os.environ.get(THRESHOLD_ENV))
    registry = Registry.open(
        db, token_pepper=check_pepper(pepper) if pepper else None, four_eyes_threshold=threshold
    )
    try:
        yield registry
    finally:
        registry.engine.dispose()


def init(db: Db = DEFAULT_DB_URL, as_json: Json = False) -> None:
    """Create or upgrade the ledger schema and the system accounts (MEE, CANCELLED, SUPPLY)."""
    with user_errors(as_json), ledger_at(db, create=True) as registry:
        created = registry.init()
    if as_json:
        print_json({"db": db, "created": created})
    else:
        console.print(
            render.heading(f"registry ready: {db}", f"登记簿已就绪：{db}"), highlight=False
        )


def check(db: Db = DEFAULT_DB_URL, as_json: Json = False) -> None:
    """Run every ledger invariant; exit 1 if any is broken."""
    with user_errors(as_json), ledger_at(db) as registry, registry.reading() as session:
        found = invariants.run_all(session)
    report(found, as_json, ("all invariants hold", "全部不变量成立"))


def verify_audit(
    db: Db = DEFAULT_DB_URL,
    as_json: Json = False,
    expect_head: Annotated[str | None, typer.Option(help="a head hash recorded earlier")] = None,
    anchors_file: Annotated[
        Path | None, typer.Option("--anchors", help="anchors file written by `registry anchor`")
    ] = None,
) -> None:
    """Verify the audit log's hash chain (and the anchors kept outside the database)."""
    with user_errors(as_json), ledger_at(db) as registry, registry.reading() as session:
        found = audit.verify(session, expect_head)
        if anchors_file is not None:
            pepper = os.environ.get(PEPPER_ENV) or None
            found += anchors.check(session, anchors.read(anchors_file), pepper)
        seq, head = audit.head(session)
    report(
        found,
        as_json,
        (
            f"audit chain intact: {seq} entries, head {head}",
            f"审计链完整：共 {seq} 条，链头 {head}",
        ),
        {"entries": seq, "head": head},
    )


def anchor(
    anchors_file: Annotated[Path, typer.Option("--anchors", help="append-only anchors file")],
    db: Db = DEFAULT_DB_URL,
    as_json: Json = False,
) -> None:
    """Append today's signed head of the audit chain to a file kept outside the database."""
    with user_errors(as_json), ledger_at(db) as registry, registry.reading() as session:
        pepper = check_pepper(os.environ.get(PEPPER_ENV, ""))
        made = anchors.make(session, pepper, china_now().date().isoformat())
    anchors.append(anchors_file, made)
    if as_json:
        print_json(made)
    else:
        console.print(render.heading(
            f"anchored: entry {made['seq']}, head {made['hash']} → {anchors_file}",
            f"已锚定：第 {made['seq']} 条，链头 {made['hash']} → {anchors_file}",
        ), highlight=False)  # fmt: skip


def accounts(db: Db = DEFAULT_DB_URL, as_json: Json = False, as_csv: render.AsCsv = False) -> None:
    """List accounts."""
    with user_errors(as_json), ledger_at(db) as registry, registry.reading() as session:
        found = queries.readable_accounts(session, SYSTEM)
    rows = [
        {
            "account": a.id,
            "kind": a.kind.value,
            "holder": a.holder,
            "province": a.province or "",
            "state": a.state.value,
            # registered as "中文 English": the Chinese half for a Chinese reader
            "name": chinese_half(a.name) if render.lang() == "zh" else a.name,
        }
        for a in found
    ]
    render.listing(render.heading("accounts", "账户"), rows, as_json, as_csv)


def totals(db: Db = DEFAULT_DB_URL, as_json: Json = False, as_csv: render.AsCsv = False) -> None:
    """National totals per unit class: issued, cancelled, outstanding, frozen."""
    with user_errors(as_json), ledger_at(db) as registry, registry.reading() as session:
        rows = [t.as_json() for t in queries.totals(session)]
    render.listing(render.heading("totals by unit", "各类单位总量"), rows, as_json, as_csv)


def statement(
    account: Annotated[str, typer.Argument(help="account id, e.g. ENT-<credit code>")],
    db: Db = DEFAULT_DB_URL,
    as_json: Json = False,
    csv_out: Annotated[
        Path | None, typer.Option("--csv", help="write the history as CSV here ('-' = stdout)")
    ] = None,
    limit: Annotated[int, typer.Option(help="history lines")] = 1000,
) -> None:
    """Holdings by vintage and transaction history of one account (JSON or CSV)."""
    with user_errors(as_json), ledger_at(db) as registry, registry.reading() as session:
        held = [h.as_json() for h in queries.holdings(session, SYSTEM, account)]
        lines = [line.as_json() for line in queries.history(session, SYSTEM, account, limit)]
    if csv_out is not None:
        write_csv(lines, csv_out)
        return
    if as_json:
        print_json({"account": account, "holdings": held, "history": lines})
        return
    render.listing(
        render.heading(f"holdings of {account}", f"{account} 持有"),
        [{k: v for k, v in h.items() if k != "blocks"} for h in held],
    )
    render.listing(render.heading("history", "交易记录"), lines)


def add_read_commands(app: typer.Typer) -> None:
    for name, command in (
        ("init", init),
        ("check", check),
        ("verify-audit", verify_audit),
        ("anchor", anchor),
        ("accounts", accounts),
        ("totals", totals),
        ("statement", statement),
    ):
        app.command(name)(command)
