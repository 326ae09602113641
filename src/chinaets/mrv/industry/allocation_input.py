"""The allocation input of an accounted industry report (cement, aluminium, steel): the lines of
the sector's allocation perimeter (§1.1 of the 2024–2025 plan) with their verified emissions and
output, as plain ``allocation/1`` data. Each sector says which lines those are."""

from __future__ import annotations

from typing import Any


def industry_document(sector: str, result: Any, lines: list[dict[str, Any]]) -> dict[str, Any]:
    """An ``allocation/1`` document of the perimeter `lines` (those with output)."""
    data = result.as_dict()
    entity = {k: data[k] for k in ("credit_code", "name", "province")}
    return {
        "sector": sector,
        "year": data["year"],
        "entity": entity,
        "lines": [line for line in lines if line["output_t"] > 0],
    }
