"""Weighting of measured net calorific values (rules reference §2.1).

* Purchased solid fuels: one measurement per batch; the month's NCV is weighted by the mass
  each batch brought in (入厂量).
* Liquid and gaseous fuels: measured at least monthly; the month's NCV is the arithmetic mean.
* The year's NCV is weighted by each month's consumption.

Values are in GJ/t or GJ/10^4 Nm3 (`units.ncv_to_canonical` converts a lab's unit first).
"""

from __future__ import annotations

from collections.abc import Sequence


def weighted_mean(pairs: Sequence[tuple[float, float]]) -> float:
    """Σ wᵢ·xᵢ / Σ wᵢ over (weight, value) pairs; the plain mean when every weight is zero."""
    if not pairs:
        raise ValueError("no values to average")
    total = sum(w for w, _ in pairs)
    if total <= 0:
        return sum(x for _, x in pairs) / len(pairs)
    return sum(w * x for w, x in pairs) / total


def monthly_ncv(values: Sequence[tuple[float | None, float]], solid: bool) -> float:
    """The month's NCV from (mass received or None, NCV) measurements: batch-weighted for a
    solid fuel, the arithmetic mean for liquids and gases."""
    if solid and all(mass is not None for mass, _ in values):
        return weighted_mean([(float(mass or 0.0), ncv) for mass, ncv in values])
    return sum(ncv for _, ncv in values) / len(values)


def annual_ncv(months: Sequence[tuple[float, float]]) -> float:
    """The year's NCV from (month's consumption, month's NCV): consumption-weighted."""
    return weighted_mean(months)
