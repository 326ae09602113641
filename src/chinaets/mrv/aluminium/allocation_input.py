"""The aluminium sector's allocation perimeter: its electrolysis processes."""

from __future__ import annotations

from typing import Any

from chinaets.mrv.aluminium.results import EntityResult
from chinaets.mrv.industry.allocation_input import industry_document


def allocation_document(
    report: Any, result: EntityResult, previous: Any | None = None
) -> dict[str, Any]:
    lines = [{"line_id": p.unit_id, "verified_tco2": p.total_tco2e, "output_t": p.output_t}
             for p in result.processes if p.kind == "electrolysis"]  # fmt: skip
    return industry_document("aluminium", result, lines)
