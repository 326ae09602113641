"""The steel sector's allocation perimeter: the enterprise as a whole (crude steel), with its
ironmaking and sintering emissions for the deviation X of the 2025–2026 plan (Table 2-2:
Is = (Eb + Et) / Qb). The report does not carry the ironmaking-process output Qb: give it to
`chinaets.allocation.inputs.from_accounting` as a line value of ``enterprise``
(``ironmaking_output_t``), or the allocation asks for it. A stand-alone EAF plant is marked, so
that the plan's scope leaves it out."""

from __future__ import annotations

from typing import Any

from chinaets.mrv.industry.allocation_input import industry_document
from chinaets.mrv.steel.results import EntityResult

LINE_ID = "enterprise"


def allocation_document(
    report: Any, result: EntityResult, previous: Any | None = None
) -> dict[str, Any]:
    data = result.as_dict()
    by_process: dict[str, float] = {}
    for process in result.processes:
        by_process[process.process] = by_process.get(process.process, 0.0) + process.tco2
    line: dict[str, Any] = {"line_id": LINE_ID, "verified_tco2": data["obligation_tco2"],
                            "output_t": data["crude_steel_t"]}  # fmt: skip
    if "ironmaking" in by_process:
        line.update(
            ironmaking_tco2=by_process["ironmaking"],
            sintering_tco2=by_process.get("sintering", 0.0),
        )
    if data.get("route") == "eaf":
        line["plant_scope"] = "eaf_only"
    return industry_document("steel", result, [line])
