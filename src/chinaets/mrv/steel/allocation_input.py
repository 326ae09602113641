"""The steel sector's allocation perimeter: the enterprise as a whole (crude steel)."""

from __future__ import annotations

from typing import Any

from chinaets.mrv.industry.allocation_input import industry_document
from chinaets.mrv.steel.results import EntityResult


def allocation_document(
    report: Any, result: EntityResult, previous: Any | None = None
) -> dict[str, Any]:
    data = result.as_dict()
    lines = [{"line_id": "enterprise", "verified_tco2": data["obligation_tco2"],
              "output_t": data["crude_steel_t"]}]  # fmt: skip
    return industry_document("steel", result, lines)
