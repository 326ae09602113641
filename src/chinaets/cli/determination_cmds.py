"""`chinaets determine` (配额核定: BP solve, determination, the plan's data tables, issuance) and
`chinaets certificate` (履约证明)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chinaets.allocation.determination import Determination, determine
from chinaets.allocation.inputs import load_inputs
from chinaets.cli import render
from chinaets.cli.common import console, print_json, user_errors
from chinaets.cli.registry_reads import Db, ledger_at
from chinaets.core.china import PROVINCES
from chinaets.core.errors import InputError, Location
from chinaets.mrv.sectors import get_sector
from chinaets.registry.store import DEFAULT_DB_URL

STEPS = ("none", "pre-allocation", "true-up")


def register(app: typer.Typer) -> None:
    app.command("determine")(determine_command)
    app.command("certificate")(certificate_command)


def determine_command(
    path: Annotated[Path, typer.Argument(help="verified results: allocation inputs or MRV reports (file, JSON list or folder) / 核查结果：配额分配输入或排放报告（文件、JSON 列表或文件夹）")],
    year: Annotated[int, typer.Option("--year", "-y", help="data year / 数据年度")],
    province: Annotated[str | None, typer.Option(help="keep this province's entities (BP stays national) / 只列该省份的企业（平衡值仍按全国测算）")] = None,
    balance: Annotated[list[str] | None, typer.Option(help="published BP, e.g. cement=0.8612 (no solve for that sector) / 管理平台公布的行业平衡值，如 cement=0.8612")] = None,
    tables: Annotated[Path | None, typer.Option(help="write Tables 1-1…1-5 and 2-1…2-5 here (.xlsx) / 在此文件夹生成表1-1…1-5、表2-1…2-5")] = None,
    issue: Annotated[str, typer.Option(help="issue through the registry: none, pre-allocation or true-up / 通过注册登记系统发放：none、pre-allocation 或 true-up")] = "none",
    differentiated: Annotated[list[str] | None, typer.Option(help="credit code=reason of a differentiated entity / 差异化情形：统一社会信用代码=具体情况")] = None,
    db: Db = DEFAULT_DB_URL,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:  # fmt: skip
    """Determine every entity's allocation for a year: sector balance values solved over the
    sector, special cases, gap cap / 核定配额（含行业平衡值测算、数据表、发放）."""
    with user_errors(as_json):
        published = {k: float(str(v)) for k, v in _pairs(balance or [], "balance", float).items()}
        special = _pairs(differentiated or [], "differentiated", str)
        d = determine(load_inputs(path, year), year, province, published)
        written = _tables(d, tables, special)
        issued = _issue(d, issue, special, db)
    if as_json:
        print_json({**d.as_dict(), "tables": [str(p) for p in written], "issued": issued})
        return
    _print(d)
    for p in written:
        console.print(render.heading(f"written: {p}", f"已生成：{p}"))
    if issued:
        console.print(
            render.heading(f"registry steps: {len(issued)}", f"登记操作：{len(issued)} 项")
        )


def _pairs(items: list[str], option: str, cast: type) -> dict[str, object]:
    out: dict[str, object] = {}
    for item in items:
        key, sep, value = item.partition("=")
        try:
            out[key.strip()] = cast(value.strip())
            if not sep:
                raise ValueError
        except ValueError:
            raise InputError.one(
                Location(field=f"--{option}"), f"'{item}' is not KEY=VALUE",
                f"'{item}' 不是 键=值 格式", f"write --{option} KEY=VALUE", f"请写成 --{option} 键=值",
            ) from None  # fmt: skip
    return out


def _tables(d: Determination, folder: Path | None, special: dict[str, object]) -> list[Path]:
    if folder is None:
        return []
    from chinaets.allocation.tables import write_workbooks

    return write_workbooks(d, folder, {k: str(v) for k, v in special.items()})


def _issue(
    d: Determination, step: str, special: dict[str, object], db: str
) -> list[dict[str, object]]:
    if step not in STEPS:
        raise InputError.one(
            Location(field="--issue"), f"'{step}' is not an issuance step", f"'{step}' 不是发放环节",
            f"use one of {', '.join(STEPS)}", "请使用 none、pre-allocation 或 true-up",
        )  # fmt: skip
    if step == "none":
        return []
    from chinaets.allocation.ledger import Issuer

    with ledger_at(db, create=True) as registry:  # issuing writes: the ledger may be new
        registry.init()  # schema and system accounts, if this ledger is new
        issuer = Issuer(registry)
        done = (
            issuer.pre_allocate(d, special)
            if step == "pre-allocation"
            else issuer.true_up(d, special)
        )
    return [i.as_dict() for i in done]


LABELS = {
    "balance_value": "行业平衡值 tCO2/t", "units_in_solve": "参与测算的单元", "how": "来源",
    "verified_tco2": "经核查排放量 tCO2", "allocation_tco2": "核定配额 tCO2",
    "pre_allocation_tco2": "预分配配额 tCO2", "surplus_tco2": "盈余 tCO2",
}  # fmt: skip
"""Chinese labels of the determination's columns (the English ones are spelt from the keys)."""


def _print(d: Determination) -> None:
    place = (
        render.heading(d.province, PROVINCES[d.province][0])
        if d.province
        else render.heading("nation", "全国")
    )
    console.print(f"[bold]{place} {d.year}[/] " + render.heading("determination", "配额核定"))
    solved = [_balance_row(s, b.balance_value, b.units, ("solved", "测算"))
              for s, b in d.balances.items()]  # fmt: skip
    given = [_balance_row(s, v, None, ("published", "公布值")) for s, v in d.published.items()]
    render.rows(
        console, render.heading("sector balance values", "行业平衡值"), [*solved, *given], LABELS
    )
    entities = [
        {"name": e.name, "credit_code": e.credit_code, "sector": get_sector(e.sector).zh,
         "verified_tco2": e.obligation_tco2, "allocation_tco2": e.final_tco2,
         "pre_allocation_tco2": e.pre_allocation_tco2, "surplus_tco2": e.surplus_tco2}
        for e in d.entities
    ]  # fmt: skip
    render.rows(console, render.heading("entities", "重点排放单位"), entities, LABELS)


def _balance_row(
    sector: str, value: float, units: int | None, how: tuple[str, str]
) -> dict[str, object]:
    return {"sector": get_sector(sector).zh, "balance_value": round(value, 6),
            "units_in_solve": units, "how": render.heading(*how)}  # fmt: skip


def certificate_command(
    credit_code: Annotated[
        str, typer.Argument(help="unified social credit code / 统一社会信用代码")
    ],
    year: Annotated[int, typer.Option("--year", "-y", help="compliance year / 履约年度")],
    obligation: Annotated[
        int, typer.Option(help="allowances due (verified emissions) / 应清缴配额")
    ],
    name: Annotated[str, typer.Option(help="entity name / 单位名称")] = "",
    db: Db = DEFAULT_DB_URL,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """The compliance certificate of an entity that surrendered in full / 履约证明."""
    from chinaets.compliance.certificate import certificate

    with user_errors(as_json), ledger_at(db) as registry:
        cert = certificate(registry, credit_code, name or credit_code, year, obligation)
    if as_json:
        print_json(cert.as_dict())
        return
    for line in cert.lines(render.lang()):
        console.print(line, markup=False, highlight=False)
