"""Writes the bad-input corpora of tests/reporting/bad_inputs/<sector>/ from a small valid
report per reporting sector, one mutation per file. Run from the repository root:
``.venv/bin/python tests/reporting/make_bad_inputs.py``."""

from __future__ import annotations

import copy
import csv
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent / "bad_inputs"
ENTITY = {
    "credit_code": "91330000M6MA7PXPT4",
    "name": "示例企业",
    "province": "浙江",
    "energy_tce": 50000,
}


def _base(sector: str, facility: str, extra: dict[str, Any]) -> dict[str, Any]:
    return {
        "sector": sector,
        "year": 2025,
        "entity": dict(ENTITY),
        "facilities": [{"unit_id": facility, "name": "设施"}],
        "fuel_use": [{"unit_id": facility, "fuel": "natural_gas", "quantity": 1000}],
        "energy": [{"unit_id": facility, "electricity_purchased_mwh": 5000}],
        **extra,
    }


BASES: dict[str, dict[str, Any]] = {
    "flat_glass": _base(
        "flat_glass",
        "F1",
        {
            "products": [{"unit_id": "F1", "product": "flat_glass", "quantity": 100000}],
            "carbonates": [{"unit_id": "F1", "carbonate": "soda_ash", "quantity_t": 19000}],
            "carbon_powder": [{"unit_id": "F1", "quantity_t": 80}],
        },
    ),
    "copper": _base(
        "copper",
        "S1",
        {
            "products": [{"unit_id": "S1", "product": "blister_copper", "quantity": 100000}],
            "reductants": [{"unit_id": "S1", "reductant": "coke", "quantity": 2000}],
        },
    ),
    "paper": _base(
        "paper",
        "P1",
        {
            "products": [{"unit_id": "P1", "product": "paper_board", "quantity": 100000}],
            "wastewater": [
                {"unit_id": "P1", "water_m3": 100000, "cod_in_kg_m3": 3.0, "cod_out_kg_m3": 0.3}
            ],
        },
    ),
    "aviation": _base(
        "aviation",
        "FLEET",
        {
            "flights": [
                {
                    "unit_id": "FLEET",
                    "aircraft_type": "A320",
                    "fuel_t": 30000,
                    "turnover_10k_tkm": 10000,
                }
            ],
        },
    ),
    "chemicals": _base(
        "chemicals",
        "N1",
        {
            "products": [{"unit_id": "N1", "product": "nitric_acid", "quantity": 100000}],
            "nitric_acid": [{"unit_id": "N1", "process": "dual_pressure", "quantity_t": 100000}],
        },
    ),
    "petrochemicals": _base(
        "petrochemicals",
        "R1",
        {
            "products": [{"unit_id": "R1", "product": "crude_throughput", "quantity": 5000000}],
            "regeneration": [
                {
                    "unit_id": "R1",
                    "unit_kind": "periodic",
                    "catalyst_t": 100,
                    "carbon_before_pct": 5,
                    "carbon_after_pct": 1,
                }
            ],
        },
    ),
}

Mutation = Callable[[dict[str, Any]], None]


def _set(table: str, key: str, value: Any, row: int = 0) -> Mutation:
    def apply(data: dict[str, Any]) -> None:
        data[table][row][key] = value

    return apply


def _dup(table: str) -> Mutation:
    return lambda data: data[table].append(copy.deepcopy(data[table][0]))


def _entity(key: str, value: Any) -> Mutation:
    def apply(data: dict[str, Any]) -> None:
        data["entity"][key] = value

    return apply


def _top(key: str, value: Any) -> Mutation:
    def apply(data: dict[str, Any]) -> None:
        data[key] = value

    return apply


COMMON: dict[str, Mutation] = {
    "bad_credit_code.json": _entity("credit_code", "91330000M6MA7PXPT5"),
    "unknown_province.json": _entity("province", "Atlantis"),
    "unknown_facility.json": _set("fuel_use", "unit_id", "X9"),
    "duplicate_facility.json": _dup("facilities"),
    "duplicate_fuel_row.json": _dup("fuel_use"),
    "unknown_fuel.json": _set("fuel_use", "fuel", "coal"),
    "negative_fuel.json": _set("fuel_use", "quantity", -5),
    "ncv_in_kcal_per_kg.json": _set("fuel_use", "ncv", 5500),
    "ncv_unit_mistake.json": _set("fuel_use", "ncv", 38),
    "no_facilities.json": _top("facilities", []),
    "year_1999.json": _top("year", 1999),
    "wrong_sector.json": _top("sector", "cement"),
    "unknown_product.json": lambda d: d.setdefault("products", []).append(
        {"unit_id": d["facilities"][0]["unit_id"], "product": "widgets", "quantity": 1}
    ),
}

SPECIFIC: dict[str, dict[str, Mutation]] = {
    "flat_glass": {
        "carbon_over_100_pct.json": _set("carbon_powder", "carbon_pct", 150),
        "unknown_carbonate.json": _set("carbonates", "carbonate", "chalk"),
    },
    "copper": {"unknown_reductant.json": _set("reductants", "reductant", "charcoal")},
    "paper": {"cod_swapped.json": _set("wastewater", "cod_out_kg_m3", 30)},
    "aviation": {
        "unknown_aircraft.json": _set("flights", "aircraft_type", "C999"),
        "airline_without_flights.json": _top("flights", []),
    },
    "chemicals": {
        "unknown_nitric_process.json": _set("nitric_acid", "process", "ultra"),
        "hfc23_destroyed_in_kg.json": _top(
            "hcfc22", [{"unit_id": "N1", "hcfc22_t": 30000, "destroyed_t": 400000}]
        ),
    },
    "petrochemicals": {
        "carbon_after_above_before.json": _set("regeneration", "carbon_after_pct", 9)
    },
}


def write_csv_folder(folder: Path, data: dict[str, Any]) -> None:
    """The report as a CSV folder with a non-numeric fuel quantity in row 2 of fuel_use.csv."""
    folder.mkdir(parents=True)
    entity = {**data["entity"], "year": data["year"]}
    tables = {"entity": [entity], **{k: v for k, v in data.items() if isinstance(v, list)}}
    tables["fuel_use"][0] = {**tables["fuel_use"][0], "quantity": "一千"}
    for name, rows in tables.items():
        if not rows:
            continue
        keys = sorted({k for r in rows for k in r})
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, keys)
            writer.writeheader()
            writer.writerows(rows)


def main() -> None:
    for sector, base in BASES.items():
        folder = ROOT / sector
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for name, mutate in {**COMMON, **SPECIFIC[sector]}.items():
            data = copy.deepcopy(base)
            mutate(data)
            (folder / name).write_text(
                json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8"
            )
        write_csv_folder(folder / "csv_non_numeric", copy.deepcopy(base))


if __name__ == "__main__":
    main()
