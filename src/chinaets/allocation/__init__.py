"""Allowance allocation by the plans' methods (`methods`): each sector names its method.

The law is in ``parameters/`` (dated, cited YAML) and the formula modules (versions named by the
data year they take effect); worked cases are in ``cases/``. Entry points: `allocate` for a
validated `AllocationInput`, `allocation.inputs` to build inputs from files or MRV results.
"""

from __future__ import annotations

from collections.abc import Callable

from chinaets.allocation.methods import method_for
from chinaets.allocation.results import EntityAllocation
from chinaets.allocation.schema import AllocationInput


def allocate(inp: AllocationInput) -> EntityAllocation:
    """The entity's allocation for its data year, by the method its sector names."""
    return _formulas()[method_for(inp.sector).name](inp)


def _formulas() -> dict[str, Callable[[AllocationInput], EntityAllocation]]:
    """The formula module of each method (imported on first use: the formulas import the
    schema and the rules, which import the methods)."""
    from chinaets.allocation.industry import allocate_industry
    from chinaets.allocation.power import allocate_power

    return {"power_plan": allocate_power, "industry_plan": allocate_industry}


__all__ = ["AllocationInput", "EntityAllocation", "allocate"]
