"""A realistic cement entity report, seeded: for tests and (later) the demo."""

from __future__ import annotations

import calendar
import datetime as dt
import random
from typing import Any

from chinaets.mrv.industry.deposits import month_end

CREDIT_CODES = ("91370000MA3C5EJ50G", "91340000704920454F", "91450000198230869E")
PROVINCES = ("山东", "安徽", "广西")


def example_report(seed: int, year: int = 2025) -> dict[str, Any]:
    """One entity with one or two new-dry-process lines, twelve months of clinker, coal with
    per-batch NCVs, a little diesel, alternative raw materials, the control plan, meters,
    calibrations and on-time deposits. Same seed, same report."""
    rng = random.Random(seed)
    lines: list[dict[str, Any]] = [
        {"unit_id": f"L{i + 1}", "capacity_t_per_day": rng.choice([2500, 4000, 5000])}
        for i in range(rng.choice([1, 2]))
    ]
    data: dict[str, Any] = {
        "sector": "cement",
        "year": year,
        "entity": {
            "credit_code": CREDIT_CODES[seed % len(CREDIT_CODES)],
            "name": f"示例水泥有限公司{seed}",
            "province": PROVINCES[seed % len(PROVINCES)],
        },
        "lines": lines,
        "fuel_use": [], "ncv_samples": [], "clinker_output": [], "alt_raw_materials": [],
    }  # fmt: skip
    for line in lines:
        _line_months(rng, data, line["unit_id"], float(line["capacity_t_per_day"]), year)
    data.update(_control_plan(year))
    return data


def _line_months(
    rng: random.Random, data: dict[str, Any], unit_id: str, capacity: float, year: int
) -> None:
    for month in range(1, 13):
        days = calendar.monthrange(year, month)[1]
        clinker = round(capacity * days * rng.uniform(0.75, 0.98), 2)
        coal = round(clinker * rng.uniform(0.13, 0.15), 2)
        data["clinker_output"].append({"unit_id": unit_id, "month": month, "quantity_t": clinker})
        data["fuel_use"] += [
            {"unit_id": unit_id, "month": month, "fuel": "bituminous", "quantity": coal},
            {"unit_id": unit_id, "month": month, "fuel": "diesel", "quantity": round(rng.uniform(5, 20), 2)},
        ]  # fmt: skip
        share = rng.uniform(0.3, 0.7)
        data["ncv_samples"] += [
            {"unit_id": unit_id, "month": month, "fuel": "bituminous", "batch_id": f"{unit_id}-{month}-{b}",
             "received_t": round(coal * w, 2), "ncv": round(rng.uniform(5200, 5800)), "ncv_unit": "kcal/kg"}
            for b, w in (("a", share), ("b", 1 - share))
        ]  # fmt: skip
        data["alt_raw_materials"].append(
            {"unit_id": unit_id, "month": month, "material": rng.choice(["steel_slag", "coal_fly_ash", "fgd_gypsum"]),
             "quantity_t": round(clinker * rng.uniform(0.02, 0.06), 2)}
        )  # fmt: skip


def _control_plan(year: int) -> dict[str, Any]:
    plan = [
        {"parameter": "fuel_quantity", "item": "bituminous", "method": "measured", "meter_id": "BS-01"},
        {"parameter": "fuel_quantity", "item": "diesel", "method": "measured", "meter_id": "FM-01"},
        {"parameter": "ncv", "item": "bituminous", "method": "measured"},
        {"parameter": "ncv", "item": "diesel", "method": "default"},
        {"parameter": "clinker_output", "method": "calculated"},
        {"parameter": "alt_raw_material", "method": "measured", "meter_id": "TS-01"},
    ]  # fmt: skip
    meters = [
        {"meter_id": "BS-01", "model": "ICS-17A", "location": "煤磨入口", "meter_type": "belt_scale", "accuracy_class": 0.5},
        {"meter_id": "FM-01", "model": "LWGY-25", "location": "柴油罐出口", "meter_type": "liquid_flowmeter", "accuracy_class": 0.5},
        {"meter_id": "TS-01", "model": "SCS-100", "location": "原料地磅", "meter_type": "truck_scale", "accuracy_class": 0.5},
    ]  # fmt: skip
    calibrations = [
        {"meter_id": m["meter_id"], "calibrated_on": dt.date(year - 1, 12, 15).isoformat()}
        for m in meters
    ] + [
        {"meter_id": m["meter_id"], "calibrated_on": dt.date(year, 12, 10).isoformat()}
        for m in meters
    ]
    deposits = [
        {"month": m, "deposited_on": (month_end(year, m) + dt.timedelta(days=20)).isoformat()}
        for m in range(1, 13)
    ]
    return {
        "control_plan": plan,
        "meters": meters,
        "calibrations": calibrations,
        "deposits": deposits,
    }
