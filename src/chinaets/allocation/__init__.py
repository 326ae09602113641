"""Allowance allocation: power (2019–2026) and cement, aluminium, steel (2024–2026).

The law is in ``parameters/`` (dated, cited YAML) and the formula modules (versions named by the
data year they take effect); worked cases are in ``cases/``. Entry points: `allocate` for a
validated `AllocationInput`, `allocation.inputs` to build inputs from files or MRV results.
"""

from __future__ import annotations

from chinaets.allocation.results import EntityAllocation
from chinaets.allocation.schema import AllocationInput


def allocate(inp: AllocationInput) -> EntityAllocation:
    """The entity's allocation for its data year."""
    if inp.sector == "power":
        from chinaets.allocation.power import allocate_power

        return allocate_power(inp)
    from chinaets.allocation.industry import allocate_industry

    return allocate_industry(inp)


__all__ = ["AllocationInput", "EntityAllocation", "allocate"]
