"""The same DuckDB-dialect SQL gives the same Arrow result on DuckDB and on Spark."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from chinaets.analytics.engine import Engine, open_engine
from chinaets.analytics.spark import transpile

HOURS = pa.table(
    {
        "unit_id": ["U1", "U1", "U1", "U2", "U2"],
        "ts": [dt.datetime(2024, 1, 1, h) for h in (0, 1, 2, 0, 1)],
        "kg": [1000.5, None, 1200.25, 300.0, 400.0],
        "flag": ["N", "D", "N", "N", "C"],
    }
)


def test_group_window_and_types(engine: Engine) -> None:
    engine.register_arrow("hours", HOURS)
    result = engine.query(
        """
        SELECT unit_id, count(*) AS n, CAST(round(sum(kg)) AS BIGINT) AS kg,
               max(ts) AS last_ts, string_agg(flag, '' ORDER BY ts) AS flags
        FROM hours GROUP BY unit_id ORDER BY unit_id
        """
    )
    assert result.column("last_ts").type == pa.timestamp("us")
    assert result.column("flags").type == pa.string()
    assert result.to_pylist() == [
        {
            "unit_id": "U1",
            "n": 3,
            "kg": 2201,
            "last_ts": dt.datetime(2024, 1, 1, 2),
            "flags": "NDN",
        },
        {"unit_id": "U2", "n": 2, "kg": 700, "last_ts": dt.datetime(2024, 1, 1, 1), "flags": "NC"},
    ]


def test_last_valid_value_window(engine: Engine) -> None:
    engine.register_arrow("hours", HOURS)
    result = engine.query(
        """
        SELECT unit_id, ts,
               last_value(kg IGNORE NULLS) OVER (
                   PARTITION BY unit_id ORDER BY ts
                   ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS carried
        FROM hours ORDER BY unit_id, ts
        """
    )
    assert result.column("carried").to_pylist() == [1000.5, 1000.5, 1200.25, 300.0, 400.0]


def test_parameters_are_bound_not_spliced(engine: Engine) -> None:
    engine.register_arrow("hours", HOURS)
    sql = "SELECT count(*) AS n FROM hours WHERE unit_id = $unit AND ts >= $since"
    hostile = {"unit": "U1' OR '1'='1", "since": dt.datetime(2024, 1, 1)}
    assert engine.query(sql, hostile).column("n").to_pylist() == [0]
    assert engine.query(sql, {"unit": "U2", "since": dt.datetime(2024, 1, 1, 1)}).column(
        "n"
    ).to_pylist() == [1]


def test_partitioned_parquet(engine: Engine, tmp_path: Path) -> None:
    for month in (1, 2):
        folder = tmp_path / "year=2024" / f"month={month}" / "province=Hebei"
        folder.mkdir(parents=True)
        pq.write_table(HOURS.slice(0, 2 + month), folder / "part-0.parquet")
    engine.register_parquet("readings", tmp_path)
    result = engine.query(
        """
        SELECT CAST(month AS INTEGER) AS month, province, count(*) AS n
        FROM readings GROUP BY ALL ORDER BY month
        """
    )
    assert result.to_pylist() == [
        {"month": 1, "province": "Hebei", "n": 3},
        {"month": 2, "province": "Hebei", "n": 4},
    ]


def test_transpile_binds_typed_literals() -> None:
    sql = transpile(
        "SELECT * FROM t WHERE a = $a AND b IN $b AND d = $d", {"a": "x'y", "b": [1, 2], "d": None}
    )
    assert "'x\\'y'" in sql and "(1, 2)" in sql and "NULL" in sql
    with pytest.raises(ValueError, match=r"\$a"):
        transpile("SELECT $a")


def test_unknown_engine_is_named() -> None:
    with pytest.raises(ValueError, match="duckdb or spark"):
        open_engine("oracle")
