"""Write the steel bad-input corpus from ../good_report.json, one mutation per file (run once;
the files are committed). Each file breaks exactly one rule; expected.yaml says where and how."""

from __future__ import annotations

import copy
import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
GOOD: dict[str, Any] = json.loads((HERE.parent / "good_report.json").read_text(encoding="utf-8"))

Mutation = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Mutation:
    def apply(data: dict[str, Any]) -> None:
        *head, last = path.split(".")
        target: Any = data
        for step in head:
            target = target[int(step)] if step.isdigit() else target[step]
        target[int(last) if last.isdigit() else last] = value

    return apply


def _append(table: str, row: dict[str, Any]) -> Mutation:
    return lambda data: data[table].append(row)


MUTATIONS: dict[str, Mutation] = {
    "unknown_fuel.json": _set("fuels.2.fuel", "steam_coal"),
    "unknown_process.json": _set("process_flows.3.process_id", "BF9"),
    "unknown_power_unit.json": _set("unit_fuels.1.unit_id", "P7"),
    "duplicate_fuel_month.json": _append(
        "fuels", {"month": 1, "fuel": "bituminous", "purchased": 10}
    ),
    "duplicate_process_id.json": _append(
        "processes", {"process_id": "BF1", "process": "sintering"}
    ),
    "no_crude_steel.json": _set("products", [{"month": 2, "product": "tar", "quantity": 5000}]),
    "year_2023.json": _set("year", 2023),
    "unknown_route.json": _set("entity.route", "long_process"),
    "negative_purchase.json": _set("fuels.0.purchased", -130000),
    "material_month_13.json": _set("materials.1.month", 13),
    "slag_as_product.json": _append("products", {"month": 1, "product": "slag", "quantity": 90000}),
    "gas_ncv_per_kg.json": _append(
        "ncv_samples", {"month": 1, "fuel": "blast_furnace_gas", "ncv": 780, "ncv_unit": "kcal/kg"}
    ),
    "ncv_kcal_as_gj.json": _set("ncv_samples.0.ncv", 5760),
    "crude_steel_in_kg.json": _set("products.0.quantity", 280000000),
    "unknown_direction.json": _set("process_flows.1.direction", "output"),
}


def _write_csv_folder(name: str, data: dict[str, Any], mutate: Callable[[Path], None]) -> None:
    folder = HERE / name
    folder.mkdir(exist_ok=True)
    entity = {**data["entity"], "year": data["year"]}
    tables = {"entity": [entity], **{k: v for k, v in data.items() if isinstance(v, list)}}
    for table, rows in tables.items():
        keys = list(dict.fromkeys(k for row in rows for k in row))
        with (folder / f"{table}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, keys)
            writer.writeheader()
            writer.writerows(rows)
    mutate(folder)


def _rename_column(folder: Path) -> None:
    path = folder / "materials.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("quantity", "amount_t", 1), "utf-8")


def _text_in_number(folder: Path) -> None:
    path = folder / "fuels.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("38000", "38000 t", 1), "utf-8")


def main() -> None:
    for name, mutate in MUTATIONS.items():
        data = copy.deepcopy(GOOD)
        mutate(data)
        text = json.dumps(data, ensure_ascii=False, indent=2)
        (HERE / name).write_text(text + "\n", encoding="utf-8")
    _write_csv_folder("csv_unknown_column", copy.deepcopy(GOOD), _rename_column)
    _write_csv_folder("csv_text_in_number", copy.deepcopy(GOOD), _text_in_number)


if __name__ == "__main__":
    main()
