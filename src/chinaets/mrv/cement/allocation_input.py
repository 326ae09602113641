"""The cement sector's allocation perimeter: its clinker lines."""

from __future__ import annotations

from typing import Any

from chinaets.mrv.cement.results import EntityResult
from chinaets.mrv.industry.allocation_input import industry_document


def allocation_document(
    report: Any, result: EntityResult, previous: Any | None = None
) -> dict[str, Any]:
    lines = [{"line_id": k, "verified_tco2": v["total_tco2"], "output_t": v["clinker_t"]}
             for k, v in result.as_dict()["lines"].items()]  # fmt: skip
    return industry_document("cement", result, lines)
