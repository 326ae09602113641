"""`chinaets rules show|test`: the parameters in force and the worked cases of each law book."""

from __future__ import annotations

import datetime as dt
import re

import typer
from rich.table import Table

from chinaets.cli import render
from chinaets.cli.common import console, print_json, user_errors
from chinaets.core.labels import Lang, term
from chinaets.laws import get_law_book, law_books
from chinaets.rules.cases import CaseOutcome, run_case

rules_app = typer.Typer(
    help="Regulatory parameters and worked cases / 规则参数与算例", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    app.add_typer(rules_app, name="rules")


@rules_app.command("show")
def show(
    body: str = typer.Argument(
        ...,
        help="a sector (`chinaets sectors` lists them) or allocation, compliance, market, "
        "ccer, targets",
    ),
    year: int = typer.Option(..., "--year", "-y", help="data year"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """List the parameters in force for a data year, with their sources."""
    with user_errors(as_json):
        spec = get_law_book(body)
        rows = spec.parameters().in_force(dt.date(year, 1, 1)) if spec.has_parameters() else []
    if as_json:
        print_json(
            [
                {
                    "name": p.name, "description": p.description, "description_zh": p.description_zh,
                    "unit": p.unit, "unit_zh": p.unit_zh, "value": v.value,
                    "from": v.start.isoformat(), "reference": v.reference,
                    "uncertain": v.uncertain, "uncertain_zh": v.uncertain_zh, "draft": v.draft,
                }
                for p, v in rows
            ]
        )  # fmt: skip
        return
    say = render.heading
    title = say(
        f"{spec.name} — parameters in force for data year {year}",
        f"{spec.zh} — {year} 数据年度适用的参数",
    )
    table = Table(title=title, show_lines=True)
    columns = (("parameter", "参数"), ("value", "取值"), ("unit", "单位"), ("from", "起始日期"),
               ("source", "依据"))  # fmt: skip
    for en, zh in columns:
        table.add_column(say(en, zh), overflow="fold")
    uncertain, draft = say("UNCERTAIN", "存疑"), say("DRAFT", "草案")
    lang = render.lang()
    for p, v in rows:
        note = f"\n[yellow]{uncertain}: {v.why_uncertain(lang)}[/]" if v.uncertain else ""
        note += f"\n[red]{draft}[/]" if v.draft else ""
        # the parameter's name (a code, as `--json` and the law book spell it) and its meaning
        meaning = p.description if lang == "en" else p.description_zh or p.description
        table.add_row(
            f"{p.name}\n{meaning}",
            _value(v.value, lang),
            p.unit_in(lang),
            v.start.isoformat(),
            v.reference + note,
        )
    console.print(table)


@rules_app.command("test")
def test(
    suite: str = typer.Option(
        None,
        "--suite",
        "--sector",
        help="only this law book: a sector (`chinaets sectors`), allocation, compliance, ccer, targets",
    ),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Run every worked case of every law book (sectors, allocation, compliance, …); exit 1 if any fails."""
    with user_errors(as_json):
        chosen = [get_law_book(suite)] if suite else list(law_books().values())
        outcomes = [run_case(case, book.compute) for book in chosen for case in book.cases()]
    _report(outcomes, as_json)
    if not all(o.passed for o in outcomes):
        raise typer.Exit(1)


def _report(outcomes: list[CaseOutcome], as_json: bool) -> None:
    if as_json:
        print_json(
            [
                {
                    "file": o.case.file,
                    "name": o.case.name,
                    "name_zh": o.case.name_zh,
                    "year": o.case.year,
                    "passed": o.passed,
                    "mismatches": o.mismatches,
                }
                for o in outcomes
            ]
        )
        return
    say = render.heading
    table = Table(title=say("worked cases", "算例"))
    for en, zh in (("file", "文件"), ("year", "年度"), ("case", "算例"), ("result", "结果")):
        table.add_column(say(en, zh), overflow="fold")
    passed, failed_ = say("pass", "通过"), say("FAIL", "未通过")
    for o in outcomes:
        result = (
            f"[green]{passed}[/]" if o.passed else f"[red]{failed_}[/]\n" + "\n".join(o.mismatches)
        )
        table.add_row(o.case.file, str(o.case.year), o.case.title(render.lang()), result)
    console.print(table)
    failed = sum(not o.passed for o in outcomes)
    console.print(say(f"{len(outcomes) - failed} passed, {failed} failed",
                      f"通过 {len(outcomes) - failed}，未通过 {failed}"))  # fmt: skip


def _value(value: object, lang: Lang) -> str:
    """A parameter's value as people read it: a table of values as "key: value" pairs, each key
    (a fuel, a category) by its term in `lang`."""
    if isinstance(value, dict):
        return "\n".join(f"{term(str(k), lang)}: {_value(v, lang)}" for k, v in value.items())
    if isinstance(value, list):
        return "; ".join(_value(v, lang) for v in value)
    if isinstance(value, bool):
        return render.heading("yes" if value else "no", "是" if value else "否")
    if isinstance(value, str) and lang == "zh":  # a code, codes or a named value ("14th FYP")
        codes = value.split(",") if _CODES.fullmatch(value) else [value]
        return "、".join(term(code, lang) for code in codes)
    return str(value)


_CODES = re.compile(r"[a-z][a-z0-9_]*(,[a-z][a-z0-9_]*)*")  # a code, or codes comma separated
