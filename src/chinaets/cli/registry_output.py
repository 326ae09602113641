"""Output of the `chinaets registry` commands: results, tables, findings, CSV."""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from chinaets.cli.common import console, print_json
from chinaets.core.cells import neutralise_rows
from chinaets.registry.audit import Finding
from chinaets.registry.records import TxResult

EXIT_CHECK_FAILED = 1


def show_result(result: TxResult, as_json: bool) -> None:
    if as_json:
        print_json(result.as_json())
        return
    console.print(
        f"{result.op.value} {result.status} · tx {result.tx_id} · request id {result.request_id}",
        highlight=False,
    )
    for key, value in result.detail.items():
        console.print(f"  {key}: {value}", highlight=False, markup=False)
    for posting in result.postings:
        console.print(
            f"  {posting['account']:<24} {posting['quantity']:>+14,}  {posting['serials']}",
            highlight=False,
            markup=False,
        )


def report(
    found: list[Finding], as_json: bool, ok: str, extra: dict[str, Any] | None = None
) -> None:
    if as_json:
        print_json({"ok": not found, "findings": [f.as_json() for f in found], **(extra or {})})
    elif found:
        for finding in found:
            console.print(finding.render(), highlight=False, markup=False)
    else:
        console.print(ok, highlight=False)
    if found:
        raise typer.Exit(EXIT_CHECK_FAILED)


def table(rows: list[dict[str, Any]], as_json: bool) -> None:
    if as_json:
        print_json(rows)
        return
    if not rows:
        console.print("(none / 无)")
        return
    grid = Table(*rows[0].keys())
    for row in rows:
        grid.add_row(*(f"{v:,}" if isinstance(v, int) else str(v) for v in row.values()))
    console.print(grid)


def write_csv(lines: list[dict[str, Any]], path: Path) -> None:
    fields = ["tx_id", "created_at", "op", "request_id", "unit", "serials", "quantity"]
    out = sys.stdout if str(path) == "-" else path.open("w", newline="", encoding="utf-8")
    writer = csv.DictWriter(out, fieldnames=fields)
    writer.writeheader()
    writer.writerows(neutralise_rows(lines))
    if out is not sys.stdout:
        out.close()
