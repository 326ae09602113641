"""`chinaets allocate`: allowance allocation for one entity or a whole data set."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from chinaets.allocation import allocate
from chinaets.allocation.inputs import load_inputs
from chinaets.allocation.results import EntityAllocation
from chinaets.cli.common import console, fmt_number, print_json, print_trace, user_errors


def register(app: typer.Typer) -> None:
    app.command("allocate")(allocate_command)


def allocate_command(
    file: Path = typer.Argument(
        ...,
        help="an allocation input (.json, schema allocation/1), a trading sector's MRV report (.json, .xlsx, "
        "CSV folder), a JSON list of either, or a folder of .json files",
    ),
    year: int = typer.Option(None, "--year", "-y", help="data year (if the file does not say)"),
    as_json: bool = typer.Option(False, "--json", help="print the result as JSON"),
    trace: bool = typer.Option(False, "--trace", help="explain every figure / 显示计算过程"),
) -> None:
    """Allocate allowances as the plan of the year says / 配额分配."""
    with user_errors(as_json):
        results = [allocate(inp) for inp in load_inputs(file, year)]
    if as_json:
        data = [_json(r, trace) for r in results]
        print_json(data[0] if len(data) == 1 else data)
        return
    if len(results) == 1:
        _print_entity(results[0])
    else:
        _print_many(results)
    if trace:
        for r in results:
            print_trace(r.trace())


def _json(result: EntityAllocation, trace: bool) -> dict[str, object]:
    data = result.as_dict()
    if trace:
        data["trace"] = result.trace().as_dict()
    return data


def _draft_banner(data: dict[str, object]) -> None:
    if data["draft"]:
        console.print(
            "[red]DRAFT / 征求意见稿[/]: values from a consultation draft: "
            + ", ".join(data["draft_parameters"])  # type: ignore[arg-type]
        )


def _print_entity(result: EntityAllocation) -> None:
    data = result.as_dict()
    console.print(f"[bold]{result.name}[/] {result.credit_code} · {result.sector} · {result.year}")
    _draft_banner(data)
    parts = Table(title="allocation by unit or line / 分机组（生产线）配额")
    for column in ("id", "category / method", "treatment", "Ff", "allocation t", "verified t"):
        parts.add_column(column, justify="right")
    for key, part in data["parts"].items():
        parts.add_row(
            key, str(part.get("category") or part.get("method")),
            str(part.get("treatment") or part.get("reason") or ""),
            fmt_number(part.get("correction_factor"), 6), fmt_number(part["allocation_tco2"], 0),
            fmt_number(part["verified_tco2"], 0),
        )  # fmt: skip
    console.print(parts)
    summary = Table(title="entity / 企业", show_header=False)
    for key, label in (
        ("verified_tco2", "covered verified emissions / 核查排放量"),
        ("initial_tco2", "Σ units / 机组配额合计"),
        ("cap_topup_tco2", "20 % cap top-up / 缺口上限补发"),
        ("allocation_tco2", "allocation / 配额量"),
        ("obligation_tco2", "obligation / 应清缴量"),
        ("surplus_tco2", "surplus (+) or deficit (−) / 盈缺"),
        ("pre_allocation_tco2", "pre-allocation / 预分配"),
        ("deductions_tco2", "deductions / 核减"),
        ("true_up_tco2", "true-up / 多退少补"),
    ):
        summary.add_row(label, fmt_number(data[key], 0))
    console.print(summary)


def _print_many(results: list[EntityAllocation]) -> None:
    table = Table(title=f"allocation of {len(results)} entities / 配额分配")
    for column in ("entity", "year", "verified t", "allocation t", "surplus t", "draft"):
        table.add_column(column, justify="right")
    for r in results:
        table.add_row(
            f"{r.name} {r.credit_code}", str(r.year), fmt_number(r.verified_tco2, 0),
            fmt_number(r.final_tco2, 0), fmt_number(r.surplus_tco2, 0),
            "DRAFT" if r.as_dict()["draft"] else "",
        )  # fmt: skip
    console.print(table)
    verified = sum(r.verified_tco2 for r in results)
    allocated = sum(r.final_tco2 for r in results)
    console.print(
        f"total: verified {verified:,} t, allocation {allocated:,} t, net {allocated - verified:,} t"
    )
