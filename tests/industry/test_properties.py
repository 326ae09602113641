"""Properties: unit conversions round-trip; cement deductions never make process emissions
negative, and whenever they exceed the clinker emissions a finding says so."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from chinaets.mrv.cement import accounting, checks, loader
from chinaets.mrv.cement.schema import materials
from chinaets.mrv.industry import units

VALUES = st.floats(1e-6, 1e7, allow_nan=False, allow_infinity=False)


@given(value=VALUES, unit=st.sampled_from(sorted(units.NCV_UNITS)))
def test_ncv_conversion_round_trips(value: float, unit: str) -> None:
    back = units.ncv_from_canonical(units.ncv_to_canonical(value, unit), unit)
    assert math.isclose(back, value, rel_tol=1e-12)


@given(value=VALUES)
def test_mass_energy_and_share_conversions_round_trip(value: float) -> None:
    assert math.isclose(units.gj_to_tce(units.tce_to_gj(value)), value, rel_tol=1e-12)
    assert math.isclose(units.t_to_kg(units.kg_to_t(value)), value, rel_tol=1e-12)
    assert math.isclose(units.fraction_to_pct(units.pct_to_fraction(value)), value, rel_tol=1e-12)


def test_kcal_per_kg_matches_the_guideline_note() -> None:
    assert math.isclose(units.ncv_to_canonical(5000, "kcal/kg"), 20.934)  # 5,000 × 4.1868 kJ
    assert math.isclose(units.tce_to_gj(1), 29.3076)


ROWS = st.lists(
    st.tuples(st.sampled_from(sorted(materials())), st.floats(0, 3e5)), min_size=0, max_size=4
)


@settings(max_examples=60, deadline=None)
@given(clinker=st.floats(0, 3e5), alternatives=ROWS)
def test_deductions_never_go_negative_without_a_finding(
    clinker: float, alternatives: list[tuple[str, float]]
) -> None:
    data = {
        "year": 2024,
        "entity": {"credit_code": "91370000MA3C5EJ50G", "name": "示例", "province": "山东"},
        "lines": [{"unit_id": "L1", "capacity_t_per_day": 10000}],
        "fuel_use": [{"unit_id": "L1", "month": 1, "fuel": "bituminous", "quantity": 1000}],
        "clinker_output": [{"unit_id": "L1", "month": 1, "quantity_t": clinker}],
        "alt_raw_materials": [
            {"unit_id": "L1", "month": 1, "material": m, "quantity_t": q}
            for m, q in dict(alternatives).items()
        ],
    }
    report = loader.parse_report(data)
    result = accounting.account(report)
    process = result.lines[0].process
    assert process.tco2 >= 0
    floored = any(f.code == "CEM-DEDUCTION-EXCEEDS" for f in checks.check(report, result))
    assert floored == (process.deducted_tco2 > process.gross_tco2)
    if not floored:
        assert math.isclose(process.tco2, process.gross_tco2 - process.deducted_tco2, abs_tol=0.011)
