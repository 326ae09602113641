"""Maintainer step: copy the operating China power units of GEM's trackers into the package.

Reads the shared, unmodified tracker extracts (outside the repository) and writes compact,
attributed subsets that `chinaets demo` and the national data set read at run time:

    .venv/bin/python scripts/make_power_subset.py [--shared ../shared/data/power]

Rows: status 'operating'. Coal (Global Coal Plant Tracker, July 2024): every operating unit.
Gas (Global Oil and Gas Plant Tracker, August 2024): operating units whose fuel is natural gas
or LNG (optionally with fuel oil as back-up) in combined-cycle, gas-turbine or unknown
technology; coalbed-methane, by-product gas and internal-combustion units are left out because
the 2023-2024 allocation plan does not cover them (rules reference §2.4). Columns are renamed
to snake case; values are copied unchanged. See src/chinaets/data/DATA_NOTICE.md.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "chinaets" / "data" / "power"

COAL_COLUMNS = {
    "GEM unit/phase ID": "gem_unit_id",
    "GEM location ID": "gem_location_id",
    "Plant name": "plant_name",
    "Plant name (local)": "plant_name_local",
    "Unit name": "unit_name",
    "Owner": "owner",
    "Parent": "parent",
    "Capacity (MW)": "capacity_mw",
    "Start year": "start_year",
    "Combustion technology": "combustion_technology",
    "Coal type": "coal_type",
    "Subnational unit (province, state)": "province",
    "Latitude": "latitude",
    "Longitude": "longitude",
    "Captive": "captive",
    "Captive industry use": "captive_industry_use",
    "Captive residential use": "captive_residential_use",
    "Capacity factor": "capacity_factor",
    "Heat rate (Btu per kWh)": "heat_rate_btu_per_kwh",
}
GAS_COLUMNS = {
    "project": "plant_name",
    "project_loc": "plant_name_local",
    "unit": "unit_name",
    "owner": "owner",
    "parent": "parent",
    "capacity": "capacity_mw",
    "start_year": "start_year",
    "technology": "technology",
    "fuel_type": "fuel_type",
    "province": "province",
    "lat": "latitude",
    "lng": "longitude",
}
GAS_FUELS = {
    "fossil gas: natural gas",
    "fossil gas: LNG",
    "fossil gas: natural gas, fossil gas: LNG",
    "fossil gas: natural gas, fossil liquids: fuel oil",
    "fossil gas: LNG, fossil liquids: fuel oil",
}
GAS_TECHNOLOGIES = {"combined cycle", "gas turbine", "unknown"}


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, rows: list[dict[str, str]], columns: dict[str, str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns.values())
        for row in rows:
            writer.writerow(row[c].strip() for c in columns)
    print(f"wrote {len(rows):,} rows to {path.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data" / "power")
    args = parser.parse_args()
    coal = _read(args.shared / "gem_gcpt_2024-07_china_units.csv")
    _write(
        OUT / "gcpt_china_operating_units.csv",
        [r for r in coal if r["Status"] == "operating"],
        COAL_COLUMNS,
    )
    gas = _read(args.shared / "gem_gogpt_2024-08_china_units.csv")
    _write(
        OUT / "gogpt_china_operating_gas_units.csv",
        [
            r
            for r in gas
            if r["status"] == "operating"
            and r["fuel_type"] in GAS_FUELS
            and r["technology"] in GAS_TECHNOLOGIES
        ],
        GAS_COLUMNS,
    )


if __name__ == "__main__":
    main()
