"""`chinaets demo`, power sector: the national fleet built from GEM's trackers and accounted, one
entity's input written out for `chinaets account`, and the national summary (read from the read
model the platform's submissions feed) beside the published coverage."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from chinaets.demo import example
from chinaets.demo.check_figures import CoverageCheck, power_coverage
from chinaets.demo.power_fleet import build_fleet
from chinaets.demo.run import DemoRun
from chinaets.mrv.power.accounting import account
from chinaets.national.fleet_summary import NationalSummary, SummaryRow


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


def example_step(run: DemoRun) -> None:
    """One entity's input as JSON and as a filled-in Excel template, for `chinaets account`."""
    report = example.pick_example(run.entities, run.reports)
    stem = run.out / f"example_{report.entity.credit_code}"
    json_path, xlsx_path = stem.with_suffix(".json"), stem.with_suffix(".xlsx")
    run.out.mkdir(parents=True, exist_ok=True)
    example.write_json(report, json_path)
    example.write_workbook(report, xlsx_path)
    run.files.update({"example_json": json_path, "example_xlsx": xlsx_path})
    run.next_steps += [
        f"chinaets account {json_path} --trace",
        f"chinaets check {xlsx_path}",
    ]


def summary_step(run: DemoRun) -> None:
    if run.summary is None:
        raise RuntimeError("the summary step needs the read-model step before it")
    check = power_coverage(run.year)
    ratio = run.summary.total.mt_co2 / check.covered_mt
    run.payload.update(summary=run.summary.as_dict(), check_figure=_check_dict(check), ratio=ratio)
    if not run.as_json:
        _print_summary(run.console, run.summary, check, ratio)


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
