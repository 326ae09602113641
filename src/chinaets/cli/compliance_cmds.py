"""`chinaets comply` and `chinaets plan`: compliance status, penalties and the cheapest plan."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

import typer
from rich.text import Text

from chinaets.cli import render
from chinaets.cli.common import console, print_json, print_trace, user_errors
from chinaets.compliance.api import check, make_plan
from chinaets.core.errors import InputError, Location
from chinaets.core.labels import term

FILE_HELP = (
    "compliance input .json (schema compliance/1): year, entity, verified_tco2 or report (path "
    "of the MRV report), holdings by vintage, ccer_lots, surrendered, net_sales_tco2, average_price"
)


def register(app: typer.Typer) -> None:
    app.command("comply")(comply)
    app.command("plan")(plan_command)


def comply(
    file: Path = typer.Argument(..., help=FILE_HELP),
    year: int = typer.Option(None, "--year", "-y", help="compliance (data) year"),
    as_json: bool = typer.Option(False, "--json"),
    trace: bool = typer.Option(False, "--trace", help="explain every figure / 显示计算过程"),
) -> None:
    """Compliance status, shortfall and penalty range / 履约状态与处罚."""
    with user_errors(as_json):
        result = check(file, year)
    data = result.as_dict()
    if as_json:
        if trace:
            data["trace"] = result.trace().as_dict()
        print_json(data)
        return
    keys = ("deadline", "scope", "obligation_tco2", "offset_cap_tco2", "carry_over_tco2",
            "allowances_counted_tco2", "ccer_counted_tco2", "covered_tco2", "shortfall_tco2",
            "status")  # fmt: skip
    title = render.heading(f"compliance {result.year}", f"{result.year}年度履约")
    render.record(
        console, f"{result.name} {result.credit_code} · {title}", {k: data[k] for k in keys}
    )
    lang = render.lang()
    for key, penalty in data["penalties"].items():
        low, high = (f"{Decimal(str(penalty[k])):,.2f}" for k in ("fine_min", "fine_max"))
        deduction = f"{penalty['deduction_next_year_tco2']:,}"
        zh = (f"{term(key, 'zh')}：{penalty['article']}：罚款 {low}–{high} 元"
              f"（{penalty['basis_zh'] or penalty['basis']}）；次年核减 {deduction} 吨")  # fmt: skip
        en = (f"{term(key, 'en')}: {penalty['article']}: fine CNY {low}–{high} "
              f"({penalty['basis']}); next-year deduction {deduction} t")  # fmt: skip
        console.print(Text({"zh": zh, "en": en}.get(lang, f"{zh}\n{en}"), style="red"))
    if data["draft"]:
        console.print(
            render.heading(
                "DRAFT: the rules of this year come from a consultation draft",
                "征求意见稿：本年度规则来自征求意见稿",
            ),
            style="red",
        )
    if trace:
        print_trace(result.trace(), render.lang())


def plan_command(
    file: Path = typer.Argument(..., help=FILE_HELP),
    year: int = typer.Option(None, "--year", "-y", help="compliance (data) year"),
    price_cea: str = typer.Option(..., "--price-cea", help="allowance price, CNY/t"),
    price_ccer: str = typer.Option(..., "--price-ccer", help="CCER price, CNY/t"),
    as_json: bool = typer.Option(False, "--json"),
    trace: bool = typer.Option(False, "--trace"),
) -> None:
    """The cheapest lawful way to meet the obligation / 最低成本履约方案."""
    with user_errors(as_json):
        result = make_plan(
            file, year, _price("--price-cea", price_cea), _price("--price-ccer", price_ccer)
        )
    data = result.as_dict()
    if as_json:
        if trace:
            data["trace"] = result.trace().as_dict()
        print_json(data)
        return
    steps = [{"step": f"{i}. {term(s['action'], render.lang())}", "source": s["source"],
              "source_zh": s["source_zh"], "quantity": s["quantity"],
              "price": s["unit_price"], "cost_cny": s["cost"], "why": s["explanation"],
              "why_zh": s["explanation_zh"]} for i, s in enumerate(data["steps"], 1)]  # fmt: skip
    render.listing(
        render.heading(f"compliance plan {data['year']}", f"{data['year']}年度履约方案"), steps
    )
    cost, base, saving, bought = (f"{Decimal(str(data[k])):,.2f}"
                                  for k in ("cost", "baseline_cost", "saving", "purchases"))  # fmt: skip
    console.print(render.heading(
        f"cost (units surrendered at market prices) CNY {cost} vs allowances only CNY {base}: "
        f"saving CNY {saving}; cash purchases CNY {bought}",
        f"履约成本（按市价计）{cost} 元，仅用配额为 {base} 元，节省 {saving} 元；现金购买 {bought} 元",
    ), markup=False, highlight=False)  # fmt: skip
    if trace:
        print_trace(result.trace(), render.lang())


def _price(option: str, text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal(-1)
    if not value.is_finite() or value < 0:
        raise InputError.one(Location(field=option), f"{option} '{text}' is not a price", f"{option} '{text}' 不是有效价格",
                             "give CNY per tonne, e.g. 90 or 62.36", "请填写每吨价格（元），如 90 或 62.36")  # fmt: skip
    return value
