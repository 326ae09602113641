"""One small ledger for the CLI tests: two accounts, an issuance and a transfer in the registry,
a trading day with one trade on the exchange, and the CCER demo projects issued — built once
through the command line itself, as a user would (seconds)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from chinaets.cli.main import app

SELLER, BUYER = "91650000C6WF9H8YK1", "91340000704920454F"
CCER_OWNER = "ENT-91441500MA0000001B"  # the CCER demo's offshore wind owner
FORMULA_NAME = "=HYPERLINK(1)"  # a name a spreadsheet would run as a formula
DAY, NEXT_DAY = "2025-07-01", "2025-07-02"  # trading days (a Tuesday, a Wednesday)


def build_ledger(folder: Path) -> str:
    """The database URL of a ledger holding every kind of record the listings show."""
    db = f"sqlite:///{folder / 'ledger.db'}"
    steps = [
        ["registry", "init"],
        ["registry", "open-account", "--kind", "holding", "--holder", SELLER, "--name",
         "浙能阿克苏热电", "--province", "65"],
        ["registry", "open-account", "--kind", "holding", "--holder", BUYER, "--name",
         FORMULA_NAME, "--province", "34"],
        ["registry", "issue", "--to", f"ENT-{SELLER}", "--unit", "CEA-2025", "-q", "290000",
         "--kind", "pre_allocation"],
        ["registry", "transfer", "--from", f"ENT-{SELLER}", "--to", f"ENT-{BUYER}", "--unit",
         "CEA-2025", "-q", "10000", "--request-id", "fixture-1"],
        ["market", "list-vintage", "--vintage", "2025", "--price", "70.00", "--at", f"{DAY}T09:00"],
        ["market", "open-day", "--at", f"{DAY}T09:00"],
        ["market", "deposit", "--trader", f"ENT-{BUYER}", "--amount", "1000000", "--at",
         f"{DAY}T09:10"],
        ["market", "place", "--trader", f"ENT-{SELLER}", "--vintage", "2025", "--side", "sell",
         "--price", "70.20", "-q", "500", "--at", f"{DAY}T10:00"],
        ["market", "place", "--trader", f"ENT-{BUYER}", "--vintage", "2025", "--side", "buy",
         "--price", "70.20", "-q", "200", "--at", f"{DAY}T10:05"],
        ["market", "place", "--trader", f"ENT-{BUYER}", "--vintage", "2025", "--side", "buy",
         "--price", "69.90", "-q", "100", "--at", f"{DAY}T10:06"],
        ["market", "close-day", "--at", f"{DAY}T15:30"],
        ["market", "open-day", "--at", f"{NEXT_DAY}T09:00"],
        ["market", "place", "--trader", f"ENT-{SELLER}", "--vintage", "2025", "--side", "sell",
         "--price", "70.50", "-q", "300", "--at", f"{NEXT_DAY}T09:30"],
        ["ccer", "demo"],
    ]  # fmt: skip
    for args in steps:
        result = CliRunner().invoke(app, [*args, "--db", db])
        assert result.exit_code == 0, (args, result.output)
    return db
