"""The engine interface every analytical caller uses, and its embedded DuckDB implementation.

An engine knows named tables (registered from Parquet files or folders, Hive-partitioned by
``key=value`` folders, or from Arrow tables) and answers DuckDB-dialect SQL with an Arrow table.
Results are compared across engines to the tonne in the tests, so queries must order their rows.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Protocol

import duckdb
import pyarrow as pa

from chinaets.analytics.names import checked_table_name


class Engine(Protocol):
    name: str

    def register_parquet(self, table: str, path: Path) -> None:
        """Make the Parquet file or (partitioned) folder at `path` queryable as `table`."""

    def register_arrow(self, table: str, data: pa.Table) -> None:
        """Make an in-memory Arrow table queryable as `table`."""

    def query(self, sql: str, params: dict[str, Any] | None = None) -> pa.Table:
        """The rows of one DuckDB-dialect SELECT; ``$name`` placeholders bound from `params`."""

    def close(self) -> None: ...


class DuckDBEngine:
    """The embedded default: one DuckDB connection (in memory, or a database file)."""

    name = "duckdb"

    def __init__(self, database: Path | str = ":memory:", *, read_only: bool = False) -> None:
        self.con = duckdb.connect(str(database), read_only=read_only)

    def register_parquet(self, table: str, path: Path) -> None:
        source = str(path / "**" / "*.parquet") if path.is_dir() else str(path)
        # A view cannot hold a prepared parameter: the path goes in as an escaped literal.
        literal = "'" + source.replace("'", "''") + "'"
        self.con.execute(
            f"CREATE OR REPLACE VIEW {checked_table_name(table)} AS "
            f"SELECT * FROM read_parquet({literal}, hive_partitioning = true)"
        )

    def register_arrow(self, table: str, data: pa.Table) -> None:
        self.con.register(table, data)

    def query(self, sql: str, params: dict[str, Any] | None = None) -> pa.Table:
        # Like the Spark engine, ignore values the query does not use (DuckDB would refuse them),
        # so one parameter set can serve every query of a computation.
        used = {k: v for k, v in (params or {}).items() if re.search(rf"\${k}\b", sql)}
        return self.con.sql(sql, params=used or None).to_arrow_table()

    def close(self) -> None:
        self.con.close()


def open_engine(name: str = "duckdb", **options: Any) -> Engine:
    """The engine called `name`: ``duckdb`` (default) or ``spark`` (options: ``master``)."""
    if name == "duckdb":
        return DuckDBEngine(**options)
    if name == "spark":
        from chinaets.analytics.spark import SparkEngine  # pyspark loads only when asked for

        return SparkEngine(**options)
    raise ValueError(f"unknown analytics engine {name!r}: use duckdb or spark")
