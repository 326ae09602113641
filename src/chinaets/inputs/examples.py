"""Example rows of a sector's input tables, taken from its law book's worked cases.

The template shows one example row per table (`chinaets template`): a real row of a worked case
(the guideline's own examples where it has them), valid under the table's schema, from the
newest case file that has one. The loader refuses a workbook that still holds one (see
`EXAMPLE_NOTE`, `refuse_example`): an example is never read as a user's data.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from chinaets.core.errors import InputError, Location

EXAMPLE_ROW = 3  # where the template shows a table's example row
EXAMPLE_NOTE = "示例行：请删除本行后填写 example row: delete it, then enter your data"


def refuse_example(where: Location, cells: list[Any]) -> None:
    """A row the template marked as its example is never read as data: the user is told to
    delete it (or, having typed over its values, to delete its note)."""
    if any(isinstance(c, str) and c.strip().startswith(EXAMPLE_NOTE[:3]) for c in cells):
        raise InputError.one(
            where, "this is the template's example row, not your data", "此行为模板示例行，不是填报数据",
            "delete the row (if you typed your data over it, delete the note 示例行… at its end)",
            "请删除该示例行（若已在该行填写数据，请删除行末的“示例行”说明）",
        )  # fmt: skip


def example_rows(
    cases_dir: Path, tables: Mapping[str, type[BaseModel]]
) -> dict[str, dict[str, Any]]:
    """One valid row per table that the worked cases show (tables they never fill: none)."""
    found: dict[str, dict[str, Any]] = {}
    for table, row in _case_rows(cases_dir):
        model = tables.get(table)
        if model is None or table in found or table == "entity":
            continue
        try:
            model.model_validate(row)
        except ValidationError:
            continue
        found[table] = row
    return {name: found[name] for name in tables if name in found}


def _case_rows(cases_dir: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    for path in sorted(cases_dir.glob("*.yaml"), reverse=True):  # the newest guideline first
        book = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        inputs = [book.get("defaults") or {}]
        inputs += [c.get("input") or {} for c in book.get("cases", []) if "expect_error" not in c]
        for tables in inputs:
            for table, rows in tables.items():
                if isinstance(rows, list):
                    yield from ((table, row) for row in rows if isinstance(row, dict))
