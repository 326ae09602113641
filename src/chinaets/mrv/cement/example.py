"""A realistic cement entity report, seeded: for tests, and the building blocks the national
cement population (`chinaets.demo.industry_fleet`) synthesises its entities with."""

from __future__ import annotations

import calendar
import datetime as dt
import random
from collections.abc import Sequence
from typing import Any

from chinaets.mrv.industry.deposits import month_end

CREDIT_CODES = ("91370000MA3C5EJ50G", "91340000704920454F", "91450000198230869E")
PROVINCES = ("山东", "安徽", "广西")
ALT_RAW_MATERIALS = ("steel_slag", "coal_fly_ash", "fgd_gypsum")
COAL_PER_CLINKER = (0.13, 0.15)
"""t of bituminous coal (5,200–5,800 kcal/kg) per t clinker: about 3.0–3.4 GJ/t, a modern
new-dry-process kiln with precalciner."""


def example_report(seed: int, year: int = 2025) -> dict[str, Any]:
    """One entity with one or two new-dry-process lines, twelve months of clinker, coal with
    per-batch NCVs, a little diesel, alternative raw materials, the control plan, meters,
    calibrations and on-time deposits. Same seed, same report."""
    rng = random.Random(seed)
    lines: list[dict[str, Any]] = [
        {"unit_id": f"L{i + 1}", "capacity_t_per_day": rng.choice([2500, 4000, 5000])}
        for i in range(rng.choice([1, 2]))
    ]
    entity = {
        "credit_code": CREDIT_CODES[seed % len(CREDIT_CODES)],
        "name": f"示例水泥有限公司{seed}",
        "province": PROVINCES[seed % len(PROVINCES)],
    }
    data = new_report(year, entity, lines)
    for line in lines:
        line_months(rng, data, line["unit_id"], float(line["capacity_t_per_day"]), year)
    data.update(control_plan(year))
    return data


def new_report(year: int, entity: dict[str, Any], lines: list[dict[str, Any]]) -> dict[str, Any]:
    """The report's frame: entity and lines, the monthly tables empty."""
    return {
        "sector": "cement",
        "year": year,
        "entity": entity,
        "lines": lines,
        "fuel_use": [], "ncv_samples": [], "clinker_output": [], "alt_raw_materials": [],
    }  # fmt: skip


def line_months(
    rng: random.Random,
    data: dict[str, Any],
    unit_id: str,
    capacity: float,
    year: int,
    utilisation: Sequence[float] | None = None,
) -> None:
    """Twelve months of a line: clinker (capacity × days × the month's utilisation, drawn from
    0.75–0.98 unless given), coal in two lab-tested batches, diesel, one alternative raw
    material."""
    for month in range(1, 13):
        days = calendar.monthrange(year, month)[1]
        share = utilisation[month - 1] if utilisation is not None else rng.uniform(0.75, 0.98)
        clinker = round(capacity * days * share, 2)
        coal = round(clinker * rng.uniform(*COAL_PER_CLINKER), 2)
        data["clinker_output"].append({"unit_id": unit_id, "month": month, "quantity_t": clinker})
        data["fuel_use"] += [
            {"unit_id": unit_id, "month": month, "fuel": "bituminous", "quantity": coal},
            {"unit_id": unit_id, "month": month, "fuel": "diesel", "quantity": round(rng.uniform(5, 20), 2)},
        ]  # fmt: skip
        _coal_batches(rng, data, unit_id, month, coal)
        data["alt_raw_materials"].append(
            {"unit_id": unit_id, "month": month, "material": rng.choice(ALT_RAW_MATERIALS),
             "quantity_t": round(clinker * rng.uniform(0.02, 0.06), 2)}
        )  # fmt: skip


def _coal_batches(
    rng: random.Random, data: dict[str, Any], unit_id: str, month: int, coal: float
) -> None:
    share = rng.uniform(0.3, 0.7)
    data["ncv_samples"] += [
        {"unit_id": unit_id, "month": month, "fuel": "bituminous", "batch_id": f"{unit_id}-{month}-{b}",
         "received_t": round(coal * w, 2), "ncv": round(rng.uniform(5200, 5800)), "ncv_unit": "kcal/kg"}
        for b, w in (("a", share), ("b", 1 - share))
    ]  # fmt: skip


def control_plan(year: int, deposit_delays: Sequence[int] = (20,) * 12) -> dict[str, Any]:
    """Control plan, meters, calibrations (December of the year before and of the year) and the
    twelve monthly deposits, `deposit_delays` days after each month's end (deadline 40)."""
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
        {"meter_id": m["meter_id"], "calibrated_on": day.isoformat()}
        for day in (dt.date(year - 1, 12, 15), dt.date(year, 12, 10))
        for m in meters
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
