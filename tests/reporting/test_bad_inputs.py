"""The reporting sectors' bad-input corpora (tests/reporting/bad_inputs/<sector>/, written by
make_bad_inputs.py): every file is rejected with a located, bilingual message that says how to
fix it, and `chinaets account --out` writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from chinaets.core.errors import InputError
from chinaets.mrv.sectors import get_sector
from industry.bad_input_helpers import assert_cli_writes_nothing, assert_located_bilingual

BAD = Path(__file__).parent / "bad_inputs"
COMMON = {
    "bad_credit_code.json": "entity.credit_code",
    "csv_non_numeric": "fuel_use.csv, row 2, field quantity",
    "duplicate_facility.json": "a second row for",
    "duplicate_fuel_row.json": "a second row for",
    "ncv_in_kcal_per_kg.json": "fuel_use[0].ncv: is above the maximum",
    "ncv_unit_mistake.json": "is far from the default",
    "negative_fuel.json": "is below the minimum 0",
    "no_facilities.json": "needs at least one row",
    "unknown_facility.json": "'X9' is not in the facilities table",
    "unknown_fuel.json": "'coal' is not a fuel of the default table",
    "unknown_product.json": "'widgets' is not a product of this sector",
    "unknown_province.json": "not a province of mainland China",
    "wrong_sector.json": "field sector: must be one of",
    "year_1999.json": "field year: is below the minimum 2013",
}
SPECIFIC = {
    "flat_glass": {
        "carbon_over_100_pct.json": "carbon_powder[0].carbon_pct: is above the maximum",
        "unknown_carbonate.json": "'chalk' is not a carbonate",
    },
    "copper": {"unknown_reductant.json": "'charcoal' is not a reducing agent"},
    "paper": {"cod_swapped.json": "exceeds inlet COD"},
    "aviation": {
        "unknown_aircraft.json": "'C999' is not an aircraft type",
        "airline_without_flights.json": "an airline's report needs its flights",
    },
    "chemicals": {
        "unknown_nitric_process.json": "nitric_acid[0].process",
        "hfc23_destroyed_in_kg.json": "HFC-23 recovered and destroyed",
    },
    "petrochemicals": {"carbon_after_above_before.json": "exceeds carbon before"},
}
CASES = [(s, name) for s in SPECIFIC for name in sorted({**COMMON, **SPECIFIC[s]})]


@pytest.mark.parametrize("sector", sorted(SPECIFIC))
def test_each_corpus_is_complete(sector: str) -> None:
    expected = {**COMMON, **SPECIFIC[sector]}
    assert sorted(p.name for p in (BAD / sector).iterdir()) == sorted(expected)
    assert len(expected) >= 10


@pytest.mark.parametrize(("sector", "name"), CASES)
def test_bad_input_is_rejected_with_place_and_fix(sector: str, name: str) -> None:
    with pytest.raises(InputError) as caught:
        get_sector(sector).load(BAD / sector / name, None)
    assert_located_bilingual(
        caught.value, BAD / sector / name, {**COMMON, **SPECIFIC[sector]}[name]
    )


@pytest.mark.parametrize("sector", sorted(SPECIFIC))
def test_account_writes_nothing_on_bad_input(sector: str, tmp_path: Path) -> None:
    assert_cli_writes_nothing(BAD / sector / "unknown_facility.json", sector, tmp_path / "o.xlsx")
