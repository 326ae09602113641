"""A plausible year of a paper mill's data (synthetic fleets, examples): a coal-fired CHP plant
on site, grid top-up power, a kraft pulp line with a lime kiln and anaerobic treatment.

Per tonne of paper and board: bituminous coal 0.35–0.55 t, electricity 0.15–0.35 MWh bought;
pulp lines (one mill in three): pulp 0.6–0.9 t, limestone make-up 0.01–0.03 t, wastewater
25–40 m3 at 3–6 kg COD/m3 in, 0.2–0.5 out (author knowledge, not from a regulatory text)."""

from __future__ import annotations

import random
from typing import Any

from chinaets.mrv.ndrc.example import energy_tce, entity


def synthesise(
    rng: random.Random, year: int, output_t: float, who: tuple[str, str, str]
) -> dict[str, Any]:
    """`output_t` tonnes of paper and board; `who` is (credit code, name, province)."""
    coal = round(output_t * rng.uniform(0.35, 0.55), 1)
    power = round(output_t * rng.uniform(0.15, 0.35), 1)
    data: dict[str, Any] = {
        "sector": "paper", "year": year, "entity": entity(*who, "2221", "paper"),
        "facilities": [{"unit_id": "P1", "name": "造纸车间"}],
        "fuel_use": [{"unit_id": "P1", "fuel": "bituminous", "quantity": coal}],
        "energy": [{"unit_id": "P1", "electricity_purchased_mwh": power}],
        "products": [{"unit_id": "P1", "product": "paper_board", "quantity": round(output_t, 1)}],
        "limestone": [], "wastewater": [],
    }  # fmt: skip
    if rng.random() < 1 / 3:
        _pulp_line(rng, data, output_t * rng.uniform(0.6, 0.9))
    data["entity"]["energy_tce"] = energy_tce(year, data["fuel_use"], data["energy"])
    return data


def _pulp_line(rng: random.Random, data: dict[str, Any], pulp: float) -> None:
    water = pulp * rng.uniform(25, 40)
    cod_in = rng.uniform(3, 6)
    data["facilities"].append({"unit_id": "K1", "name": "化学浆车间"})
    data["products"].append({"unit_id": "K1", "product": "pulp", "quantity": round(pulp, 1)})
    limestone = round(pulp * rng.uniform(0.01, 0.03), 1)
    data["limestone"].append({"unit_id": "K1", "quantity_t": limestone, "purity_pct": 95})
    data["wastewater"].append({
        "unit_id": "K1", "water_m3": round(water), "cod_in_kg_m3": round(cod_in, 2),
        "cod_out_kg_m3": round(rng.uniform(0.2, 0.5), 2),
        "sludge_cod_kg": round(water * cod_in * rng.uniform(0.03, 0.08)),
    })  # fmt: skip
    power = round(pulp * rng.uniform(0.3, 0.5), 1)
    data["energy"].append({"unit_id": "K1", "electricity_purchased_mwh": power})
