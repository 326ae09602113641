"""`chinaets demo`, industrial sectors: the national cement, aluminium and steel data sets
built, accounted and set against the published figures (their reports are submitted to the
platform with the power sector's).

The demo's ``--year`` is the power data year; cement, aluminium and steel are
covered from data year 2024, so these steps use ``max(run.year, 2024)`` and say so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from chinaets.core.terms import zh_term
from chinaets.demo import industry_fleet
from chinaets.demo import industry_fleet_totals as totals
from chinaets.demo.run import DemoRun, Step
from chinaets.demo.steel_fleet import allocation_line_values as steel_line_values
from chinaets.demo.steel_fleet import build_fleet as build_steel
from chinaets.mrv.aluminium.accounting import account as account_aluminium
from chinaets.mrv.cement.accounting import account as account_cement
from chinaets.mrv.steel.accounting import account as account_steel

FIRST_INDUSTRY_YEAR = industry_fleet.FIRST_YEAR
SECTORS = ("cement", "aluminium", "steel")


@dataclass
class IndustryDemo:
    """What the industry steps share (``DemoRun.industry``)."""

    year: int
    reports: dict[str, list[Any]] = field(default_factory=dict)
    results: dict[str, list[Any]] = field(default_factory=dict)
    totals: list[totals.SectorTotals] = field(default_factory=list)

    def line_values(self, sector: str, result: Any) -> dict[str, dict[str, float]]:
        """Figures the allocation needs that a synthetic report does not carry, by line id."""
        values = _LINE_VALUES.get(sector)
        return values(result) if values else {}


def industry_year(run: DemoRun) -> int:
    return max(run.year, FIRST_INDUSTRY_YEAR)


def _state(run: DemoRun) -> IndustryDemo:
    state = run.industry
    if not isinstance(state, IndustryDemo):
        raise RuntimeError("the industry steps need the industry build step first")
    return state


def build_industry_step(run: DemoRun) -> None:
    year = industry_year(run)
    state = IndustryDemo(year)
    run.industry = state
    if not run.as_json:
        run.console.print(_year_note(run, year))
    with run.progress_console.status(
        run.say(
            "Synthesising cement, aluminium and steel entities …",
            "正在合成水泥、电解铝、钢铁企业 …",
        )
    ):
        state.reports["cement"] = industry_fleet.build_cement(year, run.seed, run.limit)
        state.reports["aluminium"] = industry_fleet.build_aluminium(year, run.seed, run.limit)
        state.reports["steel"] = build_steel(year, run.seed, run.limit)[1]


def _year_note(run: DemoRun, year: int) -> str:
    if run.year >= FIRST_INDUSTRY_YEAR:
        return run.say(f"Industrial sectors: data year {year}.", f"工业行业：数据年份 {year}。")
    return run.say(
        f"Industrial sectors: data year {year} (cement, aluminium and steel are covered from "
        f"data year {FIRST_INDUSTRY_YEAR}; the power sector above uses {run.year}).",
        f"工业行业：数据年份 {year}（水泥、电解铝、钢铁自 {FIRST_INDUSTRY_YEAR} 数据年份起纳入；"
        f"上文发电行业用 {run.year} 年）。",
    )


_ACCOUNT: dict[str, Callable[[Any], Any]] = {
    "cement": account_cement,
    "aluminium": account_aluminium,
    "steel": account_steel,
}


_LINE_VALUES: dict[str, Callable[[Any], dict[str, dict[str, float]]]] = {
    "steel": steel_line_values,
}


def account_industry_step(run: DemoRun) -> None:
    state = _state(run)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())  # fmt: skip
    with Progress(*columns, console=run.progress_console, disable=run.as_json) as progress:
        for sector in SECTORS:
            reports = state.reports[sector]
            task = progress.add_task(
                run.say(f"Accounting {sector}", f"核算{run.term(sector)}"), total=len(reports)
            )
            state.results[sector] = []
            for report in reports:
                state.results[sector].append(_ACCOUNT[sector](report))
                progress.advance(task)
    y, r = state.year, state.results
    state.totals = [
        totals.cement_totals(y, r["cement"]),
        totals.aluminium_totals(y, r["aluminium"]),
        totals.steel_totals(y, r["steel"]),
    ]


def industry_summary_step(run: DemoRun) -> None:
    state = _state(run)
    three = totals.three_sectors_check(state.totals)
    run.payload["industry"] = {
        "year": state.year,
        "sectors": {t.sector: t.as_dict() for t in state.totals},
        "three_sectors": three.as_dict(),
    }
    if run.as_json:
        return
    run.console.print(_sector_table(run, state))
    for t in state.totals:
        parts = " + ".join(f"{_part(run, k)} {v / 1e6:,.1f}" for k, v in t.parts_t.items())
        run.console.print(f"  {run.term(t.sector)}: {parts} Mt")
    run.console.print(_check_table(run, state, three))


def _sector_table(run: DemoRun, state: IndustryDemo) -> Table:
    title = run.say(f"Industrial sectors {state.year}", f"工业行业 {state.year}")
    table = Table(title=title, title_justify="left")
    names = ("sector", "entities", "units", "product", "output_t", "Mt CO2(e)", "t/t")
    for name in names:
        head = name if " " in name or "/" in name else run.head(name)
        table.add_column(head, justify="left" if name in ("sector", "product") else "right")
    for t in state.totals:
        table.add_row(
            run.term(t.sector), f"{t.entities:,}", f"{t.units:,}", run.say(t.product, t.product_zh or t.product), f"{t.output_t:,.0f}",
            f"{t.emissions_t / 1e6:,.1f}", f"{t.intensity:.3f}",
        )  # fmt: skip
    return table


def _part(run: DemoRun, key: str) -> str:
    """An emission source (`fuel`) or a steel route (`route bf_bof`) as the reader reads it."""
    route = key.removeprefix("route ")
    return run.say(key, zh_term(route)) if route != key else run.term(key)


def _check_table(run: DemoRun, state: IndustryDemo, three: totals.CheckFigure) -> Table:
    title = run.say("Beside the published figures", "与公开数据对照")
    table = Table(title=title, title_justify="left")
    heads = {"sector": ("sector", "行业"), "figure": ("figure", "指标"), "computed": ("computed", "计算值"),
             "published": ("published", "公开值"), "ratio": ("ratio", "比值")}  # fmt: skip
    for name, (en, zh) in heads.items():
        table.add_column(
            run.say(en, zh), justify="left" if name in ("sector", "figure") else "right"
        )
    for t in state.totals:
        for c in t.checks:
            table.add_row(run.term(t.sector), run.say(c.label, c.label_zh or c.label), *_cells(c))
    table.add_row(
        run.say("all three", "三个行业"),
        run.say(f"{three.label} (about)", f"{three.label_zh}（约）"),
        *_cells(three),
    )
    return table


def _cells(c: totals.CheckFigure) -> tuple[str, str, str]:
    unit = f" {c.unit}" if c.unit else ""
    digits = {"": 0, "Mt": 1, "Gt": 3}.get(c.unit, 2)
    return (
        f"{c.computed:,.{digits}f}{unit}",
        f"{c.published:,.{digits}f}{unit}",
        f"{c.ratio:.3f}",
    )


INDUSTRY_STEPS: list[Step] = [
    (
        "Build the cement, aluminium and steel sectors / 构建水泥、电解铝、钢铁行业",
        build_industry_step,
    ),
    ("Account the industrial sectors / 核算工业行业", account_industry_step),
    (
        "Industrial sectors beside the published figures / 工业行业与公开数据对照",
        industry_summary_step,
    ),
]
"""The industry part of the demo, in order (``chinaets.demo.steps.STEPS`` lists it); its
reports reach the store, and so the read model, through the platform step."""
