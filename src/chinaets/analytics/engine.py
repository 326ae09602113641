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
    """The embedded default: one DuckDB database (in memory, or a file). Each query runs on its
    own cursor, so that threads (a web server's) can query at once; what is registered is in
    the database's catalog (views over Parquet, tables copied from Arrow), which every cursor
    sees."""

    name = "duckdb"

    def __init__(self, database: Path | str = ":memory:", *, read_only: bool = False) -> None:
        self.con = duckdb.connect(str(database), read_only=read_only)

    def register_parquet(self, table: str, path: Path) -> None:
        source = str(path / "**" / "*.parquet") if path.is_dir() else str(path)
        # A view's definition cannot take a prepared parameter: the path goes in as a quoted
        # SQL string literal.
        literal = "'" + source.replace("'", "''") + "'"
        self._drop(table)
        self.con.execute(
            f"CREATE VIEW {checked_table_name(table)} AS "
            f"SELECT * FROM read_parquet({literal}, hive_partitioning = true)"
        )

    def register_arrow(self, table: str, data: pa.Table) -> None:
        # Copied into a DuckDB table: its min/max statistics let a lookup of one entity skip
        # most of a large table, and cursors of other threads see it (a registered Arrow
        # object is private to the connection that registered it).
        # One transaction: a query on another cursor sees the old table or the new one.
        self.con.register("chinaets_arrow_source", data)
        try:
            self.con.execute("BEGIN TRANSACTION")
            self._drop(table)
            self.con.execute(
                f"CREATE TABLE {checked_table_name(table)} AS SELECT * FROM chinaets_arrow_source"
            )
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        finally:
            self.con.unregister("chinaets_arrow_source")

    def _drop(self, table: str) -> None:
        name = checked_table_name(table)
        found = self.con.execute(
            "SELECT 'TABLE' FROM duckdb_tables() WHERE table_name = $n AND NOT temporary "
            "UNION ALL SELECT 'VIEW' FROM duckdb_views() WHERE view_name = $n AND NOT internal",
            {"n": name},
        ).fetchall()
        for (kind,) in found:
            self.con.execute(f"DROP {kind} {name}")

    def query(self, sql: str, params: dict[str, Any] | None = None) -> pa.Table:
        # Like the Spark engine, ignore values the query does not use (DuckDB would refuse them),
        # so one parameter set can serve every query of a computation.
        used = {k: v for k, v in (params or {}).items() if re.search(rf"\${k}\b", sql)}
        cursor = self.con.cursor()
        try:
            return cursor.sql(sql, params=used or None).to_arrow_table()
        finally:
            cursor.close()

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
