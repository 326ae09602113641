"""A realistic aluminium smelting entity report, seeded: for tests and (later) the demo."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from chinaets.mrv.industry.deposits import month_end

CREDIT_CODES = ("91150000MA0N7CJ37N", "91650000710886440T", "915300007097085970")
PROVINCES = ("内蒙古", "新疆", "云南")


def example_report(seed: int, year: int = 2025) -> dict[str, Any]:
    """One smelter: an electrolysis process of 200,000–500,000 t/a with measured anode data and
    anode effects in most months, an anode-baking process burning natural gas, limestone, the
    control plan, meters, calibrations and on-time deposits. Same seed, same report."""
    rng = random.Random(seed)
    capacity = rng.choice([200_000, 300_000, 400_000, 500_000])
    data: dict[str, Any] = {
        "sector": "aluminium",
        "year": year,
        "entity": {
            "credit_code": CREDIT_CODES[seed % len(CREDIT_CODES)],
            "name": f"示例铝业有限公司{seed}",
            "province": PROVINCES[seed % len(PROVINCES)],
        },
        "processes": [
            {"unit_id": "E1", "kind": "electrolysis", "cells": capacity // 1000, "capacity_t_per_year": capacity},
            {"unit_id": "B1", "kind": "other"},
        ],
        "fuel_use": [], "aluminium_output": [], "anode_data": [], "anode_effects": [], "carbonates": [],
    }  # fmt: skip
    for month in range(1, 13):
        _month(rng, data, month, capacity)
    data.update(_control_plan(year))
    return data


def _month(rng: random.Random, data: dict[str, Any], month: int, capacity: float) -> None:
    output = round(capacity / 12 * rng.uniform(0.9, 1.02), 2)
    data["aluminium_output"].append({"unit_id": "E1", "month": month, "quantity_t": output})
    data["anode_data"].append(
        {"unit_id": "E1", "month": month, "net_anode_t_per_t": round(rng.uniform(0.40, 0.43), 3),
         "sulphur_pct": round(rng.uniform(1.2, 2.5), 2), "ash_pct": round(rng.uniform(0.2, 0.5), 2)}
    )  # fmt: skip
    data["anode_effects"].append(
        {"unit_id": "E1", "month": month, "aem_min_per_cell_day": round(rng.uniform(0.01, 0.15), 3)}
    )
    data["fuel_use"] += [
        {"unit_id": "B1", "month": month, "fuel": "natural_gas", "quantity": round(output * 0.0045, 2)},
        {"unit_id": "E1", "month": month, "fuel": "diesel", "quantity": round(rng.uniform(5, 15), 2)},
    ]  # fmt: skip
    data["carbonates"].append(
        {"month": month, "material": "limestone", "quantity_t": round(rng.uniform(50, 150), 2)}
    )


def _control_plan(year: int) -> dict[str, Any]:
    plan = [
        {"parameter": "fuel_quantity", "item": "natural_gas", "method": "measured", "meter_id": "GF-01"},
        {"parameter": "fuel_quantity", "item": "diesel", "method": "measured", "meter_id": "FM-01"},
        {"parameter": "ncv", "method": "default"},
        {"parameter": "aluminium_output", "method": "measured", "meter_id": "CS-01"},
        {"parameter": "net_anode_consumption", "method": "measured"},
        {"parameter": "anode_sulphur", "method": "measured"},
        {"parameter": "anode_ash", "method": "measured"},
        {"parameter": "anode_effect_minutes", "method": "measured"},
        {"parameter": "carbonate_quantity", "method": "measured", "meter_id": "TS-01"},
    ]  # fmt: skip
    meters = [
        {"meter_id": "GF-01", "model": "LUGB-100", "location": "焙烧炉天然气总管", "meter_type": "gas_flowmeter", "accuracy_class": 1.5},
        {"meter_id": "FM-01", "model": "LWGY-25", "location": "柴油罐出口", "meter_type": "liquid_flowmeter", "accuracy_class": 0.5},
        {"meter_id": "CS-01", "model": "OCS-30T", "location": "出铝天车", "meter_type": "other", "accuracy_class": 0.1},
        {"meter_id": "TS-01", "model": "SCS-100", "location": "原料地磅", "meter_type": "truck_scale", "accuracy_class": 0.5},
    ]  # fmt: skip
    calibrations = [
        {"meter_id": m["meter_id"], "calibrated_on": day.isoformat()}
        for m in meters
        for day in (dt.date(year - 1, 11, 20), dt.date(year, 11, 5))
    ]
    deposits = [
        {"month": m, "deposited_on": (month_end(year, m) + dt.timedelta(days=25)).isoformat()}
        for m in range(1, 13)
    ]
    return {
        "control_plan": plan,
        "meters": meters,
        "calibrations": calibrations,
        "deposits": deposits,
    }
