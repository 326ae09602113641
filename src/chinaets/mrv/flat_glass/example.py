"""A plausible year of a flat glass enterprise's data (synthetic fleets, examples): float
lines burning natural gas, soda-lime batch carbonates, a little carbon powder, grid power.

Per tonne of glass: natural gas 0.0140–0.0190 ×10^4 Nm3 (5.5–7.4 GJ), soda ash 0.18–0.20 t,
dolomite 0.15–0.18 t, limestone 0.05–0.07 t, carbon powder 0.0005–0.001 t, electricity
80–120 kWh — typical float-line figures (author knowledge, not from a regulatory text)."""

from __future__ import annotations

import random
from typing import Any

from chinaets.mrv.ndrc.example import energy_tce, entity, split


def synthesise(
    rng: random.Random, year: int, output_t: float, who: tuple[str, str, str]
) -> dict[str, Any]:
    """`output_t` tonnes of glass over 1–3 furnaces; `who` is (credit code, name, province)."""
    furnaces = 1 if output_t < 200_000 else rng.randint(2, 3)
    data: dict[str, Any] = {
        "sector": "flat_glass", "year": year, "entity": entity(*who, "3041", "flat_glass"),
        **{t: [] for t in ("facilities", "fuel_use", "energy", "products", "carbonates", "carbon_powder")},
    }  # fmt: skip
    shares = split(output_t, furnaces, [rng.uniform(0.8, 1.2) for _ in range(3)])
    for i, glass in enumerate(shares, start=1):
        _furnace(rng, data, f"F{i}", glass)
    data["entity"]["energy_tce"] = energy_tce(year, data["fuel_use"], data["energy"])
    return data


def _furnace(rng: random.Random, data: dict[str, Any], uid: str, glass: float) -> None:
    def per(low: float, high: float, digits: int = 1) -> float:
        return round(glass * rng.uniform(low, high), digits)

    data["facilities"].append({"unit_id": uid, "name": f"{uid[1:]}号浮法线熔窑"})
    data["fuel_use"].append(
        {"unit_id": uid, "fuel": "natural_gas", "quantity": per(0.014, 0.019, 2)}
    )
    for carbonate, low, high in (
        ("soda_ash", 0.18, 0.20),
        ("dolomite", 0.15, 0.18),
        ("limestone", 0.05, 0.07),
    ):
        data["carbonates"].append(
            {"unit_id": uid, "carbonate": carbonate, "quantity_t": per(low, high)}
        )
    data["carbon_powder"].append({"unit_id": uid, "quantity_t": per(0.0005, 0.001)})
    data["energy"].append({"unit_id": uid, "electricity_purchased_mwh": per(0.08, 0.12)})
    data["products"].append({"unit_id": uid, "product": "flat_glass", "quantity": round(glass, 1)})
