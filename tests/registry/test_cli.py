"""`chinaets registry …` end to end on both databases: operations, statements, checks."""

from __future__ import annotations

import json

from tests.registry.conftest import Backend
from tests.registry.support import uscc
from typer.testing import CliRunner

from chinaets.cli.main import app

runner = CliRunner()
A, B = uscc(1), uscc(2)


def cli(backend: Backend, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["registry", *args, "--db", backend.url])
    return result.exit_code, result.output


def test_cli_operations_statement_and_checks(backend: Backend) -> None:
    assert cli(backend, "init")[0] == 0
    for code in (A, B):
        assert (
            cli(
                backend,
                "open-account",
                "--kind",
                "holding",
                "--holder",
                code,
                "--name",
                "厂",
                "--province",
                "42",
            )[0]
            == 0
        )
    code, out = cli(
        backend,
        "issue",
        "--to",
        f"ENT-{A}",
        "--unit",
        "CEA-2023",
        "-q",
        "500",
        "--kind",
        "pre_allocation",
        "--json",
    )
    assert code == 0 and json.loads(out)["postings"][1]["quantity"] == 500
    args = (
        "transfer",
        "--from",
        f"ENT-{A}",
        "--to",
        f"ENT-{B}",
        "--unit",
        "CEA-2023",
        "-q",
        "120",
        "--request-id",
        "cli-1",
        "--json",
    )
    first, again = cli(backend, *args), cli(backend, *args)
    assert first == again and first[0] == 0
    code, out = cli(backend, "statement", f"ENT-{B}", "--json")
    statement = json.loads(out)
    assert statement["holdings"][0]["free"] == 120 and statement["history"][0]["quantity"] == 120
    code, out = cli(backend, "statement", f"ENT-{B}", "--csv", "-")
    assert out.splitlines()[0].startswith("tx_id,") and out.splitlines()[1].endswith(",120")
    assert cli(backend, "check")[0] == 0
    code, out = cli(backend, "verify-audit", "--json")
    assert code == 0 and json.loads(out)["entries"] == 5


def test_cli_bad_request_exits_non_zero_and_writes_nothing(backend: Backend) -> None:
    cli(backend, "init")
    code, out = cli(
        backend, "transfer", "--from", "ENT-X", "--to", "ENT-Y", "--unit", "CEA-2018", "-q", "1"
    )
    assert code == 2 and "unit.vintage" in out and "年度" in out
    code, out = cli(backend, "verify-audit", "--json")
    assert json.loads(out)["entries"] == 1


def test_check_exits_non_zero_on_a_broken_ledger(backend: Backend) -> None:
    cli(backend, "init")
    cli(
        backend,
        "open-account",
        "--kind",
        "holding",
        "--holder",
        A,
        "--name",
        "n",
        "--province",
        "42",
    )
    cli(backend, "issue", "--to", f"ENT-{A}", "--unit", "CEA-2021", "-q", "10", "--kind", "top_up")
    from sqlalchemy import create_engine

    engine = create_engine(backend.url)
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE registry_blocks SET serial_end = serial_end + 5")
    engine.dispose()
    code, out = cli(backend, "check")
    assert code == 1 and "conservation" in out
