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
from chinaets.core.labels import Lang, bilingual, term
from chinaets.national.targets import coverage, plans, progress_report, report
from chinaets.national.targets.indicators import BASES, INDICATORS
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
    lang, say = render.lang(), render.heading
    with user_errors(as_json):
        when = _date(as_of)
        rows = progress_report(when)
        cover = coverage.coverage_rows(demo_sectors=_demo_totals(data))
        # JSON: a linked target's status in English beside its Chinese (the tables: as read)
        status_of, status_of_zh = (
            _status_of(rows, "en" if as_json else lang),
            _status_of(rows, "zh"),
        )
        st_rows = plans.st_plan_rows(status_of, status_of_zh)
        adaptation_rows = plans.adaptation_rows()
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
    console.print(_progress_table(rows, lang))
    if trace:
        for p in rows:
            if p.steps:
                print_trace(p.trace(), lang)
    st_title = say("S&T Support Plan 2022–2030", "科技支撑碳达峰碳中和实施方案（2022—2030年）")
    console.print(_plan_table(st_title, st_rows, lang))
    adaptation_title = say("Adaptation Strategy 2035", "国家适应气候变化战略2035")
    console.print(_plan_table(adaptation_title, adaptation_rows, lang))
    console.print(_coverage_table(cover, lang))
    n = len(written)
    console.print(say(f"Charts (SVG): {out}/ ({n} files)", f"图表（SVG）：{out}/（{n} 个文件）"))


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


def _status_of(rows: list[Progress], lang: Lang) -> dict[str, str]:
    """A target's name → its status as the plan tables tell it ("“十四五”规划 单位GDP能耗：
    逐年公布值 未完成，官方累计值 已完成" where the bases differ)."""
    by_target: dict[str, list[Progress]] = {}
    for p in rows:
        by_target.setdefault(p.target.name, []).append(p)
    return {name: bilingual(*_status(ps), lang) for name, ps in by_target.items()}


def _status(rows: list[Progress]) -> tuple[str, str]:
    """(English, Chinese) status of one target, per basis where the bases disagree."""
    t = rows[0].target
    en, zh = INDICATORS.get(t.indicator, (t.indicator, t.indicator))
    said = {p.basis: STATUS[p.status] for p in rows}
    if len(set(said.values())) == 1:
        status_en, status_zh = next(iter(said.values()))
    else:
        status_en = ", ".join(f"{BASES[b][0]} {s[0]}" for b, s in said.items())
        status_zh = "，".join(f"{BASES[b][1]} {s[1]}" for b, s in said.items())
    return f"{t.plan('en')} {en}: {status_en}", f"{t.plan('zh')} {zh}：{status_zh}"


def _progress_table(rows: list[Progress], lang: Lang) -> Table:
    say = render.heading
    table = Table(title=say("National targets: progress", "国家目标进度"), show_lines=True)
    heads = (("target", "目标"), ("basis", "口径"), ("data", "数据年份"), ("realised", "已实现"),
             ("target value", "目标值"), ("status", "状态"), ("needed", "尚需"), ("notes", "备注"))  # fmt: skip
    for en, zh in heads:
        table.add_column(say(en, zh), overflow="fold")
    for p in rows:
        t = p.target
        unit = "%" if t.is_change else t.unit_in(lang)
        span = f"{p.start_year}→{p.end_year}" if p.end_year else "—"
        status = say(*STATUS[p.status])
        style = STATUS_STYLE.get(p.status, "")
        notes = [p.projection_note(lang)] if p.projection else []
        notes += p.uncertain_notes(lang)
        table.add_row(
            f"{t.title(lang)}\n{t.plan(lang)}", say(*BASES[p.basis]), span,
            f"{_num(p.value, '{:,.2f}')} {unit}" if p.value is not None else "—",
            f"{t.target:g} {unit}", f"[{style}]{status}[/]" if style else status,
            _needed(p, lang), "\n".join(notes),
        )  # fmt: skip
    return table


def _needed(p: Progress, lang: Lang) -> str:
    """The annual rate still needed (and, for a level, the yearly step) beside the pace so far."""
    if p.needed_annual is None:
        return "—"
    zh = lang == "zh"
    lines = [f"年均 {p.needed_annual:+.2f} %" if zh else f"{p.needed_annual:+.2f} %/yr"]
    if p.needed_per_year is not None:
        unit = p.target.unit_in(lang)
        step = p.needed_per_year
        lines.append(f"每年 {step:+,.2f} {unit}" if zh else f"{step:+,.2f} {unit}/yr")
    if p.pace is not None:
        lines.append(f"（已实现年均 {p.pace:+.2f} %）" if zh else f"(pace {p.pace:+.2f} %/yr)")
    return "\n".join(lines)


def _name(en: str, zh: str, lang: Lang) -> str:
    return {"zh": zh, "en": en}.get(lang, f"{en}\n{zh}")


def _cell(*lines: str) -> str:
    return "\n".join(line for line in lines if line)


def _source(source: str, lang: Lang) -> str:
    """A cited source: as written, after "来源:" and last in its cell for a Chinese reader."""
    return f"来源: {source}" if lang == "zh" and source else source


def _plan_table(title: str, rows: list[Any], lang: Lang) -> Table:
    table = Table(title=title, show_lines=True)
    heads = (("goal / indicator", "目标/指标"), ("year", "年份"), ("measure", "度量"),
             ("target", "目标值"), ("latest", "最新值"), ("note / source", "说明/来源"))  # fmt: skip
    for en, zh in heads:
        table.add_column(render.heading(en, zh), overflow="fold")
    for r in rows:
        uncertain = r.why_uncertain(lang)
        table.add_row(
            _name(r.en, r.zh, lang), str(r.year or "—"), term(r.measure, lang),
            _num(r.target, "{:g}"),
            _num(r.latest, "{:g}") if r.latest is not None else render.heading("no figure", "无数据"),
            _cell(r.note(lang), f"[yellow]{uncertain}[/]" if uncertain else "",
                  _source(r.cited(lang), lang)),
        )  # fmt: skip
    return table


def _coverage_table(rows: list[coverage.CoverageRow], lang: Lang) -> Table:
    year, national = coverage.national_co2_mt()
    gt = national / 1000
    table = Table(
        title=f"全国碳市场覆盖范围（全国二氧化碳排放 {gt:.2f} Gt，{year}年）"
        if lang == "zh"
        else f"ETS coverage vs national CO2 {gt:.2f} Gt ({year}, {coverage.OWID_SOURCE})",
        caption=_source(coverage.OWID_SOURCE, lang) if lang == "zh" else None,
        show_lines=True,
    )
    heads = (("sector", "行业"), ("entities", "企业数"), ("Mt CO2", "Mt CO2"),
             ("% national", "占全国 %"), ("source", "来源"))  # fmt: skip
    for en, zh in heads:
        table.add_column(render.heading(en, zh), overflow="fold")
    for r in rows:
        uncertain = r.why_uncertain(lang)
        table.add_row(
            _name(r.en, r.zh, lang), _num(r.entities, "{:,}"), _num(r.emissions_mt, "{:,.0f}"),
            _num(r.share_pct),
            _cell(f"[yellow]{uncertain}[/]" if uncertain else "", _source(r.cited(lang), lang)),
        )  # fmt: skip
    return table
