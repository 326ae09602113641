"""`chinaets allocate`: allowance allocation for one entity or a whole data set."""

from __future__ import annotations

from pathlib import Path

import typer

from chinaets.allocation import allocate
from chinaets.allocation.inputs import load_inputs
from chinaets.allocation.results import EntityAllocation
from chinaets.cli import render
from chinaets.cli.common import console, print_json, print_trace, user_errors
from chinaets.core.labels import label
from chinaets.mrv.sectors import get_sector


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
            print_trace(r.trace(), render.lang())


def _json(result: EntityAllocation, trace: bool) -> dict[str, object]:
    data = result.as_dict()
    if trace:
        data["trace"] = result.trace().as_dict()
    return data


def _draft_banner(data: dict[str, object]) -> None:
    if data["draft"]:
        names = ", ".join(data["draft_parameters"])  # type: ignore[arg-type]
        console.print(
            render.heading(f"DRAFT: values from a consultation draft: {names}",
                           f"征求意见稿：以下参数取自征求意见稿：{names}"),
            style="red", markup=False, highlight=False,
        )  # fmt: skip


def _print_entity(result: EntityAllocation) -> None:
    data = result.as_dict()
    sector = get_sector(result.sector)
    console.print(
        f"{result.name} {result.credit_code} · {render.heading(sector.name, sector.zh)} · "
        f"{result.year}", markup=False, highlight=False,
    )  # fmt: skip
    _draft_banner(data)
    parts = [{"id": key, "category": part.get("category") or part.get("method"),
              "treatment": part.get("treatment"), "reason": part.get("reason"),
              "reason_zh": part.get("reason_zh"), "correction_factor": part.get("correction_factor"),
              "allocation_tco2": part["allocation_tco2"], "verified_tco2": part["verified_tco2"]}
             for key, part in data["parts"].items()]  # fmt: skip
    shown = [{k: v for k, v in p.items() if any(q[k] for q in parts) or k == "id"} for p in parts]
    render.listing(render.heading("allocation by unit or line", "分机组（生产线）配额"), shown)
    keys = ("verified_tco2", "initial_tco2", "cap_topup_tco2", "allocation_tco2", "obligation_tco2",
            "surplus_tco2", "pre_allocation_tco2", "deductions_tco2", "true_up_tco2")  # fmt: skip
    render.record(console, label("entity", render.lang()), {k: data[k] for k in keys})


def _print_many(results: list[EntityAllocation]) -> None:
    rows = [{"name": r.name, "credit_code": r.credit_code, "year": r.year,
             "verified_tco2": r.verified_tco2, "allocation_tco2": r.final_tco2,
             "surplus_tco2": r.surplus_tco2, "draft": bool(r.as_dict()["draft"])}
            for r in results]  # fmt: skip
    render.listing(
        render.heading(f"allocation of {len(results)} entities", f"{len(results)} 家单位配额分配"),
        rows,
    )
    verified = sum(r.verified_tco2 for r in results)
    allocated = sum(r.final_tco2 for r in results)
    net = allocated - verified
    console.print(render.heading(
        f"total: verified {verified:,} t, allocation {allocated:,} t, net {net:,} t",
        f"合计：核查排放量 {verified:,} 吨，配额 {allocated:,} 吨，盈缺 {net:,} 吨",
    ))  # fmt: skip
