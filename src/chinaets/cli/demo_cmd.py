"""`chinaets demo`: the whole market on the embedded national data set, one step after another.

Each capability appends its step to `STEPS` (allocation, registry, trading, compliance …);
a step reads and extends the shared `DemoRun`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from chinaets.cli import demo_cbam
from chinaets.cli.demo_allocation import allocation_step
from chinaets.cli.demo_industry import INDUSTRY_STEPS
from chinaets.cli.demo_market import ccer_step, registry_step, trading_step
from chinaets.cli.demo_readmodel import read_model_step, summaries, write_read_model
from chinaets.cli.demo_run import DemoRun, Step
from chinaets.mrv.power.accounting import account
from chinaets.national import example
from chinaets.national.check_figures import CoverageCheck, power_coverage
from chinaets.national.fleet_summary import NationalSummary, SummaryRow, national_summary
from chinaets.national.power_fleet import DEFAULT_SEED, build_fleet


def build_step(run: DemoRun) -> None:
    with run.progress_console.status("Synthesising monthly data for every unit …"):
        run.entities, run.reports = build_fleet(run.year, run.seed, run.limit)


def account_step(run: DemoRun) -> None:
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    units = sum(len(r.units) for r in run.reports)
    with Progress(*columns, console=run.progress_console, disable=run.as_json) as progress:
        task = progress.add_task(f"Accounting {units:,} units", total=len(run.reports))
        for report in run.reports:
            run.results.append(account(report))
            progress.advance(task)


def store_step(run: DemoRun) -> None:
    """The fleet's summaries into the read model, and the national summary read back from it."""
    fleet = summaries(run.reports, run.results)
    run.summaries.extend(fleet)
    model = write_read_model(run)
    try:
        if fleet:
            run.summary = national_summary(model, run.year, fleet[0].sector)
    finally:
        model.close()


def example_step(run: DemoRun) -> None:
    """One entity's input as JSON and as a filled-in Excel template, for `chinaets account`."""
    report = example.pick_example(run.entities, run.reports)
    stem = run.out / f"example_{report.entity.credit_code}"
    json_path, xlsx_path = stem.with_suffix(".json"), stem.with_suffix(".xlsx")
    example.write_json(report, json_path)
    example.write_workbook(report, xlsx_path)
    run.files.update({"example_json": json_path, "example_xlsx": xlsx_path})
    run.next_steps += [
        f"chinaets account {json_path} --trace",
        f"chinaets check {xlsx_path}",
    ]


def summary_step(run: DemoRun) -> None:
    if run.summary is None:
        raise RuntimeError("the summary step needs the store step before it")
    check = power_coverage(run.year)
    ratio = run.summary.total.mt_co2 / check.covered_mt
    run.payload.update(summary=run.summary.as_dict(), check_figure=_check_dict(check), ratio=ratio)
    if not run.as_json:
        _print_summary(run.console, run.summary, check, ratio)


def dashboard_step(run: DemoRun) -> None:
    """Where to look next: the targets and the dashboard on this run's data."""
    run.next_steps += [
        f"chinaets targets --data {run.out}",
        f"chinaets serve --data {run.out} --open   # then open http://127.0.0.1:8000",
    ]


STEPS: list[Step] = [
    ("Build the national power fleet", build_step),
    ("Account every unit", account_step),
    ("Store results (read model, Parquet)", store_step),
    ("Write an example entity's input", example_step),
    ("National summary", summary_step),
    *INDUSTRY_STEPS,
    demo_cbam.CBAM_STEP,
    ("Allocation and compliance", allocation_step),
    ("Registry: accounts and issuance", registry_step),
    ("Exchange: a trading day", trading_step),
    ("CCER: projects, issuance, offsetting", ccer_step),
    ("Read model with the registry", read_model_step),
    ("Dashboard", dashboard_step),
]
"""The demo, in order. Later capabilities append their steps here."""


def _check_dict(check: CoverageCheck) -> dict[str, Any]:
    return {
        "year": check.year,
        "entities": check.entities,
        "covered_gt": check.covered_gt,
        "approximate": check.approximate,
        "source": check.source,
    }


def _summary_table(title: str, rows: list[SummaryRow]) -> Table:
    table = Table(title=title, title_justify="left")
    for name in ("", "entities", "units", "GW", "TWh", "Mt CO2"):
        table.add_column(name, justify="left" if not name else "right")
    for r in rows:
        table.add_row(
            r.key, f"{r.entities:,}", f"{r.units:,}", f"{r.capacity_gw:,.1f}",
            f"{r.generation_twh:,.0f}", f"{r.mt_co2:,.1f}",
        )  # fmt: skip
    return table


def _print_summary(
    console: Console, summary: NationalSummary, check: CoverageCheck, ratio: float
) -> None:
    year = summary.year
    console.print(
        _summary_table(f"Power sector {year} by allocation category (I–IV)", summary.by_category)
    )
    console.print(_summary_table(f"Power sector {year} by province", summary.by_province))
    console.print(_summary_table(f"Power sector {year}, national", [summary.total]))
    about = "about " if check.approximate else ""
    console.print(
        f"National direct emissions {summary.total.mt_co2 / 1000:,.3f} Gt CO2 "
        f"vs published {about}{check.covered_gt:g} Gt ({check.year}, {check.entities:,} entities): "
        f"ratio [bold]{ratio:.3f}[/bold]\n  source: {check.source}"
    )


def run_demo(run: DemoRun, steps: list[Step] | None = None) -> None:
    for title, step in steps or STEPS:
        if not run.as_json:
            run.progress_console.rule(title)
        step(run)
    run.payload.update(
        year=run.year,
        seed=run.seed,
        files={k: str(v) for k, v in run.files.items()},
        next_steps=run.next_steps,
    )
    if run.as_json:
        typer.echo(json.dumps(run.payload, ensure_ascii=False, indent=1))
        return
    run.console.print("\nNext steps:")
    for line in run.next_steps:
        run.console.print(f"  {line}", highlight=False, soft_wrap=True)


def demo(
    year: Annotated[
        int,
        typer.Option(
            min=2019,
            max=2030,
            help="Data year of the synthetic national data set (2025: the first year in which "
            "allocation, trading and post-relaunch CCER offsetting all apply).",
        ),
    ] = 2025,
    seed: Annotated[int, typer.Option(help="Seed of the synthetic monthly data.")] = DEFAULT_SEED,
    out: Annotated[
        Path, typer.Option(help="Folder for the read model (Parquet), registry and examples.")
    ] = Path("chinaets-demo"),
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
    limit: Annotated[
        int | None, typer.Option(hidden=True, help="Only the first N plants (tests).")
    ] = None,
) -> None:
    """Run the market on a realistic national power sector built from GEM's plant tracker."""
    run = DemoRun(
        year=year,
        seed=seed,
        out=out,
        limit=limit,
        as_json=as_json,
        console=Console(),
        progress_console=Console(stderr=True),
    )
    run_demo(run)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
