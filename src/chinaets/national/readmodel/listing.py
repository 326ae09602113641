"""Server-side listings of any read-model table: filters, search, sorting and paging turned into
one DuckDB-dialect query (and one count), with every name checked against the dictionary.

User input never reaches the SQL text: column names are looked up in the data dictionary,
values travel as ``$name`` parameters, and the page size and offset are integers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from chinaets.core.errors import InputError, Location
from chinaets.national.readmodel.dictionary import TABLES, Table

MAX_PER_PAGE = 500
SEARCHED = ("name", "credit_code", "unit_id", "account_id", "holder", "unit", "variable")
"""Text columns a search looks in (those of them the table has)."""


@dataclass(frozen=True)
class Listing:
    """What one page of a table asks for. ``scope_*`` restrict rows to what the viewer may see
    (None: no restriction)."""

    where: Mapping[str, Any] = field(default_factory=dict)
    search: str = ""
    sort: str = ""
    descending: bool = False
    page: int = 1
    per_page: int = 50
    scope_provinces: Sequence[str] | None = None
    scope_codes: Sequence[str] | None = None


@dataclass(frozen=True)
class Page:
    table: str
    columns: tuple[str, ...]
    rows: list[dict[str, Any]]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def page_sql(
    table: Table, listing: Listing, max_rows: int = MAX_PER_PAGE
) -> tuple[str, str, dict[str, Any]]:
    """(page query, count query, parameters) of `listing` on `table`, at most `max_rows` rows."""
    where, params = conditions(table, listing)
    sort = listing.sort if listing.sort in table.column_names else ""
    direction = "DESC" if listing.descending else "ASC"
    tie = [c for c in ("credit_code", "unit_id", "account_id", "month", "variable", "unit")
           if c in table.column_names and c != sort]  # fmt: skip
    order = ([f"{sort} {direction} NULLS LAST"] if sort else []) + tie
    per_page = max(1, min(int(listing.per_page), max_rows))
    offset = (max(1, int(listing.page)) - 1) * per_page
    body = f"FROM {table.name}{where}"
    columns = ", ".join(table.column_names)
    order_by = f" ORDER BY {', '.join(order)}" if order else ""
    query = f"SELECT {columns} {body}{order_by} LIMIT {per_page} OFFSET {offset}"
    return query, f"SELECT count(*) AS n {body}", params


def conditions(table: Table, listing: Listing) -> tuple[str, dict[str, Any]]:
    """The WHERE clause (with a leading space, or empty) and its parameters."""
    clauses: list[str] = []
    params: dict[str, Any] = {}
    for i, (column, value) in enumerate(sorted(listing.where.items())):
        if column not in table.column_names:
            raise InputError.one(
                Location(field=column),
                f"table {table.name} has no column '{column}'",
                f"数据表 {table.name} 没有列 '{column}'",
                f"use one of: {', '.join(table.column_names)}",
                f"请使用：{'、'.join(table.column_names)}",
            )
        if value is None:
            clauses.append(f"{column} IS NULL")
        else:
            params[f"w{i}"] = value
            clauses.append(f"{column} = $w{i}")
    text = [c for c in SEARCHED if c in table.column_names]
    if listing.search.strip() and text:
        params["q"] = listing.search.strip().lower()
        clauses.append("(" + " OR ".join(f"position($q IN lower({c})) > 0" for c in text) + ")")
    clauses += _scope("province", listing.scope_provinces, table, params)
    clauses += _scope("credit_code", listing.scope_codes, table, params, "holder")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _scope(
    column: str,
    allowed: Sequence[str] | None,
    table: Table,
    params: dict[str, Any],
    fallback: str = "",
) -> list[str]:
    if allowed is None:
        return []
    name = column if column in table.column_names else fallback
    if name not in table.column_names:
        return []
    if not allowed:
        return ["FALSE"]
    keys = []
    for i, value in enumerate(allowed):
        params[f"{column}_{i}"] = value
        keys.append(f"${column}_{i}")
    return [f"{name} IN ({', '.join(keys)})"]


def table(name: str) -> Table:
    if name not in TABLES:
        raise InputError.one(
            Location(field="table"),
            f"the read model has no table '{name}'",
            f"分析数据模型中没有数据表 '{name}'",
            f"use one of: {', '.join(TABLES)}",
            f"请使用：{'、'.join(TABLES)}",
        )
    return TABLES[name]
