"""The national power data set: GEM's operating units grouped into covered entities, each with
a synthetic but plausible year of monthly data (``PowerReport`` inputs).

One entity per plant. Each unit's data come from its own ``random.Random`` seeded by (seed,
year, unit id), so a unit's year does not depend on which other units are built (``limit``).

Per unit and month::

    capacity factor  = the unit's year factor (GEM's, ±0.07) × seasonal shape × noise,
                       with a planned outage in about one unit-year in three
    running hours    = hours the unit was on line; generation / (rated × hours) stays in
                       0.45–0.92 (reserve shutdown below, derating above)
    heat supplied    = CHP only: GJ per MWh generated, more in the heating season in the north
    fuel             = (generation × heat rate × part-load penalty + heat / boiler efficiency) / NCV,
                       GEM's heat rates scaled per category to the published balance values
                       (``calibration``)
    own use          = 5–6 % of generation (gas 2–3 %); purchased electricity 0.05–0.3 %
"""

from __future__ import annotations

import calendar
import hashlib
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from chinaets.core.china import PROVINCES
from chinaets.core.ids import make_credit_code
from chinaets.demo import calibration
from chinaets.demo import fuel_quality as fq
from chinaets.demo.gem_units import FleetUnit, fleet_units
from chinaets.mrv.power.loader import parse_report
from chinaets.mrv.power.schema import PowerReport

DEFAULT_SEED = 20240701  # the GCPT release the fleet comes from
# Month shape of coal generation in China: winter heating and summer cooling peaks, a spring
# trough, and the wet-season hydro peak in late summer and autumn in the south.
SEASONAL_SHAPE = (1.10, 0.92, 0.97, 0.90, 0.92, 0.98, 1.09, 1.12, 0.99, 0.93, 0.99, 1.09)
# Provinces with central district heating (north of the Qinling-Huaihe line).
HEATING_PROVINCES = frozenset(
    {"Beijing", "Tianjin", "Hebei", "Shanxi", "Inner Mongolia", "Liaoning", "Jilin",
     "Heilongjiang", "Shandong", "Henan", "Shaanxi", "Gansu", "Qinghai", "Ningxia", "Xinjiang",
     "Tibet"}
)  # fmt: skip
HEATING_MONTHS = frozenset({1, 2, 3, 11, 12})
BOILER_EFFICIENCY = 0.90  # heat supplied per heat in fuel for the CHP extraction share
LOAD_RANGE = (0.45, 0.92)
_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100-2015 characters


@dataclass(frozen=True, slots=True)
class FleetEntity:
    """One covered entity (a plant) and its units in service in the data year."""

    credit_code: str
    name: str
    province: str
    plant_key: str
    units: tuple[FleetUnit, ...]

    @property
    def capacity_mw(self) -> float:
        return sum(u.rated_mw for u in self.units)


def fleet_entities(year: int, limit: int | None = None) -> list[FleetEntity]:
    """Plants with at least one unit in service in `year`; the first `limit` plants only."""
    plants: dict[str, list[FleetUnit]] = {}
    for unit in fleet_units():
        if unit.start_year is None or unit.start_year <= year:
            plants.setdefault(unit.plant_key, []).append(unit)
    entities = [_entity(key, tuple(units)) for key, units in plants.items()]
    return entities if limit is None else entities[:limit]


def _entity(plant_key: str, units: tuple[FleetUnit, ...]) -> FleetEntity:
    first = units[0]
    return FleetEntity(
        credit_code=credit_code_for(plant_key, first.province),
        name=first.plant_name_local or first.plant_name,
        province=first.province,
        plant_key=plant_key,
        units=units,
    )


def credit_code_for(plant_key: str, province: str) -> str:
    """A valid, stable synthetic unified social credit code: 9 (market regulator), 1
    (enterprise), the province's GB/T 2260 code + 0000, nine characters from a hash of the
    plant, and the GB 32100 check character."""
    digest = hashlib.sha256(plant_key.encode()).digest()
    body = "".join(_CODE_ALPHABET[b % len(_CODE_ALPHABET)] for b in digest[:9])
    return make_credit_code("91", PROVINCES[province][1] + "0000" + body)


def synthesise_reports(
    entities: Iterable[FleetEntity], year: int, seed: int = DEFAULT_SEED
) -> list[dict[str, Any]]:
    """The report input (plain data, as a JSON file holds it) of every entity."""
    return [synthesise_report(e, year, seed) for e in entities]


def build_fleet(
    year: int, seed: int = DEFAULT_SEED, limit: int | None = None
) -> tuple[list[FleetEntity], list[PowerReport]]:
    """Entities and their validated reports (through the one loader every input goes through)."""
    entities = fleet_entities(year, limit)
    raw = synthesise_reports(entities, year, seed)
    return entities, [
        parse_report(r, f"demo:{e.credit_code}") for e, r in zip(entities, raw, strict=True)
    ]


@cache
def heat_rate_scale() -> dict[str, float]:
    """Per-category calibration of GEM's heat rates, over the whole fleet (so that a unit's data
    do not depend on `limit`)."""
    return calibration.heat_rate_scale(fleet_units())


def synthesise_report(entity: FleetEntity, year: int, seed: int) -> dict[str, Any]:
    report: dict[str, Any] = {
        "year": year,
        "entity": {
            "credit_code": entity.credit_code,
            "name": entity.name,
            "province": entity.province,
        },
        "units": [],
        "fuel_use": [],
        "lab_results": [],
        "production": [],
    }
    for unit in entity.units:
        rng = random.Random(f"{seed}:{year}:{unit.unit_id}")
        report["units"].append(_unit_row(unit))
        _synthesise_unit(rng, unit, year, report)
    return report


def _unit_row(unit: FleetUnit) -> dict[str, Any]:
    return {
        "unit_id": unit.unit_id,
        "rated_mw": unit.rated_mw,
        "main_fuel": unit.fuel,
        "unit_type": "chp" if unit.chp else "condensing",
        "cfb": unit.cfb,
        "cooling": unit.cooling,
        "boiler_type": unit.boiler_type,
        "altitude_m": unit.altitude_m,
    }


def _synthesise_unit(
    rng: random.Random, unit: FleetUnit, year: int, report: dict[str, Any]
) -> None:
    fuel = fq.unit_fuel(rng, unit.fuel)
    first_month = rng.randint(1, 12) if unit.start_year == year else 1
    factors = monthly_capacity_factors(rng, unit)
    heat_per_mwh = rng.uniform(1.0, 4.0) if unit.chp else 0.0
    heat_rate = (
        unit.heat_rate_gj_per_mwh * heat_rate_scale()[unit.category] * rng.uniform(0.98, 1.03)
    )
    own_use_share = (
        rng.uniform(0.05, 0.06) if unit.fuel != "natural_gas" else rng.uniform(0.02, 0.03)
    )
    for m in range(1, 13):
        hours = 24 * calendar.monthrange(year, m)[1]
        if m < first_month:  # commissioned during the year
            report["production"].append(_production(unit, m, 0.0, 0.0, 0.0, 0.0))
            continue
        generation, running = _generation(rng, unit.rated_mw, hours, factors[m - 1])
        heat = generation * heat_per_mwh * _heat_season(unit, m)
        load = generation / (unit.rated_mw * running) if running else 0.0
        part_load_penalty = 1 + 0.15 * max(0.0, 0.75 - load)
        heat_in = generation * heat_rate * part_load_penalty + heat / BOILER_EFFICIENCY
        month = fq.month_fuel(rng, fuel)
        quantity = heat_in / month.ncv
        purchased = generation * rng.uniform(0.0005, 0.003)
        report["production"].append(
            _production(unit, m, generation, running, heat, purchased, generation * own_use_share)
        )
        report["fuel_use"].append(
            {"unit_id": unit.unit_id, "month": m, "fuel": unit.fuel, "quantity": round(quantity, 2)}
        )
        report["lab_results"].append(fq.lab_result(rng, fuel, month, (unit.unit_id, m, quantity)))


def monthly_capacity_factors(rng: random.Random, unit: FleetUnit) -> list[float]:
    """Twelve monthly capacity factors averaging the unit's year factor (before any outage)."""
    year_factor = min(max(rng.gauss(unit.capacity_factor, 0.07), 0.15), 0.85)
    shape = [s * rng.uniform(0.92, 1.08) for s in SEASONAL_SHAPE]
    mean = sum(shape) / 12
    factors = [min(year_factor * s / mean, 0.95) for s in shape]
    if rng.random() < 0.35:  # planned overhaul: 10-30 days off line
        m = rng.randrange(12)
        factors[m] *= 1 - rng.uniform(10, 30) / 31
    return factors


def _generation(
    rng: random.Random, rated_mw: float, hours: int, factor: float
) -> tuple[float, float]:
    """(generation MWh, running hours) of a month with the given capacity factor."""
    running = hours * rng.uniform(0.90, 1.0) if factor > 0 else 0.0
    energy = rated_mw * hours * factor
    if running and energy / (rated_mw * running) > LOAD_RANGE[1]:
        energy = rated_mw * running * LOAD_RANGE[1]
    elif running and energy / (rated_mw * running) < LOAD_RANGE[0]:
        running = energy / (rated_mw * LOAD_RANGE[0])  # reserve shutdown rather than low load
    return round(energy, 1), round(running, 1)


def _heat_season(unit: FleetUnit, month: int) -> float:
    """Relative heat demand: district heating dominates in the north, industrial steam in the
    south (flat over the year)."""
    if unit.province not in HEATING_PROVINCES:
        return 1.0
    return 1.8 if month in HEATING_MONTHS else 0.4


def _production(
    unit: FleetUnit, month: int, generation: float, running: float, heat: float,
    purchased: float, own_use: float = 0.0,
) -> dict[str, Any]:  # fmt: skip
    return {
        "unit_id": unit.unit_id,
        "month": month,
        "generation_mwh": generation,
        "heat_supplied_gj": round(heat, 1) if unit.chp else None,
        "running_hours": running,
        "own_use_mwh": round(own_use, 1),
        "purchased_mwh": round(purchased, 1),
    }


def fleet_summary(entities: Sequence[FleetEntity]) -> dict[str, float]:
    units = [u for e in entities for u in e.units]
    return {
        "entities": len(entities),
        "units": len(units),
        "capacity_gw": sum(u.rated_mw for u in units) / 1000,
    }
