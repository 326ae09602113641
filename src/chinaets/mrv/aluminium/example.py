"""A realistic aluminium smelting entity report, seeded: for tests, and the building blocks the
national aluminium population (`chinaets.demo.industry_fleet`) synthesises smelters with."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import Any

from chinaets.mrv.industry.deposits import month_end

CREDIT_CODES = ("91150000MA0N7CJ37N", "91650000710886440T", "915300007097085970")
PROVINCES = ("内蒙古", "新疆", "云南")
BAKING_GAS_PER_T = 0.0045
"""Natural gas of the anode-baking furnace, 10^4 Nm3 per t Al (45 Nm3/t)."""


def example_report(seed: int, year: int = 2025) -> dict[str, Any]:
    """One smelter: an electrolysis process of 200,000–500,000 t/a with measured anode data and
    anode effects in most months, an anode-baking process burning natural gas, limestone, the
    control plan, meters, calibrations and on-time deposits. Same seed, same report."""
    rng = random.Random(seed)
    capacity = rng.choice([200_000, 300_000, 400_000, 500_000])
    entity = {
        "credit_code": CREDIT_CODES[seed % len(CREDIT_CODES)],
        "name": f"示例铝业有限公司{seed}",
        "province": PROVINCES[seed % len(PROVINCES)],
    }
    data = new_report(year, entity, [electrolysis("E1", capacity, capacity // 1000)])
    for month in range(1, 13):
        output = round(capacity / 12 * rng.uniform(0.9, 1.02), 2)
        electrolysis_month(rng, data, "E1", month, output)
        enterprise_month(rng, data, month, output)
    data.update(control_plan(year))
    return data


def electrolysis(unit_id: str, capacity_t: float, cells: int) -> dict[str, Any]:
    return {
        "unit_id": unit_id,
        "kind": "electrolysis",
        "cells": cells,
        "capacity_t_per_year": capacity_t,
    }


def new_report(year: int, entity: dict[str, Any], potlines: list[dict[str, Any]]) -> dict[str, Any]:
    """The report's frame: the electrolysis processes and the anode-baking process B1."""
    return {
        "sector": "aluminium",
        "year": year,
        "entity": entity,
        "processes": [*potlines, {"unit_id": "B1", "kind": "other"}],
        "fuel_use": [], "aluminium_output": [], "anode_data": [], "anode_effects": [], "carbonates": [],
    }  # fmt: skip


def electrolysis_month(
    rng: random.Random, data: dict[str, Any], unit_id: str, month: int, output: float
) -> None:
    """A potline's month: aluminium liquid, measured anode data, anode effects, diesel."""
    data["aluminium_output"].append({"unit_id": unit_id, "month": month, "quantity_t": output})
    data["anode_data"].append(
        {"unit_id": unit_id, "month": month, "net_anode_t_per_t": round(rng.uniform(0.40, 0.43), 3),
         "sulphur_pct": round(rng.uniform(1.2, 2.5), 2), "ash_pct": round(rng.uniform(0.2, 0.5), 2)}
    )  # fmt: skip
    data["anode_effects"].append(
        {"unit_id": unit_id, "month": month, "aem_min_per_cell_day": round(rng.uniform(0.01, 0.15), 3)}
    )  # fmt: skip
    data["fuel_use"].append(
        {"unit_id": unit_id, "month": month, "fuel": "diesel", "quantity": round(rng.uniform(5, 15), 2)}
    )  # fmt: skip


def enterprise_month(rng: random.Random, data: dict[str, Any], month: int, output: float) -> None:
    """The month's anode baking (natural gas by the smelter's `output`) and limestone."""
    data["fuel_use"].append(
        {"unit_id": "B1", "month": month, "fuel": "natural_gas", "quantity": round(output * BAKING_GAS_PER_T, 2)}
    )  # fmt: skip
    data["carbonates"].append(
        {"month": month, "material": "limestone", "quantity_t": round(rng.uniform(50, 150), 2)}
    )


def control_plan(year: int, deposit_delays: Sequence[int] = (25,) * 12) -> dict[str, Any]:
    """Control plan, meters, calibrations (November of the year before and of the year) and the
    twelve monthly deposits, `deposit_delays` days after each month's end (deadline 40)."""
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
        {"month": m, "deposited_on": (month_end(year, m) + dt.timedelta(days=delay)).isoformat()}
        for m, delay in zip(range(1, 13), deposit_delays, strict=True)
    ]
    return {
        "control_plan": plan,
        "meters": meters,
        "calibrations": calibrations,
        "deposits": deposits,
    }
