"""What the CLI, the REST API and the dashboard call: ingest, totals, reconciliation and the
demo data set, each on the engine asked for (DuckDB unless told otherwise)."""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from chinaets.analytics.engine import Engine, open_engine
from chinaets.cems import compute, findings
from chinaets.cems.accounts import accounts_table
from chinaets.cems.devices import load_devices
from chinaets.cems.ingest import IngestReport
from chinaets.cems.store import CemsStore
from chinaets.core.errors import InputError, Location, Problem
from chinaets.mrv.power.accounting import account
from chinaets.mrv.power.loader import load_report

LEVELS = {"day": "totals_day", "month": "totals_month", "year": "totals_year"}


@contextmanager
def engine_for(name: str = "duckdb", master: str | None = None) -> Iterator[Engine]:
    options: dict[str, Any] = {"master": master} if name == "spark" and master else {}
    engine = open_engine(name, **options)
    try:
        yield engine
    finally:
        engine.close()


def open_store(root: Path, *, must_exist: bool = True) -> CemsStore:
    store = CemsStore(root)
    if must_exist and not store.devices_file.exists():
        raise InputError.one(
            Location(file=str(root)),
            "no CEMS store here (no monitoring configuration)",
            "此处没有在线监测数据库（缺少监测配置）",
            "run `chinaets cems ingest` (or `chinaets cems demo`) first",
            "请先运行 `chinaets cems ingest`（或 `chinaets cems demo`）",
        )
    return store


def ingest(root: Path, files: list[Path], devices_file: Path) -> IngestReport:
    missing = [f for f in files if not f.exists()]
    if missing:
        raise InputError.one(
            Location(file=str(missing[0])), "file not found", "文件不存在",
            "check the path", "请检查路径",
        )  # fmt: skip
    return open_store(root, must_exist=False).ingest(files, load_devices(devices_file))


UPLOAD_FORMATS = {"hj212": ".txt", "csv": ".csv", "parquet": ".parquet"}
"""What an uploaded body may be: HJ 212 packet text (one packet a line), or a tabular export."""


def ingest_upload(root: Path, body: bytes, fmt: str, name: str | None = None) -> IngestReport:
    """Ingest one uploaded body with the store's monitoring configuration; refused packets and
    rows are reported by line of `name` (the client's file name)."""
    store = CemsStore(root)
    if not store.devices_file.exists():
        raise InputError.one(
            Location(field="devices"),
            "no monitoring configuration declared: the packets cannot be read",
            "尚未声明监测配置，无法读取数据包",
            "declare the devices first (POST /cems/devices, or chinaets cems ingest --devices)",
            "请先声明监测设备（POST /cems/devices 或 chinaets cems ingest --devices）",
        )
    with _uploaded(body, fmt, name) as path:
        return store.ingest([path], store.devices())


def declare_devices(root: Path, body: bytes, fmt: str) -> int:
    """Store the monitoring configuration in `body` (CSV or Parquet, as `--devices` takes it);
    returns its number of device-factor rows."""
    if fmt not in ("csv", "parquet"):
        raise _bad_format(fmt, ("csv", "parquet"))
    with _uploaded(body, fmt, f"devices{UPLOAD_FORMATS[fmt]}") as path:
        devices = load_devices(path)
    CemsStore(root).declare(devices)
    return len(devices)


@contextmanager
def _uploaded(body: bytes, fmt: str, name: str | None) -> Iterator[Path]:
    if fmt not in UPLOAD_FORMATS:
        raise _bad_format(fmt, tuple(UPLOAD_FORMATS))
    suffix = UPLOAD_FORMATS[fmt]
    safe = Path((name or "upload").replace("\\", "/")).name or "upload"
    safe = safe if safe.lower().endswith(suffix) else safe + suffix
    with tempfile.TemporaryDirectory(prefix="chinaets-cems-") as folder:
        path = Path(folder) / safe
        path.write_bytes(body)
        try:
            yield path
        except InputError as exc:  # name the file as the client sent it, not the temp folder
            raise InputError([_renamed(p, str(path), safe) for p in exc.problems]) from None


def _renamed(problem: Problem, temp: str, name: str) -> Problem:
    where = problem.where
    if where.file and temp in where.file:
        where = dataclasses.replace(where, file=where.file.replace(temp, name))
    texts = {k: getattr(problem, k).replace(temp, name) for k in ("en", "zh")}
    return dataclasses.replace(problem, where=where, **texts)


def _bad_format(fmt: str, allowed: tuple[str, ...]) -> InputError:
    return InputError.one(
        Location(field="format"),
        f"unknown format {fmt!r}",
        f"未知格式 {fmt!r}",
        f"use one of {', '.join(allowed)}",
        f"请使用 {', '.join(allowed)} 之一",
    )


def totals(
    root: Path, year: int, level: str = "month", *, unit: str | None = None,
    regime: str = "hj75", engine: str = "duckdb", master: str | None = None,
) -> pa.Table:  # fmt: skip
    store = open_store(root)
    period = compute.Period.year(year)
    with engine_for(engine, master) as e:
        compute.prepare(e, store, period)
        return compute.run(e, LEVELS[level], period, compute.check_regime(regime), unit)


def hour_series(root: Path, year: int, unit: str, regime: str = "hj75") -> pa.Table:
    store = open_store(root)
    period = compute.Period.year(year)
    with engine_for() as e:
        compute.prepare(e, store, period)
        return compute.run(e, "hour_series", period, compute.check_regime(regime), unit)


def accounts_from_reports(paths: list[Path]) -> pa.Table:
    return accounts_table(account(load_report(p)) for p in paths)


def reconcile(
    root: Path, year: int, accounts: pa.Table, *, regime: str = "hj75",
    engine: str = "duckdb", master: str | None = None,
) -> tuple[pa.Table, pa.Table]:  # fmt: skip
    """Per unit-month comparison rows, and the screening rows (``source = "cems"``)."""
    store = open_store(root)
    period = compute.Period.year(year)
    with engine_for(engine, master) as e:
        compute.prepare(e, store, period)
        e.register_arrow("accounts", accounts)
        rows = compute.run(e, "reconcile", period, compute.check_regime(regime))
    return rows, findings.screening_table(rows)


def covered_units(accounts: pa.Table, year: int) -> frozenset[tuple[str, str]]:
    """The (credit code, unit) pairs a reconciliation of `year` covers: every accounted unit,
    whether or not it has findings (so that a re-run clears the findings of a mended unit)."""
    of_year = accounts.filter(pc.equal(accounts.column("year"), year))
    return frozenset(
        zip(
            of_year.column("credit_code").to_pylist(),
            of_year.column("unit_id").to_pylist(),
            strict=True,
        )
    )


def reference(regime: str) -> str:
    """What a stored CEMS finding cites: the reconciliation and the substitution rule used."""
    return (
        f"CEMS reconciliation with the accounts, substitution {regime} "
        f"(chinaets.cems parameters reconciliation.yaml, substitution_{regime}.yaml) / "
        f"在线监测与核算比对，修约规则 {regime}"
    )


def save_accounts(root: Path, accounts: pa.Table) -> None:
    import pyarrow.parquet as pq

    pq.write_table(accounts, root / "accounts.parquet")


def saved_accounts(root: Path) -> pa.Table:
    import pyarrow.parquet as pq

    path = root / "accounts.parquet"
    if not path.exists():
        raise InputError.one(
            Location(file=str(path)),
            "no accounting results stored with the CEMS data",
            "在线监测数据旁没有核算结果",
            "give the power reports with --reports, or run `chinaets cems demo`",
            "请用 --reports 提供发电报告，或运行 `chinaets cems demo`",
        )
    return pq.read_table(path)
