"""A plausible year of a copper smelter's data (synthetic fleets, examples): flash or bath
smelting with natural gas, coke as reductant, limestone flux, grid power for smelting, the
acid plant and electrorefining.

Per tonne of blister copper: natural gas 0.008–0.015 ×10^4 Nm3, coke 0.01–0.03 t, limestone
0.02–0.05 t, electricity 0.8–1.2 MWh; cathode 0.97–0.99 t, sulphuric acid 2.8–3.4 t (author
knowledge of pyrometallurgical smelters, not from a regulatory text)."""

from __future__ import annotations

import random
from typing import Any

from chinaets.mrv.ndrc.example import energy_tce, entity, split


def synthesise(
    rng: random.Random, year: int, output_t: float, who: tuple[str, str, str]
) -> dict[str, Any]:
    """`output_t` tonnes of blister copper over 1–2 smelters; `who` is (code, name, province)."""
    works = 1 if output_t < 300_000 else 2
    data: dict[str, Any] = {
        "sector": "copper", "year": year, "entity": entity(*who, "3211", "copper"),
        **{t: [] for t in ("facilities", "fuel_use", "energy", "products", "reductants", "carbonates")},
    }  # fmt: skip
    shares = split(output_t, works, [rng.uniform(0.8, 1.2) for _ in range(2)])
    for i, blister in enumerate(shares, start=1):
        _smelter(rng, data, f"S{i}", blister)
    data["entity"]["energy_tce"] = energy_tce(year, data["fuel_use"], data["energy"])
    return data


def _smelter(rng: random.Random, data: dict[str, Any], uid: str, blister: float) -> None:
    def per(low: float, high: float, digits: int = 1) -> float:
        return round(blister * rng.uniform(low, high), digits)

    data["facilities"].append({"unit_id": uid, "name": f"{uid[1:]}号冶炼系统"})
    data["fuel_use"].append(
        {"unit_id": uid, "fuel": "natural_gas", "quantity": per(0.008, 0.015, 2)}
    )
    data["reductants"].append({"unit_id": uid, "reductant": "coke", "quantity": per(0.01, 0.03)})
    data["carbonates"].append(
        {"unit_id": uid, "carbonate": "impure_limestone", "quantity_t": per(0.02, 0.05)}
    )
    data["energy"].append({"unit_id": uid, "electricity_purchased_mwh": per(0.8, 1.2)})
    data["products"] += [
        {"unit_id": uid, "product": "blister_copper", "quantity": round(blister, 1)},
        {"unit_id": uid, "product": "cathode_copper", "quantity": per(0.97, 0.99)},
        {"unit_id": uid, "product": "sulphuric_acid", "quantity": per(2.8, 3.4)},
    ]
