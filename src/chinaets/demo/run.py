"""The steps of `chinaets demo`: the whole market on the embedded national data set, one step
after another.

Each capability appends its step to `STEPS` (allocation, registry, trading, compliance …);
a step reads and extends the shared `DemoRun`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from chinaets.allocation.national import NationalBalance
from chinaets.demo import example
from chinaets.demo.allocation_steps import allocation_step
from chinaets.demo.check_figures import CoverageCheck, power_coverage
from chinaets.demo.industry_steps import INDUSTRY_STEPS
from chinaets.demo.market_steps import ccer_step, registry_step, trading_step
from chinaets.demo.platform_steps import platform_step
from chinaets.demo.power_fleet import FleetEntity, build_fleet
from chinaets.mrv.power.accounting import account
from chinaets.mrv.power.results import EntityResult
from chinaets.mrv.power.schema import PowerReport
from chinaets.national import store
from chinaets.registry.service import Registry


@dataclass
class DemoRun:
    """What the steps share: options, consoles, and everything built so far."""

    year: int
    seed: int
    out: Path
    limit: int | None
    as_json: bool
    console: Console  # results (stdout)
    progress_console: Console  # progress and status (stderr, so --json stays parseable)
    entities: list[FleetEntity] = field(default_factory=list)
    reports: list[PowerReport] = field(default_factory=list)
    results: list[EntityResult] = field(default_factory=list)
    summary: store.NationalSummary | None = None
    files: dict[str, Path] = field(default_factory=dict)
    payload: dict[str, Any] = field(default_factory=dict)
    next_steps: list[str] = field(default_factory=list)
    allocation: NationalBalance | None = None
    registry: Registry | None = None
    industry: Any = None  # demo_industry.IndustryDemo, once its build step ran

    @property
    def database(self) -> Path:
        return self.out / "chinaets.duckdb"


Step = tuple[str, Callable[[DemoRun], None]]


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
    run.out.mkdir(parents=True, exist_ok=True)
    con = store.connect(run.database)
    try:
        store.write_results(con, run.entities, run.results)
        parquet = store.export_parquet(con, run.out / "parquet")
        run.summary = store.national_summary(con, run.year)
    finally:
        con.close()
    run.files["duckdb"] = run.database
    run.files.update({p.stem: p for p in parquet})


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
    run.next_steps.append(
        f"SQL: SELECT * FROM power_results LIMIT 10 in {run.database} (DuckDB) or {run.out / 'parquet'}"
    )


def dashboard_step(run: DemoRun) -> None:
    """Where to look next: the targets and the dashboard on this run's data."""
    run.next_steps += [
        f"chinaets targets --data {run.out}",
        f"chinaets serve --data {run.out} --open   # then open http://127.0.0.1:8000",
    ]


STEPS: list[Step] = [
    ("Build the national power fleet", build_step),
    ("Account every unit", account_step),
    ("Store results (DuckDB, Parquet)", store_step),
    ("Write an example entity's input", example_step),
    ("National summary", summary_step),
    *INDUSTRY_STEPS,
    ("Allocation and compliance", allocation_step),
    ("Registry: accounts and issuance", registry_step),
    ("Platform: reports and deposits submitted, screened", platform_step),
    ("Exchange: a trading day", trading_step),
    ("CCER: projects, issuance, offsetting", ccer_step),
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


def _summary_table(title: str, rows: list[store.SummaryRow]) -> Table:
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
    console: Console, summary: store.NationalSummary, check: CoverageCheck, ratio: float
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
        print(json.dumps(run.payload, ensure_ascii=False, indent=1))
        return
    run.console.print("\nNext steps:")
    for line in run.next_steps:
        run.console.print(f"  {line}", highlight=False, soft_wrap=True)
