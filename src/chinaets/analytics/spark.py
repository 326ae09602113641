"""The Apache Spark engine: the same DuckDB-dialect SQL, transpiled with sqlglot, run by Spark.

``local[N]`` (the default, ``local[2]``) runs Spark inside this process's JVM; a cluster URL
(``spark://…``, ``yarn``, ``k8s://…``) runs it on a cluster; ``sc://host:port`` talks to a Spark
Connect server. Parameters (``$name``) are bound as typed SQL literals in the parsed query, never
spliced into the text, so a value cannot change the query's structure.

Results come back as Arrow with the column types DuckDB gives for the same query where the two
engines differ only in representation: timestamps without a time zone (the session runs in UTC)
and plain (not large) strings.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import sqlglot
from sqlglot import exp

from chinaets.analytics.names import checked_table_name

DEFAULT_MASTER = "local[2]"
_VIEW_IDS = itertools.count(1)
_SESSION_CONFIG = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.shuffle.partitions": "8",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
    # DuckDB's CAST of a malformed value raises; Spark's ANSI mode does the same.
    "spark.sql.ansi.enabled": "true",
}


class SparkEngine:
    """One Spark session (local, cluster or Spark Connect) answering DuckDB-dialect SQL."""

    name = "spark"

    def __init__(
        self,
        master: str = DEFAULT_MASTER,
        *,
        app_name: str = "chinaets",
        config: dict[str, str] | None = None,
        session: Any = None,
    ) -> None:
        self.master = master
        self.session = session if session is not None else _session(master, app_name, config)

    def register_parquet(self, table: str, path: Path) -> None:
        reader = self.session.read
        if path.is_dir():  # Hive partitions (key=value folders) become columns, as in DuckDB
            reader = reader.option("basePath", str(path)).option("recursiveFileLookup", "false")
        reader.parquet(str(path)).createOrReplaceTempView(checked_table_name(table))

    def register_arrow(self, table: str, data: pa.Table) -> None:
        self.session.createDataFrame(data).createOrReplaceTempView(checked_table_name(table))

    def query(self, sql: str, params: dict[str, Any] | None = None) -> pa.Table:
        tree = bind(sql, params)
        views = self._materialise_shared_ctes(tree)
        try:
            result = self.session.sql(tree.sql(dialect="spark")).toArrow()
        finally:
            for view in views:
                self.session.catalog.dropTempView(view)
        return _like_duckdb(result)

    def _materialise_shared_ctes(self, tree: exp.Expr) -> list[str]:
        """Spark inlines a CTE at every reference, so a CTE read twice (the CEMS hourly table
        feeds gaps, lookbacks and totals) would be computed twice. Each such CTE is computed once
        (``localCheckpoint``) into a temporary view; the query text stays the same SQL."""
        with_ = tree.args.get("with")
        if with_ is None:
            return []
        uses = Counter(t.name for t in tree.find_all(exp.Table))
        inline: list[exp.CTE] = []
        views: list[str] = []
        for cte in list(with_.expressions):
            if uses[cte.alias] < 2:
                inline.append(cte)
                continue
            body = cte.this.copy()
            if inline:
                body.set("with", exp.With(expressions=[c.copy() for c in inline]))
            view = f"cte{next(_VIEW_IDS)}_{cte.alias}"
            frame = self.session.sql(body.sql(dialect="spark")).localCheckpoint()
            frame.createOrReplaceTempView(view)
            views.append(view)
            for table in tree.find_all(exp.Table):
                if table.name == cte.alias and not table.args.get("db"):
                    table.set("this", exp.to_identifier(view))
            for kept in inline:
                for table in kept.find_all(exp.Table):
                    if table.name == cte.alias:
                        table.set("this", exp.to_identifier(view))
            cte.pop()
        if not with_.expressions:
            tree.set("with", None)
        return views

    def close(self) -> None:
        """Leave a shared or remote session running; stop only a local one this engine made."""
        if self.master.startswith("local"):
            self.session.stop()


def _session(master: str, app_name: str, config: dict[str, str] | None) -> Any:
    from pyspark.sql import SparkSession  # imported here: the DuckDB default needs no JVM

    if master.startswith("sc://"):
        builder = SparkSession.builder.remote(master)
    else:
        builder = SparkSession.builder.master(master)
        for key, value in {**_SESSION_CONFIG, **(config or {})}.items():
            builder = builder.config(key, value)
    session = builder.appName(app_name).getOrCreate()
    if not master.startswith("sc://"):
        session.sparkContext.setLogLevel("ERROR")
    return session


def transpile(sql: str, params: dict[str, Any] | None = None) -> str:
    """Spark SQL for one DuckDB-dialect statement, with ``$name`` bound from `params`."""
    return bind(sql, params).sql(dialect="spark")


def bind(sql: str, params: dict[str, Any] | None = None) -> exp.Expr:
    """The parsed statement with ``$name`` placeholders replaced by typed literals."""
    tree = sqlglot.parse_one(sql, read="duckdb")
    values = params or {}
    for placeholder in list(tree.find_all(exp.Placeholder)):
        name = placeholder.name
        if name not in values:
            raise ValueError(f"query parameter ${name} has no value")
        placeholder.replace(_literal(values[name]))
    for node in list(tree.find_all(exp.PercentileCont)):
        # DuckDB's quantile_cont(x, p) is Spark's percentile(x, p) (both interpolate linearly);
        # sqlglot would write Spark's one-argument percentile_cont.
        if node.expression is not None and not isinstance(node.parent, exp.WithinGroup):
            node.replace(exp.Anonymous(this="percentile", expressions=[node.this, node.expression]))
    return tree


def _literal(value: Any) -> exp.Expression:
    """A typed SQL literal for one bound value (strings quoted and escaped by sqlglot)."""
    if value is None:
        return exp.Null()
    if isinstance(value, bool):
        return exp.Boolean(this=value)
    if isinstance(value, int | float | Decimal):
        return exp.Literal.number(value)
    if isinstance(value, str):
        return exp.Literal.string(value)
    if isinstance(value, dt.datetime):
        return exp.cast(exp.Literal.string(value.isoformat(sep=" ")), "TIMESTAMP")
    if isinstance(value, dt.date):
        return exp.cast(exp.Literal.string(value.isoformat()), "DATE")
    if isinstance(value, list | tuple):
        return exp.Tuple(expressions=[_literal(v) for v in value])
    raise TypeError(f"cannot bind a {type(value).__name__} as a query parameter")


def _like_duckdb(table: pa.Table) -> pa.Table:
    """Same representation as DuckDB's Arrow output: naive timestamps, plain strings, nullable."""
    fields = [_duckdb_type(f) for f in table.schema]
    schema = pa.schema(fields)
    return table if schema.equals(table.schema) else table.cast(schema)


def _duckdb_type(field: pa.Field) -> pa.Field:
    field = field.with_nullable(True)  # DuckDB marks every result column nullable
    if pa.types.is_timestamp(field.type) and field.type.tz is not None:
        return field.with_type(pa.timestamp(field.type.unit))
    if pa.types.is_large_string(field.type):
        return field.with_type(pa.string())
    return field
