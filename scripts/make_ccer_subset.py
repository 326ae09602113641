"""Maintainer step: copy China's CDM power projects (as processed by WRI's Global Power Plant
Database) into the package as the legacy-project list of the CCER module.

Reads the shared, unmodified extract (outside the repository) and writes a compact subset:

    .venv/bin/python scripts/make_ccer_subset.py [--shared ../shared/data/ccer]

Rows: every row (all are China, source "Clean Development Mechanism"). Columns kept: the GPPD
id, project name, capacity (MW), latitude, longitude and primary fuel, renamed to snake case;
values unchanged (an empty fuel stays empty). See src/chinaets/data/DATA_NOTICE.md.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "chinaets" / "data" / "ccer" / "cdm_power_projects_china.csv"
SOURCE = "gppd_cdm_power_projects_china.csv"
COLUMNS = {
    "gppd_idnr": "gppd_id",
    "name": "name",
    "capacity_mw": "capacity_mw",
    "latitude": "latitude",
    "longitude": "longitude",
    "fuel1": "fuel",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data" / "ccer")
    args = parser.parse_args()
    with (args.shared / SOURCE).open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["country"] == "CHN"]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMNS.values()), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({new: row[old] for old, new in COLUMNS.items()})
    print(f"{len(rows)} CDM power projects -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
