"""A plausible year of a civil aviation enterprise's data (synthetic fleets, examples).

Airlines: domestic turnover split over narrow-body (70–85 %), wide-body and regional aircraft;
jet fuel 0.28–0.34 kg per t·km (2.8–3.4 t per 10^4 t·km) domestic; international flights
0–40 % on top; 0.5–2 % of flights excluded (returns, positioning); ground diesel 0.3–0.6 % of
jet fuel; electricity 0.02–0.04 MWh per t of jet fuel. Airports: natural gas boilers, grid
power 0.06–0.12 MWh per t of throughput, one to three terminals (author knowledge, not from a
regulatory text)."""

from __future__ import annotations

import random
from typing import Any

from chinaets.mrv.ndrc.example import energy_tce, entity

MIX = (
    ("A320", 0.5),
    ("B737", 0.25),
    ("A330", 0.1),
    ("B787", 0.07),
    ("ARJ21", 0.04),
    ("E190", 0.04),
)


def synthesise(
    rng: random.Random, year: int, output: float, who: tuple[str, str, str], airport: bool = False
) -> dict[str, Any]:
    """An airline flying `output` 10^4 t·km domestically, or an airport handling `output` t."""
    data: dict[str, Any] = {
        "sector": "aviation",
        "year": year,
        "entity": {
            **entity(*who, "5631" if airport else "5611", "aviation"),
            "operator_kind": "airport" if airport else "airline",
        },
        "facilities": [],
        "fuel_use": [],
        "energy": [],
        "products": [],
        "flights": [],
        "buildings": [],
    }
    (_airport if airport else _airline)(rng, data, output)
    data["entity"]["energy_tce"] = energy_tce(year, data["fuel_use"], data["energy"])
    return data


def _airline(rng: random.Random, data: dict[str, Any], turnover: float) -> None:
    data["facilities"] += [
        {"unit_id": "FLEET", "name": "机队"},
        {"unit_id": "BASE", "name": "主运营基地"},
    ]
    jet = sum(_aircraft(rng, data, aircraft, turnover * share) for aircraft, share in MIX)
    excluded = round(jet * rng.uniform(0.005, 0.02), 1)
    data["flights"].append(
        {"unit_id": "FLEET", "aircraft_type": "A320", "fuel_t": excluded, "excluded": True}
    )
    diesel = round(jet * rng.uniform(0.003, 0.006), 1)
    data["fuel_use"].append({"unit_id": "BASE", "fuel": "diesel", "quantity": diesel})
    power = round(jet * rng.uniform(0.02, 0.04), 1)
    data["energy"].append({"unit_id": "BASE", "electricity_purchased_mwh": power})


def _aircraft(rng: random.Random, data: dict[str, Any], aircraft: str, turnover: float) -> float:
    """One aircraft type's domestic (and, for wide bodies, international) flights; its fuel."""
    t = turnover * rng.uniform(0.8, 1.2)
    fuel = t * rng.uniform(2.8, 3.4)
    row = {"unit_id": "FLEET", "aircraft_type": aircraft, "fuel_t": round(fuel, 1)}
    data["flights"].append({**row, "turnover_10k_tkm": round(t, 1)})
    if aircraft not in ("A330", "B787"):
        return fuel
    intl = fuel * rng.uniform(0.0, 4.0)
    data["flights"].append(
        {**row, "scope": "international", "fuel_t": round(intl, 1), "turnover_10k_tkm": round(intl / 3.0, 1)}
    )  # fmt: skip
    return fuel + intl


def _airport(rng: random.Random, data: dict[str, Any], throughput: float) -> None:
    terminals = 1 if throughput < 300_000 else rng.randint(2, 3)
    data["facilities"].append({"unit_id": "AP", "name": "机场"})
    data["fuel_use"].append(
        {
            "unit_id": "AP",
            "fuel": "natural_gas",
            "quantity": round(throughput * rng.uniform(0.0002, 0.0006), 2),
        }
    )
    data["energy"].append(
        {
            "unit_id": "AP",
            "electricity_purchased_mwh": round(throughput * rng.uniform(0.06, 0.12), 1),
        }
    )
    data["products"].append(
        {"unit_id": "AP", "product": "airport_throughput", "quantity": round(throughput, 1)}
    )
    for i in range(1, terminals + 1):
        data["buildings"].append(
            {
                "unit_id": "AP",
                "building": f"T{i}航站楼",
                "floor_area_10k_m2": round(throughput / 1e5 * rng.uniform(3, 6) / terminals, 2),
                "commissioned_on": f"{rng.randint(1998, 2022)}-0{rng.randint(1, 9)}-15",
            }
        )
