"""The CEMS queries: DuckDB-dialect SQL files in ``sql/``, written once for every engine."""

from __future__ import annotations

from functools import cache
from pathlib import Path

SQL_DIR = Path(__file__).parent / "sql"


@cache
def query(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
