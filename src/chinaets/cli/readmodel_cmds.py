"""`chinaets readmodel`: build the read model from report files, and read it (totals, any
table paged, sorted and searched, the data dictionary) / 分析数据模型."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from chinaets.cli import render
from chinaets.cli.common import console, fmt_number, print_json, user_errors
from chinaets.core.errors import InputError, Location
from chinaets.mrv.sectors import Summary, detect_sector, get_sector
from chinaets.national.readmodel import (
    TABLES,
    DataMissing,
    Listing,
    ReadModel,
    build_read_model,
    markdown,
    read_model_folder,
)
from chinaets.national.readmodel.model import TOTAL_KEYS

app = typer.Typer(help="The analytics read model / 分析数据模型", no_args_is_help=True)
Data = Annotated[Path, typer.Option("--data", help="read-model folder (or a demo's --out folder)")]
AsJson = Annotated[bool, typer.Option("--json", help="print the result as JSON")]


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="readmodel")


@app.command("build")
def build(
    out: Annotated[Path, typer.Option("--out", help="folder to write the read model to")],
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="reports of any sector (.json, .xlsx, CSV folder)"),
    ] = None,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="the platform's store: its latest report of every entity and year, and the "
            "registry's accounts in the same database / 从数据平台库生成",
        ),
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Write the read model of the store's reports (--db) and of report files, accounted here
    / 由数据平台库及报告文件生成分析数据模型."""
    with user_errors(as_json):
        if not files and db is None:
            raise InputError.one(
                Location(field="files"), "give report files or --db", "请给出报告文件或 --db",
                "e.g. chinaets readmodel build --db sqlite:///chinaets-demo/registry.db --out DIR",
                "例如 chinaets readmodel build --db sqlite:///chinaets-demo/registry.db --out 目录",
            )  # fmt: skip
        summaries = [_summary(path) for path in files or ()]
        summaries, written = _build(summaries, out, db)
    if as_json:
        print_json({"entities": len(summaries), "tables": {k: str(v) for k, v in written.items()}})
        return
    console.print(render.heading(f"{len(summaries)} reports → {out} ({len(written)} tables)",
                                 f"{len(summaries)} 份报告 → {out}（已写入 {len(written)} 张数据表）"))  # fmt: skip


def _build(
    summaries: list[Summary], out: Path, db: str | None
) -> tuple[list[Summary], dict[str, Path]]:
    """The summaries written (the store's first) and the tables' paths."""
    if db is None:
        return summaries, build_read_model(summaries, out)
    from chinaets.platform.readmodel import stored_summaries
    from chinaets.platform.store import PlatformStore
    from chinaets.registry.service import Registry

    store = PlatformStore.open(db)
    registry = Registry(store.engine)
    try:
        summaries = stored_summaries(store) + summaries
        return summaries, build_read_model(summaries, out, registry=registry)
    finally:
        store.close()


def _summary(path: Path) -> Summary:
    from chinaets.allocation.categories import categorised
    from chinaets.mrv.summaries import summarise

    sector = get_sector(detect_sector(path))
    report = sector.load(path, None)
    result = sector.account(report)
    return categorised(summarise(sector, report, result), report, result)


@app.command("totals")
def totals(
    data: Data,
    by: Annotated[str, typer.Option("--by", help=f"one of {', '.join(TOTAL_KEYS)}")] = "sector",
    year: Annotated[int | None, typer.Option("--year", help="data year (default: all)")] = None,
    as_json: AsJson = False,
) -> None:
    """Entities, units, emissions and obligation by sector, province or year / 汇总."""
    with user_errors(as_json):
        if by not in TOTAL_KEYS:
            raise InputError.one(Location(field="--by"), f"cannot total by '{by}'", f"不能按 '{by}' 汇总",
                                 f"use one of: {', '.join(TOTAL_KEYS)}", f"请使用：{'、'.join(TOTAL_KEYS)}")  # fmt: skip
        rows = _open(data).totals(by, year)
    if as_json:
        print_json(rows)
        return
    _print(rows, ("key", "entities", "units", "emissions_t", "obligation_t"))


@app.command("list")
def list_table(
    table: Annotated[str, typer.Argument(help=f"one of {', '.join(TABLES)}")],
    data: Data,
    where: Annotated[
        list[str] | None, typer.Option("--where", help="COLUMN=VALUE filter (repeatable)")
    ] = None,
    search: Annotated[str, typer.Option("--search", "-q", help="text in names, codes, ids")] = "",
    sort: Annotated[str, typer.Option("--sort", help="column to sort by")] = "",
    desc: Annotated[bool, typer.Option("--desc", help="largest first")] = False,
    page: Annotated[int, typer.Option("--page", min=1)] = 1,
    per_page: Annotated[int, typer.Option("--per-page", min=1, max=500)] = 50,
    as_json: AsJson = False,
) -> None:
    """One page of any table, filtered, searched and sorted / 分页查询任一数据表."""
    with user_errors(as_json):
        filters = dict(_pair(w) for w in where or [])
        listing = Listing(filters, search, sort, desc, page, per_page)
        result = _open(data).page(table, listing)
    if as_json:
        print_json({"table": table, "total": result.total, "page": result.page, "pages": result.pages, "rows": result.rows})  # fmt: skip
        return
    _print(result.rows, result.columns)
    console.print(f"page {result.page} / {result.pages} · {result.total:,} rows / 第 {result.page} 页，共 {result.total:,} 行")  # fmt: skip


@app.command("dictionary")
def dictionary(
    as_markdown: Annotated[bool, typer.Option("--markdown", help="the docs page")] = False,
) -> None:
    """Every table and column of the read model / 数据字典."""
    if as_markdown:
        typer.echo(markdown())
        return
    for spec in TABLES.values():
        grid = Table(title=f"{spec.name} ({spec.granularity}) — {spec.zh}", title_justify="left")
        for head in ("column", "type", "unit", "meaning / 含义"):
            grid.add_column(head)
        for c in spec.columns:
            grid.add_row(c.name, c.type, c.unit, f"{c.en} / {c.zh}")
        console.print(grid)


def _open(data: Path) -> ReadModel:
    try:
        return ReadModel.open(read_model_folder(data))
    except DataMissing:
        raise InputError.one(
            Location(file=str(data)), "no read model here", "此处没有分析数据模型",
            "run chinaets readmodel build … --out DIR or chinaets demo first",
            "请先运行 chinaets readmodel build … --out 目录 或 chinaets demo",
        ) from None  # fmt: skip


def _pair(text: str) -> tuple[str, str | int]:
    column, sep, value = text.partition("=")
    if not sep:
        raise InputError.one(Location(field="--where"), f"'{text}' is not COLUMN=VALUE",
                             f"'{text}' 不是 列=值 的形式", "write e.g. --where province=Hebei",
                             "例如 --where province=Hebei")  # fmt: skip
    return column.strip(), int(value) if value.strip().lstrip("-").isdigit() else value.strip()


def _print(rows: list[dict[str, object]], columns: tuple[str, ...]) -> None:
    grid = Table()
    for c in columns:
        grid.add_column(c)
    for r in rows:
        grid.add_row(*(_cell(r.get(c)) for c in columns))
    console.print(grid)


def _cell(value: object) -> str:
    if isinstance(value, float):
        return fmt_number(value, 0 if abs(value) >= 100 else 4)
    return "—" if value is None else str(value)
