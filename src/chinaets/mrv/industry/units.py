"""Unit conversions the industrial inputs need, with exact factors from the guidelines' notes
(Table A.1: 1 kgce = 29,307.6 kJ; 1 kcal = 4.1868 kJ).

Calorific values arrive from laboratories as MJ/kg, kJ/kg or kcal/kg (gases per Nm3); the
accounting works in GJ/t and GJ/10^4 Nm3. Each conversion has its inverse, so that a value
written back in the lab's unit is the value read (``tests`` check the round trip).
"""

from __future__ import annotations

KJ_PER_KCAL = 4.1868
GJ_PER_TCE = 29.3076
"""1 kgce = 29,307.6 kJ, so 1 tce = 29.3076 GJ."""

NCV_UNITS: dict[str, tuple[float, str]] = {
    # unit: (factor to the canonical unit, the canonical unit)
    "GJ/t": (1.0, "GJ/t"),
    "MJ/kg": (1.0, "GJ/t"),
    "kJ/kg": (1e-3, "GJ/t"),
    "kcal/kg": (KJ_PER_KCAL * 1e-3, "GJ/t"),
    "GJ/10^4 Nm3": (1.0, "GJ/10^4 Nm3"),
    "MJ/Nm3": (10.0, "GJ/10^4 Nm3"),
    "kJ/Nm3": (1e-2, "GJ/10^4 Nm3"),
    "kcal/Nm3": (KJ_PER_KCAL * 1e-2, "GJ/10^4 Nm3"),
}
"""Units a calorific value may be given in, and how to reach GJ/t or GJ/10^4 Nm3."""


def ncv_to_canonical(value: float, unit: str) -> float:
    """A calorific value in GJ/t (solids, liquids) or GJ/10^4 Nm3 (gases)."""
    return value * NCV_UNITS[unit][0]


def ncv_from_canonical(value: float, unit: str) -> float:
    return value / NCV_UNITS[unit][0]


def canonical_ncv_unit(unit: str) -> str:
    return NCV_UNITS[unit][1]


def tce_to_gj(tce: float) -> float:
    return tce * GJ_PER_TCE


def gj_to_tce(gj: float) -> float:
    return gj / GJ_PER_TCE


def kg_to_t(kg: float) -> float:
    return kg / 1000


def t_to_kg(t: float) -> float:
    return t * 1000


def pct_to_fraction(pct: float) -> float:
    return pct / 100


def fraction_to_pct(fraction: float) -> float:
    return fraction * 100
