"""The shipped subset of GEM's trackers: present, attributed, and read only from the package."""

from __future__ import annotations

import csv
from pathlib import Path

from chinaets.demo.gem_units import COAL_FILE, GAS_FILE, fleet_units

ROOT = Path(__file__).resolve().parents[2]
NOTICE = ROOT / "src" / "chinaets" / "data" / "DATA_NOTICE.md"


def test_subset_has_the_operating_china_units() -> None:
    with COAL_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 3168
    assert {"gem_unit_id", "capacity_mw", "coal_type", "heat_rate_btu_per_kwh"} <= set(rows[0])
    assert len({r["gem_unit_id"] for r in rows}) == len(rows)
    assert GAS_FILE.exists()


def test_data_notice_attributes_the_source() -> None:
    text = NOTICE.read_text(encoding="utf-8")
    assert "Global Coal Plant Tracker, Global Energy Monitor, July 2024 release." in text
    assert "CC BY 4.0" in text
    assert "gcpt_china_operating_units.csv" in text
    assert "src/chinaets/data/DATA_NOTICE.md" in (ROOT / "DATA_NOTICE.md").read_text(
        encoding="utf-8"
    )


def test_package_never_reads_the_shared_folder() -> None:
    patterns = ("shared/data", "../shared", '"shared"')
    sources = (ROOT / "src" / "chinaets").rglob("*.py")
    assert not [p for p in sources if any(s in p.read_text(encoding="utf-8") for s in patterns)]


def test_units_map_to_guideline_terms() -> None:
    units = fleet_units()
    assert len({u.unit_id for u in units}) == len(units)
    assert {u.category for u in units} == {"I", "II", "III", "IV"}
    assert all(u.category == "III" for u in units if u.fuel in ("coal_gangue", "coal_slime"))
    assert all(
        u.category == "I"
        for u in units
        if u.fuel == "bituminous" and u.rated_mw >= 400 and not u.cfb
    )
    # GEM heat rates (Btu/kWh, gross) become plausible net GJ/MWh
    assert all(6.0 < u.heat_rate_gj_per_mwh < 14.0 for u in units)
