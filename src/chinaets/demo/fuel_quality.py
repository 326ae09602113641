"""Synthetic but self-consistent fuel quality and monthly lab results.

Coal: the net calorific value is drawn from the range typical of the coal type, and element
carbon as received follows from NCV × carbon per unit heat near the verifier's reference value
(CETS-VG-01.01-V02-2026 table 8, ``fuels.yaml``), so the screening checks see realistic
samples. The lab reports carbon on the air-dried basis, as Chinese labs do, with the moistures
to convert it; the ash is chosen so that carbon on the dry-ash-free basis lands in the range
of the coal type. A minority of months has no usable measurement and so takes the default.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

Range = tuple[float, float]


@dataclass(frozen=True, slots=True)
class CoalQuality:
    """Typical quality of a coal type as fired in Chinese power plants."""

    ncv_gj_per_t: Range  # as received
    carbon_per_heat_tc_per_tj: float  # centre of C_ar / NCV
    moisture_ar_pct: Range
    moisture_ad_pct: Range
    carbon_daf_pct: Range  # drawn inside the screening range, away from its edges


COAL_QUALITY: dict[str, CoalQuality] = {
    "bituminous": CoalQuality((20.0, 24.0), 26.18, (8.0, 14.0), (1.5, 4.0), (79.0, 88.0)),
    "anthracite": CoalQuality((22.0, 25.0), 27.49, (6.0, 10.0), (1.0, 3.0), (92.0, 96.0)),
    "lignite": CoalQuality((12.0, 16.0), 27.97, (25.0, 38.0), (8.0, 15.0), (64.0, 74.0)),
    # No reference value for gangue and slime: the carbon of their combustible part is
    # bituminous-like, slightly higher per unit heat because of the heat lost to their ash.
    "coal_gangue": CoalQuality((8.0, 11.0), 27.0, (5.0, 10.0), (1.0, 2.5), (75.0, 88.0)),
    "coal_slime": CoalQuality((10.0, 13.0), 27.0, (18.0, 28.0), (2.0, 4.0), (75.0, 88.0)),
}
GAS_NCV_GJ_PER_10K_NM3: Range = (345.0, 365.0)  # pipeline gas, 34.5-36.5 MJ/Nm3
GAS_CARBON_PER_HEAT_TC_PER_TJ = 15.3  # methane-rich gas; default 15.32 tC/TJ
INVALID_MEASUREMENT_SHARE = 0.06  # unit-months whose carbon ends up at the default
MIN_ASH_AD_PCT = 3.0


@dataclass(frozen=True, slots=True)
class UnitFuel:
    """What one unit burns over the year: the centre its monthly deliveries vary around."""

    fuel: str
    ncv: float  # GJ/t, or GJ/10^4 Nm3 for gas
    carbon_per_heat: float  # tC/GJ
    moisture_ar_pct: float


@dataclass(frozen=True, slots=True)
class MonthFuel:
    ncv: float
    carbon_ar: float  # tC/t, or tC/10^4 Nm3 for gas


def unit_fuel(rng: random.Random, fuel: str) -> UnitFuel:
    if fuel == "natural_gas":
        ncv = rng.uniform(*GAS_NCV_GJ_PER_10K_NM3)
        return UnitFuel(fuel, ncv, GAS_CARBON_PER_HEAT_TC_PER_TJ / 1000, 0.0)
    q = COAL_QUALITY[fuel]
    # Plants buy from a few mines: the yearly mean sits well inside the type's range
    ncv = rng.uniform(*q.ncv_gj_per_t)
    return UnitFuel(fuel, ncv, q.carbon_per_heat_tc_per_tj / 1000, rng.uniform(*q.moisture_ar_pct))


def month_fuel(rng: random.Random, unit: UnitFuel) -> MonthFuel:
    """One month's delivered quality: NCV ±3 %, carbon per unit heat ±1.5 %."""
    ncv = unit.ncv * rng.uniform(0.97, 1.03)
    carbon_per_heat = unit.carbon_per_heat * rng.uniform(0.985, 1.015)
    return MonthFuel(ncv, ncv * carbon_per_heat)


def lab_result(
    rng: random.Random, unit: UnitFuel, month: MonthFuel, row: tuple[str, int, float]
) -> dict[str, Any]:
    """The month's lab report for (unit id, month, consumption) as an input row."""
    unit_id, m, quantity = row
    out: dict[str, Any] = {
        "unit_id": unit_id,
        "month": m,
        "fuel": unit.fuel,
        "sample_id": f"M{m:02d}",
        "ncv": round(month.ncv, 3),
        "lab": "cma" if rng.random() < 0.6 else "own",
        "days_to_report": rng.randint(5, 35),
    }
    if unit.fuel == "natural_gas":
        out["carbon_t_per_10k_nm3"] = round(month.carbon_ar, 4)
    else:
        out.update(_coal_sample(rng, unit, month, quantity))
    if rng.random() < INVALID_MEASUREMENT_SHARE:
        _spoil(rng, out)
    return out


def _coal_sample(
    rng: random.Random, unit: UnitFuel, month: MonthFuel, quantity: float
) -> dict[str, Any]:
    q = COAL_QUALITY[unit.fuel]
    m_ar = min(max(unit.moisture_ar_pct + rng.uniform(-1.0, 1.0), 0.5), 60.0)
    m_ad = min(rng.uniform(*q.moisture_ad_pct), m_ar - 0.1)
    carbon_ad = 100 * month.carbon_ar * (100 - m_ad) / (100 - m_ar)
    # Ash from the dry-ash-free carbon: C_daf = C_ad × 100 / (100 − M_ad − A_ad)
    ash_ad = max(100 - m_ad - carbon_ad * 100 / rng.uniform(*q.carbon_daf_pct), MIN_ASH_AD_PCT)
    return {
        "weight": round(quantity, 2),
        "basis": "ad",
        "carbon_pct": round(carbon_ad, 2),
        "moisture_ar_pct": round(m_ar, 2),
        "moisture_ad_pct": round(m_ad, 2),
        "ash_ad_pct": round(ash_ad, 2),
    }


def _spoil(rng: random.Random, sample: dict[str, Any]) -> None:
    """Why a month's carbon measurement does not count: not tested (only the NCV was), a lab
    neither the plant's own nor CMA/CNAS accredited, or a report after the 40-day limit.
    Before April 2022 (2021 guideline) the last two still counted."""
    reason = rng.random()
    if reason < 0.5:
        sample.pop("carbon_pct", None)
        sample.pop("carbon_t_per_10k_nm3", None)
    elif reason < 0.75:
        sample["lab"] = "other"
    else:
        sample["days_to_report"] = rng.randint(45, 90)
