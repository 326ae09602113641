"""The cement bad-input corpus: every file is rejected with a located, bilingual message that
says how to fix it, and `chinaets account --out` writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from chinaets.core.errors import InputError
from chinaets.mrv.cement.loader import load_report
from industry.bad_input_helpers import assert_cli_writes_nothing, assert_located_bilingual

BAD = Path(__file__).parent / "bad_inputs"
EXPECTED = {
    "bad_credit_code.json": "entity.credit_code",
    "calibration_interval_60_months.json": "calibration_interval_months",
    "clinker_in_kg.json": "is impossible for a 5,000 t/d line",
    "composition_missing_2020.json": "uses the composition method",
    "csv_non_numeric": "clinker_output.csv, row 2, field quantity_t",
    "duplicate_line.json": "a second row for (L1)",
    "gas_ncv_per_kg.json": "cannot be in kcal/kg",
    "meter_not_listed.json": "meter 'M9' is not in the meters table",
    "month_13.json": "months are numbered 1 to 12",
    "ncv_kcal_given_as_gj.json": "ncv_unit",
    "negative_clinker.json": "is below the minimum 0",
    "noncarbonate_exceeds.json": "exceeds the clinker's CaO",
    "unknown_fuel.json": "'coal' is not a fuel of Table A.1",
    "unknown_line.json": "'L9' is not in the lines table",
    "unknown_material.json": "not an alternative raw material",
    "wrong_sector.json": "must be one of 'cement'",
}


def test_the_corpus_is_complete() -> None:
    assert sorted(p.name for p in BAD.iterdir()) == sorted(EXPECTED)
    assert len(EXPECTED) >= 10


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input_is_rejected_with_place_and_fix(name: str) -> None:
    with pytest.raises(InputError) as caught:
        load_report(BAD / name)
    assert_located_bilingual(caught.value, BAD / name, EXPECTED[name])


@pytest.mark.parametrize("name", ["clinker_in_kg.json", "csv_non_numeric", "unknown_line.json"])
def test_account_writes_nothing_on_bad_input(name: str, tmp_path: Path) -> None:
    assert_cli_writes_nothing(BAD / name, "cement", tmp_path / "out.xlsx")
