"""Tabular CEMS exports (CSV or Parquet), one row per device, period and factor::

    mn,ts,period,code,value,flag,mark
    010000A8900016F000169DC0,2024-01-15 08:00:00,hour,a05001,12.5,N,运行

``ts`` is the period start (local clock time, as HJ 212 ``DataTime``), ``period`` is ``hour`` or
``minute``, ``code`` an HJ 212-2017 (or HJ/T 212-2005) factor code, ``value`` in the unit the
monitoring configuration declares for that device and factor. Rows go through the same checks
and pivot as packets; refused rows are reported with their line (the header is line 1). The
optional ``mark`` is the period's operating-condition mark (``marks.yaml``: 运行, 停运, 并网, 解列,
故障, 校准 … or running, stopped, startup …); a row with a mark and an empty code sends the mark
alone (a stopped unit sends no data).
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from chinaets.analytics.engine import DuckDBEngine
from chinaets.cems.ingest import BadLine, IngestReport, _checked_items, _legacy_table, mark_table
from chinaets.cems.sql import query
from chinaets.core.errors import InputError, Location

COLUMNS = ("mn", "ts", "period", "code", "value", "flag")
OPTIONAL = ("mark",)


def read_export(path: Path, devices: pa.Table) -> tuple[pa.Table, IngestReport]:
    export = _read(path)
    engine = DuckDBEngine()
    try:
        engine.register_arrow("export", export)
        engine.register_arrow("devices", devices)
        engine.register_arrow("legacy", _legacy_table())
        engine.register_arrow("mark_codes", mark_table())
        items = engine.query(query("tabular_items"))
    finally:
        engine.close()
    problem = items.column("problem")
    refused = items.filter(pc.is_valid(problem))
    report = IngestReport(packets=len(export))
    report.bad += [
        BadLine(path.name, line, code)
        for line, code in zip(
            refused.column("line").to_pylist(), refused.column("problem").to_pylist(), strict=True
        )
    ]
    readings, bad, undeclared = _checked_items(
        items.filter(pc.is_null(problem)).drop_columns(["problem"]), path.name
    )
    report.bad += bad
    report.undeclared_items = undeclared
    report.rows = len(readings)
    return readings, report


def _read(path: Path) -> pa.Table:
    try:
        if path.suffix.lower() == ".parquet":
            table = pq.read_table(path)
        else:
            types = {c: pa.string() for c in COLUMNS + OPTIONAL}
            table = pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(column_types=types))
    except (pa.ArrowInvalid, OSError) as exc:
        raise InputError.one(
            Location(file=str(path)),
            f"cannot read the CEMS export: {exc}",
            f"无法读取在线监测导出文件：{exc}",
            f"give a CSV or Parquet file with the columns {', '.join(COLUMNS)}",
            f"请提供含 {', '.join(COLUMNS)} 列的 CSV 或 Parquet 文件",
        ) from exc
    missing = [c for c in COLUMNS if c not in table.column_names]
    if missing:
        raise InputError.one(
            Location(file=str(path), field=", ".join(missing)),
            f"the CEMS export lacks the columns {', '.join(missing)}",
            f"在线监测导出文件缺少列：{', '.join(missing)}",
            f"give the columns {', '.join(COLUMNS)}",
            f"请提供列 {', '.join(COLUMNS)}",
        )
    columns = {c: pc.cast(table.column(c), pa.string()) for c in COLUMNS}
    columns["mark"] = (
        pc.cast(table.column("mark"), pa.string())
        if "mark" in table.column_names
        else pa.nulls(len(table), pa.string())
    )
    line = pa.array(range(2, len(table) + 2), pa.int64())
    return pa.table({"line": line, **columns})
