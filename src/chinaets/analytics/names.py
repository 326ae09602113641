"""Table names an engine accepts: one check shared by every engine."""

from __future__ import annotations


def checked_table_name(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise ValueError(f"table name {name!r}: letters, digits and _ only")
    return name
