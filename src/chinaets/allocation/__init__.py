"""Allowance allocation by the plans' methods (`methods`): each sector names its method.

The law is in ``parameters/`` (dated, cited YAML) and the formula modules (versions named by the
data year they take effect); worked cases are in ``cases/``. Entry points: `allocate` for a
validated `AllocationInput`, `allocation.inputs` to build inputs from files or MRV results.
"""

from __future__ import annotations

from chinaets.allocation.methods import method_for
from chinaets.allocation.results import EntityAllocation
from chinaets.allocation.schema import AllocationInput


def allocate(inp: AllocationInput) -> EntityAllocation:
    """The entity's allocation for its data year, by the method its sector names."""
    return method_for(inp.sector).allocate(inp)


__all__ = ["AllocationInput", "EntityAllocation", "allocate"]
