"""A plausible year of a chemical enterprise's data (synthetic fleets, examples): a coal-based
ammonia–urea complex (most common among large Chinese emitters), with a nitric acid plant in one
enterprise of four and a carbide plant in one of five.

Per tonne of ammonia: feed coal 1.2–1.5 t at 0.60–0.65 tC/t, fuel coal 0.3–0.5 t, electricity
1.0–1.4 MWh; urea 1.6–1.7 t per t of ammonia, binding 0.2 tC/t (12/60), with CO2 recovered for
it. Nitric acid: dual-pressure, half with NSCR. Carbide: coke 0.55–0.65 t/t, electricity 3.2–3.5
MWh/t (author knowledge, not from a regulatory text)."""

from __future__ import annotations

import random
from typing import Any

from chinaets.mrv.ndrc.example import energy_tce, entity


def synthesise(
    rng: random.Random, year: int, output_t: float, who: tuple[str, str, str]
) -> dict[str, Any]:
    """An ammonia plant making `output_t` tonnes of ammonia; `who` is (code, name, province)."""
    data: dict[str, Any] = {
        "sector": "chemicals",
        "year": year,
        "entity": entity(*who, "2621", "chemicals"),
        "facilities": [{"unit_id": "A1", "name": "合成氨分厂"}],
        "fuel_use": [],
        "energy": [],
        "products": [],
        "carbon_flows": [],
        "carbonates": [],
        "nitric_acid": [],
        "adipic_acid": [],
        "co2_recovery": [],
    }
    _ammonia(rng, data, output_t)
    if rng.random() < 0.25:
        _nitric(rng, data, output_t * rng.uniform(0.2, 0.5))
    if rng.random() < 0.2:
        _carbide(rng, data, output_t * rng.uniform(0.3, 0.8))
    data["entity"]["energy_tce"] = energy_tce(year, data["fuel_use"], data["energy"])
    return data


def _ammonia(rng: random.Random, data: dict[str, Any], ammonia: float) -> None:
    urea = ammonia * rng.uniform(1.6, 1.7)
    feed = ammonia * rng.uniform(1.2, 1.5)
    data["carbon_flows"] += [
        {
            "unit_id": "A1",
            "material": "原料煤",
            "direction": "input",
            "quantity_t": round(feed, 1),
            "carbon_t_per_t": round(rng.uniform(0.60, 0.65), 3),
        },
        {
            "unit_id": "A1",
            "material": "尿素",
            "direction": "product",
            "quantity_t": round(urea, 1),
            "carbon_t_per_t": 0.2,
        },
    ]
    data["fuel_use"].append(
        {
            "unit_id": "A1",
            "fuel": "bituminous",
            "quantity": round(ammonia * rng.uniform(0.3, 0.5), 1),
        }
    )
    data["energy"].append(
        {"unit_id": "A1", "electricity_purchased_mwh": round(ammonia * rng.uniform(1.0, 1.4), 1)}
    )
    data["products"] += [
        {"unit_id": "A1", "product": "ammonia", "quantity": round(ammonia, 1)},
        {"unit_id": "A1", "product": "urea", "quantity": round(urea, 1)},
    ]


def _nitric(rng: random.Random, data: dict[str, Any], acid: float) -> None:
    data["facilities"].append({"unit_id": "N1", "name": "硝酸分厂"})
    abatement = "nscr" if rng.random() < 0.5 else "none"
    data["nitric_acid"].append(
        {
            "unit_id": "N1",
            "process": "dual_pressure",
            "quantity_t": round(acid, 1),
            "abatement": abatement,
        }
    )
    data["energy"].append(
        {"unit_id": "N1", "electricity_purchased_mwh": round(acid * rng.uniform(0.05, 0.1), 1)}
    )
    data["products"].append({"unit_id": "N1", "product": "nitric_acid", "quantity": round(acid, 1)})


def _carbide(rng: random.Random, data: dict[str, Any], carbide: float) -> None:
    data["facilities"].append({"unit_id": "C1", "name": "电石分厂"})
    data["carbon_flows"].append(
        {
            "unit_id": "C1",
            "material": "焦炭（还原剂）",
            "direction": "input",
            "quantity_t": round(carbide * rng.uniform(0.55, 0.65), 1),
            "carbon_t_per_t": 0.86,
        }
    )
    data["carbon_flows"].append(
        {
            "unit_id": "C1",
            "material": "电石",
            "direction": "product",
            "quantity_t": round(carbide, 1),
            "carbon_t_per_t": 0.30,
        }
    )
    data["energy"].append(
        {"unit_id": "C1", "electricity_purchased_mwh": round(carbide * rng.uniform(3.2, 3.5), 1)}
    )
    data["products"].append(
        {"unit_id": "C1", "product": "calcium_carbide", "quantity": round(carbide, 1)}
    )
