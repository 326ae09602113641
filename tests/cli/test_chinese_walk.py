"""Every command `chinaets --help` lists, run with --lang zh on the examples and one small
ledger, prints Chinese: no English words (beyond codes, units and names), internal names or
Python reprs. A cited source is kept as written: after "来源:" in a trace (printed wide, so that
no citation wraps onto a line of its own), in its own column in `rules show` (whose Chinese
every law book's test checks, see ELSEWHERE)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.cli.chinese_walk import REPRS, SNAKE, untranslated
from tests.cli.ledger_fixture import CCER_OWNER, DAY, SELLER
from typer.testing import CliRunner

from chinaets.cli.main import COMMANDS, app
from chinaets.mrv.sectors import detect_sector, get_sector

E = Path(__file__).resolve().parents[2] / "examples"
SERVERS = {"serve", "api"}  # they serve pages (walked by tests/web/test_chinese_pages.py)
# commands whose Chinese is checked in full elsewhere (here only for internal names and reprs):
# `rules show|test` for every law book and year by test_rules_in_chinese.py, `targets` and its
# traces by test_targets_in_chinese.py
ELSEWHERE = {("rules", "show"), ("rules", "test"), ("targets",)}
WIDE = {("account", "--trace")}  # a trace's citations, printed whole on their lines
# what a Chinese reader still reads in English by design: a cited source (after "来源:", printed
# whole on its line) and the commands the demo suggests typing next (`chinaets …`, SQL)
TYPED_OR_CITED = re.compile(r"来源: .*$|^\s+(chinaets|SQL:) .*$", re.M)


def walk(db: str, tmp: Path) -> list[list[str]]:
    """The commands in the order a user would run them (submit before review)."""
    return [
        ["account", f"{E}/power-report-2023.json"],
        ["account", f"{E}/steel-report-2024.json", "--trace"],
        ["check", f"{E}/aviation-report-2025.json"],
        ["template", "power", str(tmp / "t.xlsx")],
        ["sectors"],
        ["schema", "power"],
        ["submit", f"{E}/power-report-2023.json", "--db", db],
        ["screen", "--db", db],
        ["review", "start", "1", "--db", db],
        ["review", "history", "1", "--db", db],
        ["allocate", f"{E}/power-report-2023.json", "--year", "2023"],
        ["determine", f"{E}/determination-2026.json", "--year", "2026", "--province", "山东"],
        ["comply", f"{E}/compliance-2025.json", "--year", "2025"],
        ["plan", f"{E}/compliance-2025.json", "--year", "2025", "--price-cea", "74.63",
         "--price-ccer", "70.76"],
        ["rules", "show", "power", "--year", "2023"],
        ["rules", "test", "--suite", "power"],
        ["registry", "accounts", "--db", db],
        ["registry", "totals", "--db", db],
        ["registry", "transfer", "--from", f"ENT-{SELLER}", "--to", CCER_OWNER, "--unit",
         "CEA-2025", "-q", "5", "--request-id", "walk-1", "--db", db],
        ["registry", "statement", f"ENT-{SELLER}", "--db", db],
        ["registry", "check", "--db", db],
        ["registry", "verify-audit", "--db", db],
        ["registry", "surrender", f"ENT-{SELLER}", "--unit", "CEA-2025", "-q", "5", "--entity",
         SELLER, "--year", "2025", "--db", db],
        ["certificate", SELLER, "--year", "2025", "--obligation", "5", "--db", db],
        ["market", "book", "--vintage", "2025", "--db", db],
        ["market", "trades", "--db", db],
        ["market", "report", "--day", DAY, "--db", db],
        ["market", "check", "--db", db],
        ["ccer", "stats", "--db", db],
        ["ccer", "public", "registered_projects", "--db", db],
        ["ccer", "transitions"],
        ["ccer", "methodologies"],
        ["ccer", "bodies", "--db", db],
        ["ccer", "holdings", CCER_OWNER, "--db", db],
        ["inclusion", f"{E}/paper-report-2025.json", f"{E}/copper-report-2025.json"],
        ["cems", "demo", "--store", str(tmp / "cems"), "--limit", "1"],
        ["cems", "reconcile", "--store", str(tmp / "cems")],
        ["cbam", f"{E}/steel-report-2024.json", "--goods", f"{E}/cbam/steel-goods-2024.csv"],
        ["targets"],
        ["readmodel", "build", "--db", db, "--out", str(tmp / "readmodel")],
        ["demo", "--limit", "1", "--out", str(tmp / "demo")],
    ]  # fmt: skip


def among(args: list[str], commands: set[tuple[str, ...]]) -> bool:
    return any(all(word in args for word in key) and args[0] == key[0] for key in commands)


def test_every_command_prints_chinese(ledger: str, tmp_path: Path) -> None:
    commands = walk(ledger, tmp_path)
    assert {args[0] for args in commands} == set(COMMANDS) - SERVERS
    found = {}
    for args in commands:
        width = "3000" if among(args, WIDE) else "100"
        result = CliRunner().invoke(app, ["--lang", "zh", *args], env={"COLUMNS": width})
        assert result.exit_code == 0, (args, result.output)
        out = result.stdout  # errors (stderr) are bilingual by design
        # `schema` prints the JSON Schema a program reads (keys, with each field's zh and en)
        if among(args, ELSEWHERE) or args[0] == "schema":
            bad = REPRS.findall(out)
        else:
            bad = untranslated(TYPED_OR_CITED.sub(" ", out))
        if bad:
            found[" ".join(args[:3])] = sorted(set(bad))
    assert not found, found


# what a trace's formulas and codes keep: symbols (max(0, …), Ash of an anode) and a report's
# own unit kind (a refinery's fcc unit)
TRACE_SYMBOLS = frozenset({"max", "Ash", "fcc"})
CITED = re.compile(r"来源: .*$")


def _zh_traces() -> dict[str, list[str]]:
    """Every example report's trace, line by line, as `account --trace --lang zh` prints it."""
    traces = {}
    for path in sorted(E.glob("*-report-*.json")):
        spec = get_sector(detect_sector(path))
        traces[path.name] = spec.account(spec.load(path, None)).trace().lines(lang="zh")
    return traces


def test_account_traces_of_every_example_read_in_chinese() -> None:
    found = {}
    for name, lines in _zh_traces().items():
        bad = {w for line in lines for w in untranslated(CITED.sub(" ", line), TRACE_SYMBOLS)}
        if bad:
            found[name] = sorted(bad)
    assert not found, found


def test_no_trace_headline_names_a_python_identifier_under_zh() -> None:
    """Labels, values, units, formulas and notes: never a function, parameter or table key
    (what follows "来源:" is the law book's citation and the input table, kept as written)."""
    found = {
        name: sorted({n for line in lines for n in SNAKE.findall(CITED.sub(" ", line))})
        for name, lines in _zh_traces().items()
    }
    assert not any(found.values()), found
    power = _zh_traces()["power-report-2023.json"]
    assert any("机组燃料碳氧化率 = 自 2019-01-01 起施行的版本" in line for line in power)
    assert not any("oxidation_by_category" in line for line in power)


# what an account keeps as typed: the command it suggests, a source's code (flight:…:fuel)
TYPED = re.compile(r"chinaets \w+|\b\w+(?::\w+)+")


@pytest.mark.parametrize("report", sorted(p.name for p in E.glob("*-report-*.json")))
def test_account_of_every_example_reads_in_chinese(report: str) -> None:
    result = CliRunner().invoke(app, ["--lang", "zh", "account", str(E / report)],
                                env={"COLUMNS": "100"})  # fmt: skip
    assert result.exit_code == 0, result.output
    found = untranslated(TYPED.sub(" ", result.stdout), TRACE_SYMBOLS)
    assert not found, sorted(set(found))
