"""Every registry, market and CCER listing is shown as `account` and `comply` are: JSON and CSV
with exact values, a table or a record per row at any width, Chinese headers and values."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from tests.cli.ledger_fixture import BUYER, CCER_OWNER, DAY, FORMULA_NAME
from typer.testing import CliRunner

from chinaets.cli.main import app

LISTINGS = [
    ["registry", "accounts"],
    ["registry", "totals"],
    ["market", "book", "--vintage", "2025"],
    ["market", "trades"],
    ["market", "bars"],
    ["market", "report", "--day", DAY],
    ["ccer", "methodologies"],
    ["ccer", "transitions"],
    ["ccer", "bodies"],
    ["ccer", "holdings", CCER_OWNER],
    ["ccer", "public", "registered_projects"],
    ["ccer", "stats"],
]
NEEDS_DB = {"registry", "market"}
FLOAT_NOISE = re.compile(r"\d\.\d*0000000\d|\d\.\d*9999999\d")
SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
ENGLISH_HEAD = re.compile(r"[│┃] ?(?:[a-z]{3,} ?)+[│┃]")  # a header cell in English words


def run(ledger: str, args: list[str], *extra: str, lang: str = "zh", width: int = 80) -> str:
    db = ["--db", ledger] if args[0] in NEEDS_DB or args[1] in ("bodies", "holdings",
                                                                 "public", "stats") else []  # fmt: skip
    result = CliRunner().invoke(
        app, ["--lang", lang, *args, *db, *extra], env={"COLUMNS": str(width)}
    )
    assert result.exit_code == 0, (args, result.output)
    return result.output


@pytest.mark.parametrize("args", LISTINGS, ids=" ".join)
def test_every_listing_prints_json_and_csv_with_exact_values(ledger: str, args: list[str]) -> None:
    as_json = run(ledger, args, "--json")
    json.loads(as_json)
    as_csv = run(ledger, args, "--csv")
    table = list(csv.reader(io.StringIO(as_csv)))
    assert len(table) >= 2 and all(len(row) == len(table[0]) for row in table), as_csv
    assert not FLOAT_NOISE.search(as_json + as_csv)


def test_csv_cells_are_formula_safe(ledger: str) -> None:
    accounts = list(csv.DictReader(io.StringIO(run(ledger, ["registry", "accounts"], "--csv"))))
    names = {row["account"]: row["name"] for row in accounts}
    assert names[f"ENT-{BUYER}"] == "'" + FORMULA_NAME


@pytest.mark.parametrize("args", LISTINGS, ids=" ".join)
def test_every_listing_reads_in_chinese_at_80_and_40_columns(ledger: str, args: list[str]) -> None:
    for width in (80, 40):
        out = run(ledger, args, width=width)
        assert max(len(line) for line in out.splitlines()) <= width, out
        assert not SNAKE.findall(out), SNAKE.findall(out)
        assert not ENGLISH_HEAD.findall(out), ENGLISH_HEAD.findall(out)
        assert "None" not in out and "{'" not in out


def test_a_listing_that_does_not_fit_becomes_one_record_per_row(ledger: str) -> None:
    wide = run(ledger, ["registry", "totals"], width=120)
    narrow = run(ledger, ["registry", "totals"], width=50)
    assert "· 1/" not in wide and "已发放 t" in wide
    assert "各类单位总量 · 1/10" in narrow and "290,000" in narrow
    assert "持有账户" in run(ledger, ["registry", "accounts"])  # an enumerated value in Chinese
