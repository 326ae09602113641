"""`chinaets targets`: progress toward the national targets, the S&T plan and the adaptation
strategy, market coverage; writes SVG charts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from chinaets.cli import render
from chinaets.cli.common import console, print_json, print_trace, user_errors
from chinaets.national.targets import coverage, plans, progress_report, report
from chinaets.national.targets.indicators import BASES
from chinaets.national.targets.progress import STATUS, Progress

STATUS_STYLE = {"met": "green", "met_early": "green", "on_track": "green", "missed": "red",
                "behind": "red", "pending": "yellow", "starts": "yellow"}  # fmt: skip


def register(app: typer.Typer) -> None:
    app.command("targets")(targets)


def targets(
    out: Annotated[Path, typer.Option(help="Folder for the SVG charts.")] = Path(
        "chinaets-targets"
    ),
    data: Annotated[
        Path | None, typer.Option(help="Demo output folder (chinaets demo) for the coverage table.")
    ] = None,
    as_of: Annotated[
        str | None, typer.Option(help="Only targets adopted by this date (YYYY-MM-DD).")
    ] = None,
    trace: Annotated[
        bool, typer.Option("--trace", help="Show how each figure was chained.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
) -> None:
    """Progress toward the intensity, energy, capacity and forest targets (chained rates, both
    bases), the S&T plan and adaptation progress tables, and the ETS's coverage."""
    with user_errors(as_json):
        when = _date(as_of)
        rows = progress_report(when)
        cover = coverage.coverage_rows(demo_sectors=_demo_totals(data))
        status_of = {p.target.name: STATUS[p.status][0] for p in rows}
        st_rows, adaptation_rows = plans.st_plan_rows(status_of), plans.adaptation_rows()
        written = report.write_charts(out, rows, cover)
    if as_json:
        print_json({
            "progress": [p.as_dict() for p in rows],
            "st_plan": [r.as_dict() for r in st_rows],
            "adaptation": [r.as_dict() for r in adaptation_rows],
            "coverage": [r.as_dict() for r in cover],
            "charts": [str(p) for p in written],
        })  # fmt: skip
        return
    console.print(_progress_table(rows))
    if trace:
        for p in rows:
            if p.steps:
                print_trace(p.trace(), render.lang())
    console.print(_plan_table("S&T Support Plan 2022–2030 / 科技支撑碳达峰碳中和实施方案", st_rows))
    console.print(
        _plan_table("Adaptation Strategy 2035 / 国家适应气候变化战略2035", adaptation_rows)
    )
    console.print(_coverage_table(cover))
    console.print(f"Charts (SVG) / 图表: {out}/ ({len(written)} files)")


def _date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    from chinaets.core.errors import InputError, Location

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError.one(
            Location(field="--as-of"), f"'{text}' is not a date", f"'{text}' 不是有效日期",
            "write it as YYYY-MM-DD", "请按 YYYY-MM-DD 填写",
        ) from None  # fmt: skip


def _demo_totals(data: Path | None) -> list[tuple[str, str, int, float]]:
    """(sector, 中文, entities, Mt CO2) of each sector in a read model's latest year (the
    ``readmodel`` folder of a demo output, or a read-model folder itself)."""
    if data is None:
        return []
    from chinaets.mrv.sectors import sectors
    from chinaets.national.readmodel import DataMissing, ReadModel, read_model_folder

    try:
        folder = read_model_folder(data)
    except DataMissing:
        from chinaets.core.errors import InputError, Location

        raise InputError.one(
            Location(file=str(data)), "no read model here", "此处没有分析数据模型",
            "run chinaets demo first, or give its --out folder", "请先运行 chinaets demo，或指定其 --out 目录",
        ) from None  # fmt: skip
    model = ReadModel.open(folder)
    try:
        year = model.latest_year()
        rows = model.totals("sector", year) if year else []
    finally:
        model.close()
    known = sectors()
    return [
        (r["key"], known[r["key"]].zh if r["key"] in known else r["key"], int(r["entities"]),
         float(r["emissions_t"]) / 1e6)
        for r in rows
    ]  # fmt: skip


def _num(value: float | None, fmt: str = "{:,.1f}") -> str:
    return "—" if value is None else fmt.format(value)


def _progress_table(rows: list[Progress]) -> Table:
    say = render.heading
    table = Table(title=say("National targets: progress", "国家目标进度"), show_lines=True)
    heads = (("target", "目标"), ("basis", "口径"), ("data", "数据年份"), ("realised", "已实现"),
             ("target value", "目标值"), ("status", "状态"), ("needed", "尚需"), ("notes", "备注"))  # fmt: skip
    for en, zh in heads:
        table.add_column(say(en, zh), overflow="fold")
    for p in rows:
        t = p.target
        unit = "%" if t.is_change else t.unit
        span = f"{p.start_year}→{p.end_year}" if p.end_year else "—"
        needed = _needed(p)
        status = say(*STATUS[p.status])
        style = STATUS_STYLE.get(p.status, "")
        notes = [f"if {p.projection[0]} met: {p.projection[1]:.1f} %"] if p.projection else []
        notes += p.uncertain_notes()
        table.add_row(
            f"{t.description_zh}\n{t.horizon}", say(*BASES[p.basis]), span,
            f"{_num(p.value, '{:,.2f}')} {unit}" if p.value is not None else "—",
            f"{t.target:g} {unit}", f"[{style}]{status}[/]" if style else status,
            needed, "\n".join(notes),
        )  # fmt: skip
    return table


def _needed(p: Progress) -> str:
    if p.needed_annual is None:
        return "—"
    text = f"{p.needed_annual:+.2f} %/yr"
    if p.needed_per_year is not None:
        text += f"\n{p.needed_per_year:+,.2f} {p.target.unit}/yr"
    if p.pace is not None:
        text += f"\n(pace {p.pace:+.2f} %/yr)"
    return text


def _plan_table(title: str, rows: list[Any]) -> Table:
    table = Table(title=title, show_lines=True)
    heads = (("goal / indicator", "目标/指标"), ("year", "年份"), ("measure", "度量"),
             ("target", "目标值"), ("latest", "最新值"), ("note / source", "说明/来源"))  # fmt: skip
    for en, zh in heads:
        table.add_column(render.heading(en, zh), overflow="fold")
    for r in rows:
        table.add_row(
            f"{r.en}\n{r.zh}", str(r.year or "—"), r.measure, _num(r.target, "{:g}"),
            _num(r.latest, "{:g}") if r.latest is not None else render.heading("no figure", "无数据"),
            f"{r.latest_note}\n{r.source}" + (f"\n[yellow]{r.uncertain}[/]" if r.uncertain else ""),
        )  # fmt: skip
    return table


def _coverage_table(rows: list[coverage.CoverageRow]) -> Table:
    year, national = coverage.national_co2_mt()
    table = Table(
        title=f"ETS coverage vs national CO2 {national / 1000:.2f} Gt ({year}, {coverage.OWID_SOURCE})",
        show_lines=True,
    )
    heads = (("sector", "行业"), ("entities", "企业数"), ("Mt CO2", "Mt CO2"),
             ("% national", "占全国 %"), ("source", "来源"))  # fmt: skip
    for en, zh in heads:
        table.add_column(render.heading(en, zh), overflow="fold")
    for r in rows:
        table.add_row(
            f"{r.en}\n{r.zh}", _num(r.entities, "{:,}"), _num(r.emissions_mt, "{:,.0f}"),
            _num(r.share_pct), r.source + (f"\n[yellow]{r.uncertain}[/]" if r.uncertain else ""),
        )  # fmt: skip
    return table
