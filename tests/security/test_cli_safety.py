"""Issue 16, items 8, 13, 18: anchors outside the database catch a truncated audit log with a
reset head; read-only commands create nothing; bad --db paths and escape codes in names never
reach the user as tracebacks or terminal control."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from chinaets.cli import common
from chinaets.cli.main import app
from chinaets.registry import records as r
from chinaets.registry.service import Registry

runner = CliRunner()
PEPPER = "anchor-test-pepper-Zq8Lw3Nm5Kx7Vb2Hc9Rt"


def test_anchor_detects_a_truncated_log_with_reset_head(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHINAETS_TOKEN_PEPPER", PEPPER)
    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    assert runner.invoke(app, ["registry", "init", "--db", url]).exit_code == 0
    registry = Registry.open(url)
    for n in range(3):
        registry.execute(
            r.SYSTEM,
            f"open-{n}",
            r.OpenAccount(r.AccountKind.PROVINCIAL_ISSUING, f"{11 + n}", f"P{n}"),
        )
    anchors = tmp_path / "anchors.jsonl"
    assert (
        runner.invoke(app, ["registry", "anchor", "--anchors", str(anchors), "--db", url]).exit_code
        == 0
    )
    anchored = json.loads(anchors.read_text().splitlines()[-1])
    ok = runner.invoke(app, ["registry", "verify-audit", "--anchors", str(anchors), "--db", url])
    assert ok.exit_code == 0, ok.output
    # an intruder with database access drops the append-only triggers, cuts the log's tail
    # and resets the head: the chain that is left is intact ...
    with registry.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER registry_audit_no_delete"))
        conn.execute(text("DELETE FROM registry_audit_log WHERE seq > 1"))
        first = conn.execute(text("SELECT hash FROM registry_audit_log WHERE seq = 1")).scalar()
        conn.execute(text("UPDATE registry_audit_head SET seq = 1, hash = :h"), {"h": first})
    registry.engine.dispose()
    plain = runner.invoke(app, ["registry", "verify-audit", "--db", url])
    assert plain.exit_code == 0  # the chain alone cannot tell
    # ... but the anchor kept outside the database can
    caught = runner.invoke(
        app, ["registry", "verify-audit", "--anchors", str(anchors), "--db", url]
    )
    assert caught.exit_code == 1 and "truncated" in caught.output, caught.output
    assert anchored["seq"] > 1
    forged = tmp_path / "forged.jsonl"
    forged.write_text(json.dumps({**anchored, "seq": 1, "hash": first}) + "\n")
    bad = runner.invoke(app, ["registry", "verify-audit", "--anchors", str(forged), "--db", url])
    assert bad.exit_code == 1 and "signature" in bad.output


@pytest.mark.parametrize(
    "command",
    [
        ["registry", "check"],
        ["registry", "accounts"],
        ["registry", "verify-audit"],
        ["market", "check"],
        ["market", "trades"],
        ["market", "book", "--vintage", "2024"],
    ],
)
def test_read_only_commands_create_nothing(command: list[str], tmp_path: Path) -> None:
    missing = tmp_path / "typo" / "ledger.db"
    result = runner.invoke(app, [*command, "--db", f"sqlite:///{missing}"])
    assert result.exit_code == 2, result.output
    assert "no ledger" in result.output and "登记簿" in result.output
    assert "Traceback" not in result.output
    assert not missing.exists() and not missing.parent.exists()


def test_bad_db_url_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    result = runner.invoke(app, ["registry", "check", "--db", "nosuchdb://x"])
    assert result.exit_code == 2 and "database URL" in result.output


def test_escape_codes_never_reach_the_terminal() -> None:
    out = io.StringIO()
    console = common._SafeConsole(file=out, force_terminal=True)
    console.print("name\x1b]0;pwned\x07\x1b[2J\x1b[1A end", markup=False, highlight=False)
    assert "\x1b]" not in out.getvalue() and "\x1b[2J" not in out.getvalue()
    assert "name" in out.getvalue() and "end" in out.getvalue()


def test_names_with_control_characters_are_refused(tmp_path: Path) -> None:
    registry = Registry.open(f"sqlite:///{tmp_path / 'l.db'}")
    registry.init()
    with pytest.raises(Exception, match="control characters"):
        registry.execute(
            r.SYSTEM, "open", r.OpenAccount(r.AccountKind.PROVINCIAL_ISSUING, "42", "Hubei\x1b[2J")
        )
    registry.engine.dispose()


def test_unreachable_database_is_a_message_not_a_traceback() -> None:
    url = "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2"
    result = runner.invoke(app, ["registry", "check", "--db", url])
    assert result.exit_code == 2 and "数据库无法使用" in result.output, result.output


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_ledger_history_refuses_update_and_delete(backend: str, tmp_path: Path) -> None:
    """Issue 16, item 8: postings, users, transactions' results and the exchange's history
    cannot be edited or removed, even with direct database access through the application."""
    from sqlalchemy.exc import DBAPIError
    from tests.postgres import pg_schema

    def run(url: str) -> None:
        registry = Registry.open(url)
        registry.init()
        registry.execute(
            r.SYSTEM, "open-p", r.OpenAccount(r.AccountKind.PROVINCIAL_ISSUING, "42", "P")
        )
        edits = [
            "UPDATE registry_transactions SET result = 'changed'",
            "DELETE FROM registry_transactions",
            "UPDATE registry_audit_log SET actor = 'x'",
        ]
        for statement in edits:
            with pytest.raises(DBAPIError), registry.engine.begin() as conn:
                conn.execute(text(statement))
        if backend == "postgresql":
            with pytest.raises(DBAPIError), registry.engine.begin() as conn:
                conn.execute(text("TRUNCATE registry_postings CASCADE"))
        registry.engine.dispose()

    if backend == "sqlite":
        run(f"sqlite:///{tmp_path / 'l.db'}")
        return
    with pg_schema("chinaets_ao") as url:
        run(url)
