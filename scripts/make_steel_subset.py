"""Maintainer step: copy the operating China steel plants of GEM's Global Iron and Steel Tracker
into the package.

Reads the shared, unmodified tracker extract (outside the repository) and writes a compact,
attributed subset that the demo's steel fleet (`chinaets.national.steel_fleet`) reads:

    .venv/bin/python scripts/make_steel_subset.py [--shared ../shared/data/steel]

Rows: plant status 'operating' or 'operating-pre-retirement' with an operating crude steel,
BOF, EAF or iron capacity. Columns: 19 of 92, renamed to snake case; values copied unchanged.
See src/chinaets/data/DATA_NOTICE.md.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "chinaets" / "data" / "steel" / "gem_gist_china_operating_plants.csv"
SOURCE = "gem_gist_2025-03_china_plants.csv"
STATUSES = ("operating", "operating-pre-retirement")

COLUMNS = {
    "plant-id": "plant_id",
    "plant-name-(english)": "plant_name",
    "plant-name-(other-language)": "plant_name_local",
    "owner": "owner",
    "parent": "parent",
    "subnational-unit-(province/state)": "province",
    "plant-status": "status",
    "start-date": "start_date",
    "main-production-equipment": "main_equipment",
    "operating-nominal-crude-steel-capacity-(ttpa)": "crude_steel_ttpa",
    "operating-nominal-bof-steel-capacity-(ttpa)": "bof_ttpa",
    "operating-nominal-eaf-steel-capacity-(ttpa)": "eaf_ttpa",
    "operating-other/unspecified-steel-capacity-(ttpa)": "other_steel_ttpa",
    "operating-nominal-iron-capacity-(ttpa)": "iron_ttpa",
    "operating-nominal-bf-capacity-(ttpa)": "bf_ttpa",
    "operating-nominal-dri-capacity-(ttpa)": "dri_ttpa",
    "coordinates": "coordinates",
    "coordinate-accuracy": "coordinate_accuracy",
    "gem-wiki-page": "gem_wiki_page",
}
CAPACITIES = ("crude_steel_ttpa", "bof_ttpa", "eaf_ttpa", "iron_ttpa")


def _has_capacity(row: dict[str, str]) -> bool:
    def number(text: str) -> float:
        try:
            return float(text)
        except ValueError:
            return 0.0

    return any(number(row[c]) > 0 for c in CAPACITIES)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data" / "steel")
    args = parser.parse_args()
    with (args.shared / SOURCE).open(encoding="utf-8", newline="") as handle:
        rows = [{new: row[old] for old, new in COLUMNS.items()} for row in csv.DictReader(handle)]
    kept = [r for r in rows if r["status"] in STATUSES and _has_capacity(r)]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(COLUMNS.values()))
        writer.writeheader()
        writer.writerows(kept)
    print(f"{len(kept)} of {len(rows)} plants written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
