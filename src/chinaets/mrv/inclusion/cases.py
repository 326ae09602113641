"""Worked cases of the inclusion test, run by ``chinaets rules test --suite inclusion``.

A case's input lists enterprises as the platform summarises them (sector, credit code,
emissions, energy; ``direct_tco2e`` where a trading sector separates it) and captive-plant links.
"""

from __future__ import annotations

from typing import Any

from chinaets.mrv.inclusion.listing import LAW, CaptivePlant, decide
from chinaets.mrv.sectors import Summary


def compute(data: dict[str, Any]) -> dict[str, Any]:
    year = int(data["year"])
    summaries = [_summary(e, year) for e in data.get("entities", [])]
    captive = [CaptivePlant(**c) for c in data.get("captive", [])]
    return {"decisions": {d.credit_code: d.as_dict() for d in decide(summaries, year, captive)}}


def _summary(e: dict[str, Any], year: int) -> Summary:
    values: dict[str, float] = {k: float(e[k]) for k in ("energy_tce", "direct_tco2e") if k in e}
    return Summary(
        sector=str(e["sector"]),
        year=year,
        credit_code=str(e["credit_code"]),
        name=str(e.get("name", e["credit_code"])),
        province=str(e.get("province", "")),
        total_emissions_t=float(e["total_tco2e"]),
        obligation_t=0.0,
        values=values,
    )


LAW_BOOK = LAW.computing(compute)
