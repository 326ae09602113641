"""National analytics on an engine: DuckDB embedded (the default) or Apache Spark (scale-out).

Every analytical computation (the read model's queries, screening, CEMS aggregation and
reconciliation, coverage and targets) is written once, as DuckDB-dialect SQL over named tables,
and runs on either engine through `Engine`; the Spark engine transpiles the same SQL (sqlglot).
Callers never hold a DuckDB or Spark connection of their own.
"""

from chinaets.analytics.engine import DuckDBEngine, Engine, open_engine

__all__ = ["DuckDBEngine", "Engine", "open_engine"]
