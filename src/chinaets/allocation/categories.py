"""The allocation category of each unit of an accounted report's perimeter, for the platform's
`Summary` (the read model's ``category`` of a perimeter unit).

The category (power: I–IV of the plan's 附1 表1) is the allocation's law, so the accounting's
`Sector.summary` leaves it empty and whoever keeps summaries (the platform, the demo, the read
model's CLI) fills it here, where the allocation method of the sector's plans is known.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pydantic import ValidationError

from chinaets.allocation.inputs import from_accounting
from chinaets.allocation.methods import method_for
from chinaets.allocation.power import classify
from chinaets.allocation.rules import rules_for
from chinaets.core.errors import ChinaetsError
from chinaets.mrv.sectors import Summary, get_sector


def unit_categories(sector: str, report: Any, result: Any) -> dict[str, str]:
    """Each unit's category under the plan of the data year; empty for a sector that is not
    allocated, a method without categories, or a year no plan covers."""
    spec = get_sector(sector)
    if spec.allocation is None or method_for(spec).table != "units":
        return {}  # only the generating-unit plans have categories
    try:
        inp = from_accounting(spec.name, report, result)
        p = rules_for(inp.sector, inp.year)
    except (ChinaetsError, ValidationError):
        return {}  # no plan covers the year, or the report lacks what the plan reads
    return {u.unit_id: classify(p, u)[0] for u in inp.units}


def categorised(summary: Summary, report: Any, result: Any) -> Summary:
    """The summary with each perimeter unit's allocation category filled in."""
    categories = unit_categories(summary.sector, report, result)
    if not categories:
        return summary
    units = tuple(
        replace(u, category=categories.get(u.unit_id, u.category)) for u in summary.perimeter
    )
    return replace(summary, perimeter=units)
