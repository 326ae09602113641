"""Calibrating the synthetic fleet to published national figures.

GEM's heat rates are generic estimates by combustion technology; Chinese units burn less per
MWh. Each allocation category's heat rates are scaled so that the fleet's expected electricity
intensity (fuel heat per MWh × carbon per unit heat × oxidation × 44/12, weighted by expected
generation) equals the category's published 2023 balance value, which is by definition the
verified national average. The demo's allocation balance then tests the allocation engine on a
fleet of realistic intensity; it does not test the data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import yaml

from chinaets.demo import fuel_quality as fq
from chinaets.demo.gem_units import FleetUnit

BALANCE_FILE = (
    Path(__file__).resolve().parents[1] / "data" / "national" / "power_balance_values.yaml"
)
CO2_PER_C = 44 / 12
OXIDATION = {"natural_gas": 0.99}  # others 0.99 too (coal 99 %, gas 99 %: power parameters)
DEFAULT_CC = 0.03085  # tC/GJ: the months without a valid measurement (coal_carbon_content_default)
# Fuel per MWh rises at part load; the fleet's months average about 2 % above full-load heat
# rate (measured on the 2023 fleet with power_fleet's penalty of 15 % per unit of load below 0.75).
MEAN_PART_LOAD_PENALTY = 1.02


@cache
def balance_values() -> dict[str, float]:
    raw = yaml.safe_load(BALANCE_FILE.read_text(encoding="utf-8"))
    return {str(k): float(v) for k, v in raw["electricity"].items()}


def heat_rate_scale(units: Iterable[FleetUnit]) -> dict[str, float]:
    """Factor per category that brings the expected electricity intensity to the balance value."""
    weighted: dict[str, float] = defaultdict(float)
    weights: dict[str, float] = defaultdict(float)
    for unit in units:
        weight = unit.rated_mw * unit.capacity_factor
        weighted[unit.category] += weight * expected_intensity(unit)
        weights[unit.category] += weight
    return {c: balance_values()[c] * weights[c] / weighted[c] for c in weighted if weights[c]}


def expected_intensity(unit: FleetUnit) -> float:
    """tCO2 per MWh generated before calibration, from GEM's heat rate and the fuel's carbon."""
    if unit.fuel == "natural_gas":
        carbon = fq.GAS_CARBON_PER_HEAT_TC_PER_TJ / 1000
    else:
        measured = fq.COAL_QUALITY[unit.fuel].carbon_per_heat_tc_per_tj / 1000
        share = fq.INVALID_MEASUREMENT_SHARE
        carbon = (1 - share) * measured + share * DEFAULT_CC
    heat = unit.heat_rate_gj_per_mwh * MEAN_PART_LOAD_PENALTY
    return heat * carbon * OXIDATION.get(unit.fuel, 0.99) * CO2_PER_C
