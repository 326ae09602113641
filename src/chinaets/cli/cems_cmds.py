"""`chinaets cems`: ingest HJ 212 packets and exports, CO2 totals, reconciliation with the
accounts — on DuckDB (default) or Spark (`--engine spark --spark-master …`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import pyarrow as pa
import typer
from rich.table import Table

from chinaets.cems import service
from chinaets.cli import render
from chinaets.cli.common import console, fmt_number, print_json, user_errors
from chinaets.core.labels import term

cems_app = typer.Typer(
    help="CO2 CEMS: ingest, totals, reconciliation / 二氧化碳在线监测：入库、统计、比对",
    no_args_is_help=True,
)
Store = Annotated[Path, typer.Option("--store", help="CEMS store folder / 在线监测数据目录")]
Year = Annotated[int, typer.Option("--year", help="Data year / 数据年度")]
EngineName = Annotated[str, typer.Option("--engine", help="duckdb or spark")]
Master = Annotated[
    str | None, typer.Option("--spark-master", help="local[N], spark://…, sc://… (Spark only)")
]
Regime = Annotated[str, typer.Option("--regime", help="Substitution: hj75, eu or us / 修约规则")]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON / 输出 JSON")]
TOTAL_LABELS = {
    "unit_id": "机组 unit", "province": "省份 province", "day": "日期 day", "month": "月 month",
    "year": "年 year", "tco2": "排放量 tCO2", "substituted_tco2": "修约量 tCO2",
    "measured_share": "实测占比 measured", "substituted_share": "修约占比 substituted",
    "invalid_share": "无效占比 invalid", "valid_days": "有效日 valid days",
}  # fmt: skip
RECONCILE_LABELS = {
    "unit_id": "机组 unit", "month": "月 month", "cems_tco2": "监测 CEMS t",
    "accounted_tco2": "核算 accounts t", "fgd_tco2": "脱硫 FGD t",
    "unexplained_tco2": "未解释 unexplained t", "deviation": "偏差 deviation",
    "status": "状态 status",
}  # fmt: skip
STATUS = {"ok": "正常 ok", "flag": "筛查 flag", "alert": "警报 alert",
          "not_comparable": "不可比 not comparable"}  # fmt: skip


def register(app: typer.Typer) -> None:
    app.add_typer(cems_app, name="cems")


@cems_app.command("ingest")
def ingest(
    files: Annotated[
        list[Path], typer.Argument(help="Packet files (.txt) or exports (.csv/.parquet)")
    ],
    devices: Annotated[
        Path, typer.Option("--devices", help="Monitoring configuration CSV / 监测配置")
    ],
    store: Store = Path("chinaets-cems"),
    as_json: AsJson = False,
) -> None:
    """Ingest HJ 212-2017 packets or tabular exports; refused packets listed by line."""
    with user_errors(as_json):
        report = service.ingest(store, files, devices)
    data = report.as_dict()
    if as_json:
        print_json(data)
        return
    console.print(render.heading(
        f"read {data['packets']:,} packets or rows, stored {data['rows']:,}, refused {data['bad_packets']:,}",
        f"读取 {data['packets']:,} 个数据包/行，入库 {data['rows']:,} 条，拒收 {data['bad_packets']:,} 个",
    ))  # fmt: skip
    for line in data["lines"]:
        message = render.heading(line["en"], line["zh"])
        console.print(f"  {line['source']}:{line['line']} {line['code']}: {message}", markup=False)
    if data["undeclared_items"]:
        n = data["undeclared_items"]
        console.print(render.heading(f"{n:,} values of undeclared factors not stored",
                                     f"未声明因子值 {n:,} 个未入库"))  # fmt: skip


@cems_app.command("totals")
def totals(
    store: Store = Path("chinaets-cems"),
    year: Year = 2024,
    level: Annotated[str, typer.Option("--level", help="day, month or year")] = "month",
    unit: Annotated[str | None, typer.Option("--unit", help="One unit / 单个机组")] = None,
    regime: Regime = "hj75",
    engine: EngineName = "duckdb",
    spark_master: Master = None,
    as_json: AsJson = False,
) -> None:
    """CO2 per unit and day, month or year, with the shares of measured, substituted and
    invalid hours."""
    with user_errors(as_json):
        _check_level(level)
        table = service.totals(
            store, year, level, unit=unit, regime=regime, engine=engine, master=spark_master
        )
    _show(table, TOTAL_LABELS, as_json, f"二氧化碳排放量 CEMS CO2 ({regime})")


@cems_app.command("reconcile")
def reconcile(
    store: Store = Path("chinaets-cems"),
    year: Year = 2024,
    reports: Annotated[
        list[Path] | None,
        typer.Option("--reports", help="Power reports to compare with / 发电核算报告"),
    ] = None,
    regime: Regime = "hj75",
    engine: EngineName = "duckdb",
    spark_master: Master = None,
    findings_only: Annotated[
        bool, typer.Option("--findings", help="Only the screening rows")
    ] = False,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Platform database: store the findings on its screening list / 写入平台筛查清单",
        ),
    ] = None,
    as_json: AsJson = False,
) -> None:
    """CEMS vs calculation-based emissions per unit and month; flags, drift, stuck meters.
    With --db the findings replace this year's CEMS findings of these units on the platform's
    screening list."""
    with user_errors(as_json):
        accounts = (
            service.accounts_from_reports(reports) if reports else service.saved_accounts(store)
        )
        rows, screening = service.reconcile(
            store, year, accounts, regime=regime, engine=engine, master=spark_master
        )
        stored = None if db is None else _publish(db, year, accounts, screening, regime)
    if stored is not None and not as_json:
        console.print(
            f"{stored:,} 条核查发现已写入平台筛查清单 / {stored:,} findings stored on the platform's screening list"
        )
    if as_json:
        payload: dict[str, Any] = {
            "reconciliation": rows.to_pylist(),
            "findings": screening.to_pylist(),
        }
        if stored is not None:
            payload["stored_findings"] = stored
        print_json(screening.to_pylist() if findings_only else payload)
        return
    if not findings_only:
        _show(
            rows.filter(_not_ok(rows)),
            RECONCILE_LABELS,
            False,
            "比对异常 unit-months beyond thresholds",
        )
    for f in screening.to_pylist():
        console.print(
            f"[{term(f['severity'], render.lang())}] {f['code']} {f['unit_id']} "
            f"{f['year']}-{f['month']:02d}: {render.heading(f['en'], f['zh'])}",
            markup=False,
        )


@cems_app.command("demo")
def demo(
    store: Store = Path("chinaets-cems"),
    year: Year = 2024,
    limit: Annotated[
        int, typer.Option("--limit", help="Plants of the demo fleet / 演示电厂数")
    ] = 20,
    as_json: AsJson = False,
) -> None:
    """Synthetic CEMS packets for the demo fleet (with planted faults), ingested into the store."""
    with user_errors(as_json):
        from chinaets.demo.cems_synthetic import cems_demo

        result = cems_demo(store, year, limit)
    if as_json:
        print_json(result)
        return
    units, faults = result["units"], len(result["faults"])
    console.print(render.heading(f"{units} units, {faults} planted faults written to {store}",
                                 f"{units} 台机组、{faults} 个预置故障已写入 {store}"))  # fmt: skip


def _publish(db: str, year: int, accounts: pa.Table, screening: pa.Table, regime: str) -> int:
    from chinaets.platform.monitoring import MonitoringRun, replace_findings
    from chinaets.platform.store import PlatformStore
    from chinaets.platform.submit import utc_now

    run = MonitoringRun(
        "cems", year, service.covered_units(accounts, year), service.reference(regime)
    )
    platform = PlatformStore.open(db)
    try:
        return replace_findings(platform, run, screening.to_pylist(), utc_now())
    finally:
        platform.close()


def _check_level(level: str) -> None:
    if level not in service.LEVELS:
        from chinaets.core.errors import InputError, Location

        raise InputError.one(
            Location(field="level"),
            f"unknown level {level!r}",
            f"未知统计层级 {level!r}",
            "use day, month or year",
            "请使用 day、month 或 year",
        )


def _not_ok(rows: pa.Table) -> Any:
    import pyarrow.compute as pc

    return pc.or_(pc.not_equal(rows.column("status"), "ok"), rows.column("drift"))


def _show(table: pa.Table, labels: dict[str, str], as_json: bool, title: str) -> None:
    if as_json:
        print_json(table.to_pylist())
        return
    out = Table(title=_pick(title))
    columns = [c for c in labels if c in table.column_names]
    for c in columns:
        out.add_column(
            _pick(labels[c]),
            justify="right" if c not in ("unit_id", "province", "status") else "left",
        )
    for row in table.to_pylist():
        out.add_row(*[_cell(c, row[c]) for c in columns])
    console.print(out)


def _pick(both: str) -> str:
    """A "中文 English" label of this module in the reader's language."""
    zh, _, en = both.partition(" ")
    return render.heading(en, zh) if en else both


def _cell(column: str, value: Any) -> str:
    if column == "status":
        return _pick(STATUS.get(str(value), str(value)))
    if column.endswith("share") or column == "deviation":
        return f"{float(value) * 100:.1f} %"
    if isinstance(value, float):
        return fmt_number(value, 1)
    return str(value)
