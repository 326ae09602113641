"""The sector balance value BP (平衡值): the intensity at which the sector's total allocation
equals its total verified emissions that year (D25 §三(二)2)::

    Σ E = Σ_{−20%<X<20%} E_i (1 + 0.15 (BP − I_i)/BP) + Σ_{X≥20%} 1.03 E_i + Σ_{X≤−20%} 0.97 E_i

over every unit in the solve (special cases, whose allocation equals their verified emissions,
are outside it). Total allocation is continuous and non-decreasing in BP (α is continuous at
±20 %), below Σ E where every unit is at X ≤ −20 % (BP ≤ min I / (1 − lower)) and above it where
every unit is at X ≥ 20 % (BP ≥ max I / (1 − upper)): bisection between the two converges.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from chinaets.core.errors import InputError, Location
from chinaets.mrv.sectors import get_sector

# Numerical settings of the solver, not law: 200 halvings take any bracket to float resolution.
MAX_HALVINGS = 200


@dataclass(frozen=True)
class BalancePoint:
    """One unit in the solve: verified emissions E and intensity I."""

    verified_tco2: float
    intensity: float


@dataclass(frozen=True)
class BalanceSolution:
    sector: str
    year: int
    balance_value: float
    units: int
    verified_tco2: float
    allocation_tco2: float  # Σ E (1 + α) at the solved BP, before flooring
    halvings: int

    def as_dict(self) -> dict[str, object]:
        return {
            "sector": self.sector, "year": self.year, "balance_value": self.balance_value,
            "units": self.units, "verified_tco2": self.verified_tco2,
            "allocation_tco2": self.allocation_tco2, "halvings": self.halvings,
        }  # fmt: skip


def alpha(x: float, terms: dict[str, float]) -> float:
    """α of D25 Table 3: slope·X inside (lower, upper), ±alpha_limit at and beyond the edges."""
    if x >= terms["upper"]:
        return terms["alpha_limit"]
    if x <= terms["lower"]:
        return -terms["alpha_limit"]
    return terms["slope"] * x


def total_allocation(points: Sequence[BalancePoint], bp: float, terms: dict[str, float]) -> float:
    return sum(pt.verified_tco2 * (1 + alpha((bp - pt.intensity) / bp, terms)) for pt in points)


def solve(
    sector: str, year: int, points: Sequence[BalancePoint], terms: dict[str, float]
) -> BalanceSolution:
    """BP by bisection; an empty or emission-free sector has no balance value."""
    live = [pt for pt in points if pt.verified_tco2 > 0 and pt.intensity > 0]
    if not live:
        raise _no_units(sector, year)
    target = sum(pt.verified_tco2 for pt in live)
    lo = min(pt.intensity for pt in live) / (1 - terms["lower"])
    hi = max(pt.intensity for pt in live) / (1 - terms["upper"])
    halvings = 0
    while halvings < MAX_HALVINGS:
        mid = (lo + hi) / 2
        if mid in (lo, hi):
            break
        if total_allocation(live, mid, terms) < target:
            lo = mid
        else:
            hi = mid
        halvings += 1
    return BalanceSolution(
        sector, year, hi, len(live), target, total_allocation(live, hi, terms), halvings
    )


def _no_units(sector: str, year: int) -> InputError:
    return InputError.one(
        Location(field="lines"),
        f"no {sector} unit outside the special cases with emissions and output in {year}: "
        "the balance value cannot be solved",
        f"{year} 年度{get_sector(sector).zh}行业没有可参与平衡值测算的单元（特殊情形除外），无法测算行业平衡值",
        "include the sector's units, or give the published balance_value",
        "请纳入该行业全部单元，或填写管理平台公布的平衡值",
    )
