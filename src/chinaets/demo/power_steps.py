"""`chinaets demo`, power sector: the national fleet built from GEM's trackers and accounted, one
entity's input written out for `chinaets account`, and the national summary (read from the read
model the platform's submissions feed) beside the published coverage."""

from __future__ import annotations

from typing import Any

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from chinaets.core.china import PROVINCES
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
        task = progress.add_task(
            run.say(f"Accounting {units:,} units", f"核算 {units:,} 台机组"), total=len(run.reports)
        )
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
        _print_summary(run, run.summary, check, ratio)


def _check_dict(check: CoverageCheck) -> dict[str, Any]:
    return {
        "year": check.year,
        "entities": check.entities,
        "covered_gt": check.covered_gt,
        "approximate": check.approximate,
        "source": check.source,
    }


def _summary_table(run: DemoRun, title: str, rows: list[SummaryRow]) -> Table:
    table = Table(title=title, title_justify="left")
    for name in ("", "entities", "units", "GW", "TWh", "Mt CO2"):
        head = run.head(name) if name in ("entities", "units") else name
        table.add_column(head, justify="left" if not name else "right")
    for r in rows:
        table.add_row(
            _row_name(run, r.key), f"{r.entities:,}", f"{r.units:,}", f"{r.capacity_gw:,.1f}",
            f"{r.generation_twh:,.0f}", f"{r.mt_co2:,.1f}",
        )  # fmt: skip
    return table


def _row_name(run: DemoRun, key: str) -> str:
    """A summary row's name: a category, a province (its Chinese name) or the nation."""
    if key in PROVINCES:
        return run.say(key, PROVINCES[key][0])
    return run.say(key, "全国") if key == "China" else run.term(key)


def _print_summary(
    run: DemoRun, summary: NationalSummary, check: CoverageCheck, ratio: float
) -> None:
    year, say, console = summary.year, run.say, run.console
    by_category = say(
        f"Power sector {year} by allocation category (I–IV)", f"发电行业 {year}，按配额类别（I–IV）"
    )
    console.print(_summary_table(run, by_category, summary.by_category))
    by_province = say(f"Power sector {year} by province", f"发电行业 {year}，按省份")
    console.print(_summary_table(run, by_province, summary.by_province))
    console.print(
        _summary_table(
            run, say(f"Power sector {year}, national", f"发电行业 {year}，全国"), [summary.total]
        )
    )
    gt = summary.total.mt_co2 / 1000
    about_en, about_zh = ("about ", "约 ") if check.approximate else ("", "")
    console.print(say(
        f"National direct emissions {gt:,.3f} Gt CO2 vs published {about_en}{check.covered_gt:g} Gt "
        f"({check.year}, {check.entities:,} entities): ratio [bold]{ratio:.3f}[/bold]",
        f"全国直接排放 {gt:,.3f} Gt CO2，公开数据{about_zh}{check.covered_gt:g} Gt（{check.year} 年，"
        f"{check.entities:,} 家企业）：比值 [bold]{ratio:.3f}[/bold]",
    ))  # fmt: skip
    # the source as cited, on one line (never wrapped), so a reader or a test sees it whole
    console.print(f"  {say('source', '来源')}: {check.source}", soft_wrap=True)
