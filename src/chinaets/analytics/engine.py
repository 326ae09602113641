"""The engine interface every analytical caller uses, and its embedded DuckDB implementation.

An engine knows named tables (registered from Parquet files or folders, Hive-partitioned by
``key=value`` folders, or from Arrow tables) and answers DuckDB-dialect SQL with an Arrow table.
Results are compared across engines to the tonne in the tests, so queries must order their rows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

import duckdb
import pyarrow as pa


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
        # A view's definition cannot take a prepared parameter: the path goes in as a quoted
        # SQL string literal.
        literal = "'" + source.replace("'", "''") + "'"
        self.con.execute(
            f"CREATE OR REPLACE VIEW {_ident(table)} AS "
            f"SELECT * FROM read_parquet({literal}, hive_partitioning = true)"
        )

    def register_arrow(self, table: str, data: pa.Table) -> None:
        self.con.register(table, data)

    def query(self, sql: str, params: dict[str, Any] | None = None) -> pa.Table:
        return self.con.sql(sql, params=params or None).to_arrow_table()

    def close(self) -> None:
        self.con.close()


def open_engine(name: str = "duckdb", **options: Any) -> Engine:
    """The engine called `name`: ``duckdb`` (default) or ``spark`` (options: ``master``)."""
    if name == "duckdb":
        return DuckDBEngine(**options)
    raise ValueError(f"unknown analytics engine {name!r}: use duckdb or spark")


def _ident(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise ValueError(f"table name {name!r}: letters, digits and _ only")
    return name
