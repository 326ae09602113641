"""Writes the bad-input corpora of tests/cement/bad_inputs and tests/aluminium/bad_inputs from
small valid reports, one mutation per file. Run from the repository root:
``.venv/bin/python tests/industry/make_bad_inputs.py``."""

from __future__ import annotations

import copy
import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

CEMENT: dict[str, Any] = {
    "sector": "cement",
    "year": 2025,
    "entity": {"credit_code": "91370000MA3C5EJ50G", "name": "示例水泥有限公司", "province": "山东"},
    "lines": [{"unit_id": "L1", "capacity_t_per_day": 5000}],
    "fuel_use": [{"unit_id": "L1", "month": 1, "fuel": "bituminous", "quantity": 15000}],
    "ncv_samples": [{"unit_id": "L1", "month": 1, "fuel": "bituminous", "received_t": 15000, "ncv": 23.1}],
    "clinker_output": [{"unit_id": "L1", "month": 1, "quantity_t": 120000}],
    "alt_raw_materials": [{"unit_id": "L1", "month": 1, "material": "carbide_slag", "quantity_t": 3000}],
    "control_plan": [{"parameter": "fuel_quantity", "method": "measured", "meter_id": "BS-01"}],
    "meters": [{"meter_id": "BS-01", "model": "ICS-17A", "meter_type": "belt_scale", "accuracy_class": 0.5}],
    "calibrations": [{"meter_id": "BS-01", "calibrated_on": "2024-12-15"}],
    "deposits": [{"month": 1, "deposited_on": "2025-02-20"}],
}  # fmt: skip

ALUMINIUM: dict[str, Any] = {
    "sector": "aluminium",
    "year": 2025,
    "entity": {"credit_code": "91150000MA0N7CJ37N", "name": "示例铝业有限公司", "province": "内蒙古"},
    "processes": [
        {"unit_id": "E1", "kind": "electrolysis", "capacity_t_per_year": 300000},
        {"unit_id": "B1", "kind": "other"},
    ],
    "fuel_use": [{"unit_id": "B1", "month": 1, "fuel": "natural_gas", "quantity": 110}],
    "aluminium_output": [{"unit_id": "E1", "month": 1, "quantity_t": 25000}],
    "anode_data": [{"unit_id": "E1", "month": 1, "net_anode_t_per_t": 0.41, "sulphur_pct": 1.9, "ash_pct": 0.3}],
    "anode_effects": [{"unit_id": "E1", "month": 1, "aem_min_per_cell_day": 0.05}],
    "carbonates": [{"month": 1, "material": "limestone", "quantity_t": 100}],
}  # fmt: skip

Mutation = Callable[[dict[str, Any]], None]


def _set(table: str, key: str, value: Any, row: int = 0) -> Mutation:
    def apply(data: dict[str, Any]) -> None:
        data[table][row][key] = value

    return apply


def _append(table: str, row: dict[str, Any]) -> Mutation:
    return lambda data: data[table].append(row)


CEMENT_CASES: dict[str, Mutation] = {
    "unknown_material.json": _set("alt_raw_materials", "material", "limestone"),
    "unknown_fuel.json": _set("fuel_use", "fuel", "coal"),
    "month_13.json": _set("clinker_output", "month", 13),
    "negative_clinker.json": _set("clinker_output", "quantity_t", -5),
    "unknown_line.json": _set("clinker_output", "unit_id", "L9"),
    "duplicate_line.json": _append("lines", {"unit_id": "L1", "capacity_t_per_day": 3000}),
    "clinker_in_kg.json": _set("clinker_output", "quantity_t", 120_000_000),
    "ncv_kcal_given_as_gj.json": _set("ncv_samples", "ncv", 5500),
    "gas_ncv_per_kg.json": lambda d: d["ncv_samples"].append(
        {"unit_id": "L1", "month": 1, "fuel": "natural_gas", "ncv": 8500, "ncv_unit": "kcal/kg"}
    ),
    "noncarbonate_exceeds.json": lambda d: d.update(
        year=2020,
        clinker_composition=[
            {"unit_id": "L1", "month": 1, "cao_pct": 65, "mgo_pct": 2, "noncarbonate_cao_pct": 70}
        ],
        deposits=[],
    ),
    "composition_missing_2020.json": lambda d: d.update(year=2020, deposits=[]),
    "bad_credit_code.json": lambda d: d["entity"].update(credit_code="91370000MA3C5EJ50X"),
    "meter_not_listed.json": _set("control_plan", "meter_id", "M9"),
    "wrong_sector.json": lambda d: d.update(sector="aluminium"),
    "calibration_interval_60_months.json": _set("meters", "calibration_interval_months", 61),
}

ALUMINIUM_CASES: dict[str, Mutation] = {
    "aem_on_other_process.json": _set("anode_effects", "unit_id", "B1"),
    "unknown_process.json": _set("aluminium_output", "unit_id", "E9"),
    "net_anode_in_kg.json": _set("anode_data", "net_anode_t_per_t", 411),
    "sulphur_over_10_pct.json": _set("anode_data", "sulphur_pct", 20),
    "empty_anode_row.json": lambda d: d.update(anode_data=[{"unit_id": "E1", "month": 1}]),
    "gwp_set_ar4.json": lambda d: d.update(gwp_set="AR4"),
    "output_over_capacity.json": _set("aluminium_output", "quantity_t", 250000),
    "duplicate_output_month.json": _append(
        "aluminium_output", {"unit_id": "E1", "month": 1, "quantity_t": 100}
    ),
    "unknown_carbonate.json": _set("carbonates", "material", "soda_ash"),
    "year_2023.json": lambda d: d.update(year=2023),
    "batches_without_mass.json": lambda d: d.update(
        fuel_use=[
            *d["fuel_use"],
            {"unit_id": "B1", "month": 1, "fuel": "anthracite", "quantity": 50},
        ],
        ncv_samples=[
            {"unit_id": "B1", "month": 1, "fuel": "anthracite", "batch_id": b, "ncv": 25.0}
            for b in ("a", "b")
        ],
    ),
    "calibration_of_unknown_meter.json": lambda d: d.update(
        calibrations=[{"meter_id": "X1", "calibrated_on": "2025-01-05"}]
    ),
    "entity_missing_name.json": lambda d: d["entity"].pop("name"),
}


def write_corpus(folder: Path, base: dict[str, Any], cases: dict[str, Mutation]) -> None:
    for name, mutate in cases.items():
        data = copy.deepcopy(base)
        mutate(data)
        (folder / name).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")


def write_csv_folder(folder: Path, data: dict[str, Any]) -> None:
    """One CSV per table; the entity table carries the year."""
    folder.mkdir(exist_ok=True)
    for table, rows in data.items():
        if table in ("sector", "year", "gwp_set"):
            continue
        rows = [{**rows, "year": data["year"]}] if table == "entity" else rows
        if not rows:
            continue
        keys = sorted({k for r in rows for k in r})
        with (folder / f"{table}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=keys)
            writer.writeheader()
            writer.writerows(rows)


def main() -> None:
    write_corpus(ROOT / "cement" / "bad_inputs", CEMENT, CEMENT_CASES)
    write_corpus(ROOT / "aluminium" / "bad_inputs", ALUMINIUM, ALUMINIUM_CASES)
    cement = copy.deepcopy(CEMENT)
    cement["clinker_output"][0]["quantity_t"] = "12万"
    write_csv_folder(ROOT / "cement" / "bad_inputs" / "csv_non_numeric", cement)
    aluminium = copy.deepcopy(ALUMINIUM)
    aluminium["anode_effects"][0]["month"] = 0
    write_csv_folder(ROOT / "aluminium" / "bad_inputs" / "csv_month_0", aluminium)
    (ROOT / "cement" / "good_report.json").write_text(
        json.dumps(CEMENT, ensure_ascii=False, indent=1) + "\n", "utf-8"
    )
    (ROOT / "aluminium" / "good_report.json").write_text(
        json.dumps(ALUMINIUM, ensure_ascii=False, indent=1) + "\n", "utf-8"
    )


if __name__ == "__main__":
    main()
