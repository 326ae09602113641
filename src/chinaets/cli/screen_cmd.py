"""`chinaets screen`: the findings of every stored report and deposit, ranked; Excel export."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from chinaets.cli.common import console, fmt_number, print_json, user_errors
from chinaets.cli.platform_common import As, Db, acting, province_option
from chinaets.platform import screening
from chinaets.platform.export import SEVERITY_ZH, province_zh, write_workbook
from chinaets.platform.store import PlatformStore


def register(app: typer.Typer) -> None:
    app.command("screen")(screen)


def screen(
    db: Db = None,
    user: As = None,
    province: Annotated[str | None, typer.Option(help="province / 省份")] = None,
    sector: Annotated[str | None, typer.Option(help="sector / 行业")] = None,
    severity: Annotated[str | None, typer.Option(help="error, warning or info")] = None,
    year: Annotated[int | None, typer.Option(help="data year / 数据年度")] = None,
    search: Annotated[str | None, typer.Option(help="text in the message or entity name")] = None,
    sort: Annotated[
        str, typer.Option(help=f"one of: {', '.join(screening.SORTABLE)}")
    ] = "tco2_at_stake",
    limit: Annotated[int, typer.Option(help="rows shown")] = 30,
    after: Annotated[
        str | None,
        typer.Option(help="start after this cursor (the 'next' of the previous page) / 分页游标"),
    ] = None,
    xlsx: Annotated[Path | None, typer.Option(help="write the whole list to this .xlsx")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Screen the stored submissions: findings by tonnes at stake, and entities by risk.
    筛查：按涉及排放量列出已入库报告与存证的核查发现，并对单位进行风险排序。"""
    with user_errors(as_json):
        store = PlatformStore.open(db)
        actor = acting(store, user)
        query = screening.ScreeningQuery(
            province=province_option(province), sector=sector, severity=severity, year=year,
            search=search, sort=sort, limit=limit, after=after,
        )  # fmt: skip
        with store.reading() as session:
            rows, total = screening.screen(session, actor, query)
            following = screening.cursor_after(query, rows)
            risks = screening.risk_ranking(session, actor, query, limit)
            if xlsx is not None:
                write_workbook(xlsx, screening.all_rows(session, actor, query), risks)
        store.close()
    if as_json:
        print_json({"total": total, "findings": [r.as_dict() for r in rows],
                    "risk": [r.as_dict() for r in risks], "next": following})  # fmt: skip
        return
    _print(rows, total, risks)
    if following is not None:
        console.print(f"next page / 下一页: --after {following}", soft_wrap=True)
    if xlsx is not None:
        console.print(f"written to / 已写入 {xlsx}")


def _print(rows: list, total: int, risks: list) -> None:  # type: ignore[type-arg]
    table = Table(title=f"findings / 核查发现 ({len(rows)} of {total})")
    for head in ("severity 严重程度", "entity 单位", "unit 设施", "month 月", "code 代码",
                 "tCO2 at stake 涉及排放", "message 说明"):  # fmt: skip
        table.add_column(head, overflow="fold")
    for r in rows:
        table.add_row(f"{SEVERITY_ZH.get(r.severity, r.severity)} {r.severity}",
                      Text(f"{r.name}\n{r.credit_code}"), Text(r.unit_id or "—"),
                      "—" if r.month is None else str(r.month), r.code,
                      fmt_number(r.tco2_at_stake, 0), Text(f"{r.zh}\n{r.en}"))  # fmt: skip
    console.print(table)
    ranked = Table(title="entities by risk / 单位风险排序")
    for head in ("entity 单位", "province 省份", "errors 错误", "warnings 警告", "tCO2 at stake"):
        ranked.add_column(head, overflow="fold")
    for k in risks:
        ranked.add_row(Text(f"{k.name}\n{k.credit_code}"), province_zh(k.province),
                       str(k.errors), str(k.warnings), fmt_number(k.tco2_at_stake, 0))  # fmt: skip
    console.print(ranked)
