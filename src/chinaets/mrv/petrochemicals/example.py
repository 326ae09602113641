"""A plausible year of a refinery's data (synthetic fleets, examples), with an ethylene cracker
in one enterprise of three.

Per tonne of crude: refinery dry gas 0.02–0.03 t, natural gas 0.001–0.003 ×10^4 Nm3, FCC coke
burnt 0.006–0.010 t, hydrogen-plant feed 0.005–0.010 t at 0.75–0.80 tC/t, flare gas
0.0001–0.0003 ×10^4 Nm3, electricity 0.05–0.08 MWh. Cracker, per tonne of ethylene: fuel gas
0.35–0.45 t (as refinery dry gas), decoking off-gas, EO made from a fifth of the ethylene,
electricity 0.15–0.25 MWh (author knowledge, not from a regulatory text)."""

from __future__ import annotations

import random
from typing import Any

from chinaets.mrv.ndrc.example import energy_tce, entity


def synthesise(
    rng: random.Random, year: int, output_t: float, who: tuple[str, str, str]
) -> dict[str, Any]:
    """A refinery processing `output_t` tonnes of crude; `who` is (code, name, province)."""
    data: dict[str, Any] = {
        "sector": "petrochemicals",
        "year": year,
        "entity": entity(*who, "2511", "petrochemicals"),
        "facilities": [{"unit_id": "R1", "name": "炼油厂"}],
        "fuel_use": [],
        "energy": [],
        "products": [],
        "flares": [],
        "regeneration": [],
        "hydrogen_plants": [],
        "coke_calcining": [],
        "asphalt": [],
        "decoking": [],
        "ethylene_oxide": [],
        "co2_recovery": [],
    }
    _refinery(rng, data, output_t)
    if rng.random() < 1 / 3:
        _cracker(rng, data, output_t * rng.uniform(0.05, 0.1))
    data["entity"]["energy_tce"] = energy_tce(year, data["fuel_use"], data["energy"])
    return data


def _refinery(rng: random.Random, data: dict[str, Any], crude: float) -> None:
    def per(low: float, high: float, digits: int = 1) -> float:
        return round(crude * rng.uniform(low, high), digits)

    data["fuel_use"] += [
        {"unit_id": "R1", "fuel": "refinery_dry_gas", "quantity": per(0.02, 0.03)},
        {"unit_id": "R1", "fuel": "natural_gas", "quantity": per(0.001, 0.003, 2)},
    ]
    data["regeneration"].append(
        {"unit_id": "R1", "unit_kind": "fcc", "coke_burnt_t": per(0.006, 0.01)}
    )
    data["hydrogen_plants"].append(
        {
            "unit_id": "R1",
            "feed_t": per(0.005, 0.01),
            "feed_carbon_t_per_t": round(rng.uniform(0.75, 0.8), 3),
        }
    )
    data["flares"].append(
        {
            "unit_id": "R1",
            "gas_10k_nm3": per(0.0001, 0.0003, 2),
            "ch4_pct": 55,
            "c2_pct": 15,
            "c3_pct": 10,
            "co2_pct": 2,
        }
    )
    data["energy"].append({"unit_id": "R1", "electricity_purchased_mwh": per(0.05, 0.08)})
    data["products"].append(
        {"unit_id": "R1", "product": "crude_throughput", "quantity": round(crude, 1)}
    )


def _cracker(rng: random.Random, data: dict[str, Any], ethylene: float) -> None:
    data["facilities"].append({"unit_id": "E1", "name": "乙烯装置"})
    data["fuel_use"].append(
        {
            "unit_id": "E1",
            "fuel": "refinery_dry_gas",
            "quantity": round(ethylene * rng.uniform(0.35, 0.45), 1),
        }
    )
    data["decoking"].append(
        {
            "unit_id": "E1",
            "offgas_nm3_h": round(ethylene / 50, 0),
            "hours": 600,
            "co2_pct": 5,
            "co_pct": 1,
        }
    )
    used = ethylene * 0.2
    data["ethylene_oxide"].append(
        {
            "unit_id": "E1",
            "ethylene_t": round(used, 1),
            "eo_t": round(used * rng.uniform(1.3, 1.45), 1),
        }
    )
    data["energy"].append(
        {"unit_id": "E1", "electricity_purchased_mwh": round(ethylene * rng.uniform(0.15, 0.25), 1)}
    )
    data["products"].append(
        {"unit_id": "E1", "product": "ethylene", "quantity": round(ethylene, 1)}
    )
