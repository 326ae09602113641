"""`chinaets screen`: the findings of every stored report and deposit, ranked; Excel export."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chinaets.cli import render
from chinaets.cli.common import console, print_json, user_errors
from chinaets.cli.platform_common import As, Db, acting, province_option
from chinaets.platform import screening
from chinaets.platform.export import write_workbook
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
        console.print(render.heading(f"written to {xlsx}", f"已写入 {xlsx}"))


def _print(rows: list, total: int, risks: list) -> None:  # type: ignore[type-arg]
    found = [{"severity": r.severity, "name": r.name, "credit_code": r.credit_code,
              "unit_id": r.unit_id, "month": r.month, "code": r.code,
              "tco2_at_stake": round(r.tco2_at_stake), "message": r.en, "message_zh": r.zh}
             for r in rows]  # fmt: skip
    title = render.heading(f"findings ({len(rows)} of {total})",
                           f"核查发现（共 {total} 条，显示 {len(rows)} 条）")  # fmt: skip
    render.listing(title, found)
    ranked = [{"name": k.name, "credit_code": k.credit_code, "province": k.province,
               "errors": k.errors, "warnings": k.warnings,
               "tco2_at_stake": round(k.tco2_at_stake)} for k in risks]  # fmt: skip
    render.listing(render.heading("entities by risk", "单位风险排序"), ranked)
