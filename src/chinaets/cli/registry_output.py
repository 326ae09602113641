"""Output of the `chinaets registry` commands: results, tables, findings, CSV."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from chinaets.cli import render
from chinaets.cli.common import console, print_json
from chinaets.registry.audit import Finding
from chinaets.registry.records import TxResult

EXIT_CHECK_FAILED = 1


def show_result(result: TxResult, as_json: bool) -> None:
    if as_json:
        print_json(result.as_json())
        return
    done = {"op": result.op.value, "status": result.status, "tx_id": result.tx_id,
            "request_id": result.request_id, **result.detail}  # fmt: skip
    render.record(console, render.heading("registry operation", "登记操作"), done)
    render.listing(render.heading("postings", "记账分录"), result.postings)


def report(
    found: list[Finding], as_json: bool, ok: tuple[str, str], extra: dict[str, Any] | None = None
) -> None:
    """The findings of a ledger check (exit 1 when there are any), else `ok` (English, Chinese)."""
    if as_json:
        print_json({"ok": not found, "findings": [f.as_json() for f in found], **(extra or {})})
    elif found:
        for finding in found:
            console.print(finding.render(), highlight=False, markup=False)
    else:
        console.print(render.heading(*ok), highlight=False, markup=False)
    if found:
        raise typer.Exit(EXIT_CHECK_FAILED)


def write_csv(lines: list[dict[str, Any]], path: Path) -> None:
    """An account's history as CSV at `path` ('-': standard output), as `--csv` writes any
    listing (the header even when there is no line yet)."""
    fields = ["tx_id", "created_at", "op", "request_id", "unit", "serials", "quantity"]
    text = render.csv_text(lines) if lines else ",".join(fields) + "\n"
    if str(path) == "-":
        print(text, end="")
    else:
        path.write_text(text, encoding="utf-8", newline="")
