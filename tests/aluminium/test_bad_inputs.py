"""The aluminium bad-input corpus: every file is rejected with a located, bilingual message that
says how to fix it, and `chinaets account --out` writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from chinaets.core.errors import InputError
from chinaets.mrv.aluminium.loader import load_report
from industry.bad_input_helpers import assert_cli_writes_nothing, assert_located_bilingual

BAD = Path(__file__).parent / "bad_inputs"
EXPECTED = {
    "aem_on_other_process.json": "'B1' is not an electrolysis process",
    "batches_without_mass.json": "received_t",
    "calibration_of_unknown_meter.json": "meter 'X1' is not in the meters table",
    "csv_month_0": "anode_effects.csv, row 2, field month",
    "duplicate_output_month.json": "a second row for (E1, 1)",
    "empty_anode_row.json": "gives no anode data",
    "entity_missing_name.json": "entity.name",
    "gwp_set_ar4.json": "must be one of 'AR5' or 'SAR'",
    "net_anode_in_kg.json": "is above the maximum 1.0",
    "output_over_capacity.json": "is impossible for a process of 300,000 t/a",
    "sulphur_over_10_pct.json": "sulphur_pct",
    "unknown_carbonate.json": "'limestone' or 'dolomite'",
    "unknown_process.json": "'E9' is not in the processes table",
    "year_2023.json": "below the minimum 2024",
}


def test_the_corpus_is_complete() -> None:
    assert sorted(p.name for p in BAD.iterdir()) == sorted(EXPECTED)
    assert len(EXPECTED) >= 10


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input_is_rejected_with_place_and_fix(name: str) -> None:
    with pytest.raises(InputError) as caught:
        load_report(BAD / name)
    assert_located_bilingual(caught.value, BAD / name, EXPECTED[name])


@pytest.mark.parametrize(
    "name", ["output_over_capacity.json", "csv_month_0", "unknown_process.json"]
)
def test_account_writes_nothing_on_bad_input(name: str, tmp_path: Path) -> None:
    assert_cli_writes_nothing(BAD / name, "aluminium", tmp_path / "out.xlsx")
