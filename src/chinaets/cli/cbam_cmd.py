"""`chinaets cbam FILE --goods goods.csv`: an installation's CBAM figures from its Chinese report:
embedded emissions per good, EU defaults with the year's mark-up, free-allocation adjustment,
carbon price paid, certificates and their cost; the communication workbook and JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from chinaets.cli import render
from chinaets.cli.common import console, fmt_number, print_json, print_trace, user_errors


def register(app: typer.Typer) -> None:
    app.command("cbam")(cbam)


def cbam(
    file: Annotated[Path, typer.Argument(help="The installation's report (JSON, Excel or CSV folder), as for `chinaets account`.")],
    goods: Annotated[Path, typer.Option("--goods", help="Goods CSV: CN codes, quantities, routes, precursors, electricity (docs/cbam.md).")],
    import_year: Annotated[int | None, typer.Option(help="Year of import into the EU (default: the report year, from 2026).")] = None,
    quarter: Annotated[int, typer.Option(min=1, max=4, help="Quarter of import (certificate price, 2026).")] = 1,
    cea_price: Annotated[float | None, typer.Option(min=0, help="Price paid per CEA bought (CNY/t, purchase records); default: the yearly average.")] = None,
    fx: Annotated[float | None, typer.Option(min=0.01, help="CNY per EUR (default: the ECB yearly average parameter).")] = None,
    allocation: Annotated[float | None, typer.Option(min=0, help="Free allocation (t CEA) if known; default: computed by chinaets.allocation.")] = None,
    balance_value: Annotated[float | None, typer.Option(min=0, help="The sector's balance value BP as published (2025 on), for that computation, e.g. 1.577 / 行业平衡值")] = None,
    xlsx: Annotated[Path | None, typer.Option(help="Write the communication workbook here.")] = None,
    out_json: Annotated[Path | None, typer.Option("--out-json", help="Write the communication JSON here.")] = None,
    trace: Annotated[bool, typer.Option("--trace", help="Show how every figure follows from its inputs.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
) -> None:  # fmt: skip
    """CBAM embedded emissions, defaults comparison and certificate cost of one installation."""
    from chinaets.cbam.bridge import CbamOptions, compute_file
    from chinaets.cbam.communication import summary_json, workbook_bytes

    options = CbamOptions(import_year, quarter, cea_price, fx, allocation, balance_value)
    with user_errors(as_json):
        result = compute_file(file, goods, options)
        book = workbook_bytes(result) if xlsx else None
    summary = summary_json(result)
    if xlsx and book is not None:
        xlsx.write_bytes(book)
    if out_json:
        import json

        out_json.write_text(json.dumps(summary, ensure_ascii=False, indent=2, default=str), "utf-8")
    if as_json:
        print_json(summary)
        return
    _print(result)
    if trace:
        print_trace(result.trace(), render.lang())


def _print(result: object) -> None:
    from chinaets.cbam.bridge import CbamResult
    from chinaets.cbam.checks import zh

    assert isinstance(result, CbamResult)
    say = render.heading
    inst = result.installation
    console.print(
        f"{inst.name} ({inst.credit_code}) · {inst.year} → {say('EU', '欧盟')} {result.law.import_year}"
    )
    table = Table(title=say("CBAM goods", "CBAM 商品"), title_justify="left")
    heads = (("CN", "CN"), ("category", "类别"), ("exported t", "出口 t"), ("SEE actual", "SEE 实际"),
             ("default + mark-up", "默认+加成"), ("SEFA", "SEFA"), ("certs actual", "证书（实际）"),
             ("certs default", "证书（默认）"), ("saving EUR", "节省 EUR"))  # fmt: skip
    for i, (en, zh_) in enumerate(heads):
        table.add_column(say(en, zh_), justify="left" if i < 2 else "right")
    for g in result.goods:
        table.add_row(
            g.cn_code, say(g.process.category, zh(g.process.category)), fmt_number(g.row.exported_t, 0),
            f"{g.process.see_total:.5f}", f"{g.see_default:.5f}", f"{g.sefa_actual:.5f}",
            fmt_number(g.certificates_actual, 1), fmt_number(g.certificates_default, 1), f"{g.saving_eur:,}",
        )  # fmt: skip
    console.print(table)
    p = result.price
    console.print(say(
        f"Carbon price paid in China: {p.eur_per_tco2:.4f} EUR/tCO2 covered "
        f"(allocation {p.allocation_tco2:,.0f} t, obligation {p.obligation_tco2:,.0f} t, "
        f"rebated {p.rebated_share:.2%})",
        f"在中国已支付的碳价：{p.eur_per_tco2:.4f} EUR/tCO2（覆盖排放；配额 {p.allocation_tco2:,.0f} t，"
        f"履约排放 {p.obligation_tco2:,.0f} t，返还 {p.rebated_share:.2%}）",
    ))  # fmt: skip
    for en, zh_ in p.notes:
        console.print(f"  · {say(en, zh_)}")
    console.print(
        say(
            "Boundary differences (China obligation vs CBAM):",
            "边界差异（中国履约排放 对比 CBAM）：",
        )
    )
    for note in inst.boundary:
        console.print(f"  · {say(note.en, note.zh)}: {note.tco2:,.0f} tCO2e")
    console.print(say(
        f"Total: cost with actual data {result.cost_actual_eur:,} EUR, with defaults "
        f"{result.cost_default_eur:,} EUR, saving {result.saving_eur:,} EUR",
        f"合计：按实际数据成本 {result.cost_actual_eur:,} EUR，按默认值 {result.cost_default_eur:,} EUR，"
        f"节省 {result.saving_eur:,} EUR",
    ))  # fmt: skip
