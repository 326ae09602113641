"""Rounding as Chinese report tables and allocation plans round.

Report tables round half up (四舍五入) at a stated number of decimals; allocation plans floor
to whole tonnes. Binary floats are converted through their shortest repr so that 0.125 rounds
to 0.13 as a person with a calculator expects.
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal


def round_half_up(value: float, decimals: int) -> float:
    """Round to `decimals` places, halves away from zero (GB/T 8170 '四舍五入' as used in tables)."""
    quantum = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def floor_tonnes(value: float) -> int:
    """Floor to whole tonnes, as allocation plans do (e.g. 1,789.70 -> 1,789)."""
    return int(Decimal(repr(value)).to_integral_value(rounding=ROUND_FLOOR))
