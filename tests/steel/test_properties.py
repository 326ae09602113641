"""Property tests of the steel mass balance (hypothesis): the terms add up, deductions and
exclusions move the total by exactly their own amount, and unit conversions round-trip."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from chinaets.core.rounding import round_half_up
from chinaets.mrv.industry.units import NCV_UNITS, ncv_from_canonical, ncv_to_canonical
from chinaets.mrv.steel.accounting import account
from chinaets.mrv.steel.checks import check
from chinaets.mrv.steel.loader import parse_report
from chinaets.mrv.steel.results import EntityResult

ENTITY = {"credit_code": "91130000MA0C7E1NXA", "name": "性质测试钢铁", "province": "河北"}
FUELS = ["washed_coking_coal", "bituminous", "coke", "natural_gas", "blast_furnace_gas"]
MATERIALS = ["limestone", "dolomite", "electrode", "scrap", "pig_iron", "ferrosilicon", "fluorspar"]
PRODUCTS = ["pig_iron", "crude_benzene", "tar"]

quantity = st.floats(min_value=0, max_value=200_000, allow_nan=False).map(lambda x: round(x, 2))
month = st.integers(min_value=1, max_value=12)


def _rows(keys: st.SearchStrategy[tuple[Any, ...]], make: Any) -> st.SearchStrategy[list[Any]]:
    return st.lists(keys, max_size=6, unique=True).flatmap(
        lambda ks: st.tuples(*(make(*k) for k in ks)).map(list)
    )


fuel_rows = _rows(
    st.tuples(month, st.sampled_from(FUELS)),
    lambda m, f: st.builds(
        lambda p, s, k: {"month": m, "fuel": f, "purchased": p, "sold": s, "stock_increase": k},
        quantity, quantity, quantity.map(lambda x: -x / 10),
    ),
)  # fmt: skip
material_rows = _rows(
    st.tuples(month, st.sampled_from(MATERIALS)),
    lambda m, c: quantity.map(lambda q: {"month": m, "material": c, "quantity": q}),
)
product_rows = _rows(
    st.tuples(month, st.sampled_from(PRODUCTS)),
    lambda m, c: quantity.map(lambda q: {"month": m, "product": c, "quantity": q / 20}),
)
flow_rows = _rows(
    st.tuples(st.sampled_from(["CK", "BF"]), month, st.sampled_from(FUELS), st.sampled_from(["in", "out"])),
    lambda p, m, f, d: quantity.map(
        lambda q: {"process_id": p, "month": m, "fuel": f, "direction": d, "quantity": q}
    ),
)  # fmt: skip
unit_rows = _rows(
    st.tuples(st.sampled_from(["P1", "P2"]), month, st.sampled_from(FUELS)),
    lambda u, m, f: quantity.map(lambda q: {"unit_id": u, "month": m, "fuel": f, "quantity": q}),
)


@st.composite
def reports(draw: st.DrawFn) -> dict[str, Any]:
    crude = draw(st.floats(min_value=10_000, max_value=2_000_000).map(lambda x: round(x, 2)))
    return {
        "year": draw(st.sampled_from([2024, 2025])),
        "entity": {**ENTITY, "route": draw(st.sampled_from(["bf_bof", "eaf"]))},
        "processes": [{"process_id": "CK", "process": "coking"}, {"process_id": "BF", "process": "ironmaking"}],
        "power_units": [{"unit_id": "P1"}, {"unit_id": "P2", "covered_by_power_sector": draw(st.booleans())}],
        "fuels": draw(fuel_rows),
        "materials": draw(material_rows),
        "products": [{"month": 1, "product": "crude_steel", "quantity": crude}, *draw(product_rows)],
        "process_flows": draw(flow_rows),
        "unit_fuels": draw(unit_rows),
    }  # fmt: skip


def run(data: dict[str, Any]) -> EntityResult:
    return account(parse_report(data, "property"))


@settings(max_examples=60, deadline=None)
@given(reports())
def test_terms_add_up(data: dict[str, Any]) -> None:
    r = run(data)
    parts = r.fuel_tco2 + r.carbonate_tco2 + r.electrode_tco2 + r.material_tco2 - r.product_tco2
    assert abs(r.enterprise_tco2 - parts) < 0.006
    assert abs(r.enterprise_tco2 - (r.process_tco2 + r.unit_tco2 + r.other_tco2)) < 0.006
    assert abs(r.process_tco2 - sum(p.tco2 for p in r.processes)) < 0.006
    assert r.obligation_tco2 == int(round_half_up(r.enterprise_tco2, 0))


@settings(max_examples=40, deadline=None)
@given(reports(), st.floats(min_value=1, max_value=100_000).map(lambda x: round(x, 2)))
def test_more_crude_steel_deducts_exactly_its_carbon(data: dict[str, Any], extra: float) -> None:
    before = run(data)
    data["products"].append({"month": 12, "product": "crude_steel", "quantity": extra})
    after = run(data)
    crude_line = {m.code: m for m in before.products}["crude_steel"]
    deducted = round_half_up((crude_line.quantity + extra) * 0.037, 2) - crude_line.tco2
    assert abs((before.enterprise_tco2 - after.enterprise_tco2) - deducted) < 0.011


@settings(max_examples=40, deadline=None)
@given(reports())
def test_a_covered_units_fuel_leaves_the_boundary(data: dict[str, Any]) -> None:
    """Covering P2 by the power sector moves its fuel's carbon out of the enterprise and leaves
    the in-boundary units' total unchanged."""
    data["power_units"][1]["covered_by_power_sector"] = False
    inside = run(data)
    data["power_units"][1]["covered_by_power_sector"] = True
    covered = run(data)
    p2 = {u.unit_id: u for u in inside.units}["P2"]
    assert abs(inside.unit_tco2 - p2.tco2 - covered.unit_tco2) < 0.011
    assert covered.enterprise_tco2 <= inside.enterprise_tco2 + 0.011


@settings(max_examples=40, deadline=None)
@given(reports())
def test_a_negative_enterprise_total_never_passes_without_a_finding(data: dict[str, Any]) -> None:
    report = parse_report(data, "property")
    result = account(report)
    if result.enterprise_tco2 < 0:
        assert any(f.severity in ("error", "warning") for f in check(report, result))


@given(
    st.sampled_from(sorted(NCV_UNITS)),
    st.floats(min_value=1e-3, max_value=1e6, allow_nan=False, allow_infinity=False),
)
def test_calorific_value_conversions_round_trip(unit: str, value: float) -> None:
    back = ncv_from_canonical(ncv_to_canonical(value, unit), unit)
    assert abs(back - value) <= 1e-9 * value


@settings(max_examples=30, deadline=None)
@given(st.floats(min_value=20.0, max_value=28.0).map(lambda x: round(x, 3)))
def test_a_value_in_kcal_accounts_as_the_same_value_in_gj(gj_per_t: float) -> None:
    def with_sample(value: float, unit: str) -> float:
        data = {
            "year": 2024,
            "entity": {**ENTITY, "route": "bf_bof"},
            "fuels": [{"month": 1, "fuel": "bituminous", "purchased": 100_000}],
            "ncv_samples": [{"month": 1, "fuel": "bituminous", "ncv": value, "ncv_unit": unit}],
            "products": [{"month": 1, "product": "crude_steel", "quantity": 50_000}],
        }
        return run(data).enterprise_tco2

    kcal = ncv_from_canonical(gj_per_t, "kcal/kg")
    assert abs(with_sample(gj_per_t, "GJ/t") - with_sample(kcal, "kcal/kg")) < 0.011
