"""Prebuilt statements sent straight to the database driver, in batches.

The transfer hot path (`transfer_path`) spends most of its client time in per-statement
machinery, not in the database: SQLAlchemy's execution context (~0.1 ms per statement even for a
statement built once) and one network round trip per statement. `Wire` runs SQLAlchemy Core
statements compiled once per dialect through the connection's own DBAPI cursor, and sends a
batch of them together:

- PostgreSQL (psycopg 3): one batch is one pipeline (libpq pipeline mode), so the statements
  travel in one round trip and run on the server one after another, in order, in the same
  transaction, exactly as if sent one by one;
- SQLite: the statements of a batch run one after another on the same connection.

The statements and their order are the same on both databases; only the transport differs.
Driver errors are re-raised as SQLAlchemy's `DBAPIError` subclasses (`IntegrityError`,
`OperationalError` …), so the service's retry rules see them as before. Nothing here begins or
commits: the batches run inside the caller's SQLAlchemy transaction on the same connection.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection
from sqlalchemy.engine.interfaces import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler


@dataclass(frozen=True)
class Compiled:
    """A statement's SQL text for one dialect, and how to order its parameters."""

    sql: str
    positions: tuple[str, ...] | None  # parameter names in order (qmark), None for named
    defaults: Mapping[str, Any]  # values fixed in the statement (e.g. `id = 1`)

    def bind(self, params: Mapping[str, Any]) -> Any:
        values = {**self.defaults, **params} if self.defaults else params
        if self.positions is None:
            return values
        return tuple(values[name] for name in self.positions)


def compile_for(statement: ClauseElement, dialect: Dialect) -> Compiled:
    compiled = cast(SQLCompiler, statement.compile(dialect=dialect))
    positions = tuple(compiled.positiontup or ()) if compiled.positional else None
    defaults = {name: bind.value for name, bind in compiled.binds.items() if not bind.required}
    return Compiled(str(compiled), positions, defaults)


@dataclass(frozen=True)
class Step:
    """One statement of a batch: `params` is a mapping, or a list of them (executemany)."""

    statement: ClauseElement
    params: Any  # Mapping[str, Any], or Sequence[Mapping[str, Any]] when `many`
    many: bool = False


_CACHE: dict[tuple[str, int], Compiled] = {}


class Wire:
    def __init__(self, connection: Connection) -> None:
        self.dialect = connection.dialect
        self.raw: Any = connection.connection.dbapi_connection
        self.pipelined = self.dialect.name == "postgresql"

    def _compiled(self, statement: ClauseElement) -> Compiled:
        key = (self.dialect.name, id(statement))  # statements are module-level constants
        found = _CACHE.get(key)
        if found is None:
            found = _CACHE[key] = compile_for(statement, self.dialect)
        return found

    def run(self, steps: Sequence[Step], *, commit: bool = False) -> list[list[tuple[Any, ...]]]:
        """Execute the steps in order; the rows each returned ([] for writes). `commit` ends
        the batch with COMMIT (in the same round trip on PostgreSQL): only for a transaction
        the registry began itself, whose SQLAlchemy commit then finds nothing left to do."""
        cursors: list[Any] = []
        current: tuple[str, Any] = ("", None)
        try:
            if self.pipelined:
                with self.raw.pipeline():
                    for step in steps:
                        current = self._send(step, cursors)
                    if commit:
                        current = ("COMMIT", None)
                        self.raw.commit()
                return [_rows(cursor) for cursor in cursors]
            for step in steps:
                current = self._send(step, cursors)
                cursors[-1] = _rows(cursors[-1])
            if commit:
                current = ("COMMIT", None)
                self.raw.commit()
            return cursors
        except self.dialect.loaded_dbapi.Error as exc:
            raise DBAPIError.instance(
                current[0], current[1], exc, self.dialect.loaded_dbapi.Error, dialect=self.dialect
            ) from exc

    def _send(self, step: Step, cursors: list[Any]) -> tuple[str, Any]:
        compiled = self._compiled(step.statement)
        cursor = self.raw.cursor()
        cursors.append(cursor)
        if step.many:
            many = [compiled.bind(p) for p in step.params]
            cursor.executemany(compiled.sql, many)
            return compiled.sql, many
        params = compiled.bind(step.params)
        cursor.execute(compiled.sql, params)
        return compiled.sql, params


def _rows(cursor: Any) -> list[tuple[Any, ...]]:
    rows = list(cursor.fetchall()) if cursor.description is not None else []
    cursor.close()
    return rows
