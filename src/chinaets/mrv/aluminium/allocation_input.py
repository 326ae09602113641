"""The aluminium sector's allocation perimeter: its electrolysis processes, whose allocated and
surrendered emissions are the anode (energy as raw material) and the anode-effect PFC (Table 2-4
of the 2025–2026 plan: ⑤ = ② + ③); fuel combustion is reported beside it, outside it."""

from __future__ import annotations

from typing import Any

from chinaets.mrv.aluminium.results import EntityResult
from chinaets.mrv.industry.allocation_input import industry_document


def allocation_document(
    report: Any, result: EntityResult, previous: Any | None = None
) -> dict[str, Any]:
    lines = [_electrolysis(p) for p in result.processes if p.kind == "electrolysis"]
    return industry_document("aluminium", result, lines)


def _electrolysis(p: Any) -> dict[str, Any]:
    return {"line_id": p.unit_id, "verified_tco2": p.anode_tco2 + p.pfc_tco2e,
            "output_t": p.output_t, "anode_tco2": p.anode_tco2,
            "anode_effect_tco2e": p.pfc_tco2e, "fuel_tco2": p.fuel_tco2}  # fmt: skip
