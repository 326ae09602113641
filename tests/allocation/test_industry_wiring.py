"""Industry accounting results feed allocation through `from_accounting`."""

from __future__ import annotations

import pytest

from chinaets.allocation import allocate
from chinaets.allocation.inputs import from_accounting, parse_input
from chinaets.core.errors import InputError
from chinaets.mrv.sectors import get_sector


def _accounted(sector: str, year: int = 2025) -> object:
    example = __import__(f"chinaets.mrv.{sector}.example", fromlist=["example_report"])
    spec = get_sector(sector)
    return spec.account(spec.parse(example.example_report(1, year), "x"))


@pytest.mark.parametrize("sector", ["cement", "aluminium"])
def test_industry_report_allocates_within_the_band(sector: str) -> None:
    inp = from_accounting(sector, None, _accounted(sector))
    with pytest.raises(InputError, match="solved over the whole sector"):
        allocate(inp)  # one document: BP must be given
    published = inp.model_copy(
        update={"balance_value": inp.lines[0].verified_tco2 / inp.lines[0].output_t}
    )
    result = allocate(published)
    assert abs(result.final_tco2 - result.verified_tco2) <= 0.03 * result.verified_tco2 + 1
    example = __import__(f"chinaets.mrv.{sector}.example", fromlist=["example_report"])
    data = example.example_report(1, 2024)
    assert allocate(parse_input(data)).surplus_tco2 == 0


def test_aluminium_perimeter_is_anode_and_anode_effect() -> None:
    """D25 Table 2-4: ⑤ = ② + ③; fuel combustion is reported beside it, outside the perimeter."""
    result = _accounted("aluminium")
    inp = from_accounting("aluminium", None, result)
    for line, process in zip(
        inp.lines, [p for p in result.processes if p.kind == "electrolysis"], strict=True
    ):  # type: ignore[attr-defined]
        assert line.verified_tco2 == pytest.approx(process.anode_tco2 + process.pfc_tco2e)
        assert line.fuel_tco2 == pytest.approx(process.fuel_tco2)
        assert line.verified_tco2 < process.total_tco2e or process.fuel_tco2 == 0


def test_steel_enterprise_carries_ironmaking_and_sintering() -> None:
    from chinaets.demo.steel_fleet import build_fleet

    report = next(r for r in build_fleet(2025, 1, 8)[1] if r.entity.route == "bf_bof")
    result = get_sector("steel").account(report)
    qb = {"enterprise": {"ironmaking_output_t": 1_000_000}}
    line = from_accounting("steel", None, result, line_values=qb).lines[0]
    assert line.ironmaking_tco2 and line.ironmaking_tco2 > 0
    assert line.sintering_tco2 is not None and line.ironmaking_output_t == 1_000_000


def test_steel_without_ironmaking_output_asks_for_it_and_the_fleet_gives_it() -> None:
    from chinaets.demo.steel_fleet import allocation_line_values, build_fleet

    report = next(r for r in build_fleet(2026, 1, 8)[1] if r.entity.route == "bf_bof")
    result = get_sector("steel").account(report)
    bare = from_accounting("steel", None, result)
    published = bare.model_copy(update={"balance_value": 1.5})
    with pytest.raises(InputError) as caught:
        allocate(published)
    assert caught.value.problems[0].where.field == "lines[0].ironmaking_output_t"
    given = from_accounting("steel", None, result, line_values=allocation_line_values(result))
    qb = given.lines[0].ironmaking_output_t
    assert qb and 0.5 * result.crude_steel_t < qb < 1.2 * result.crude_steel_t
    assert allocate(given.model_copy(update={"balance_value": 1.5})).final_tco2 > 0


def test_line_values_for_an_unknown_line_are_refused() -> None:
    with pytest.raises(InputError) as caught:
        from_accounting("cement", None, _accounted("cement"), line_values={"X9": {"new_line": 1}})
    problem = caught.value.problems[0]
    assert "X9" in problem.en and "X9" in problem.zh and problem.where.field == "line_id"


def test_plan_years_are_read_from_the_parameters() -> None:
    from chinaets.allocation.methods import METHODS
    from chinaets.allocation.rules import parameters

    for method in METHODS.values():
        first, last = method.plan_years
        values = parameters()[method.plan_year_parameter].values
        assert first == values[0].start.year and last == int(str(values[-1].value))
    assert METHODS["power_plan"].plan_years[0] < METHODS["industry_plan"].plan_years[0]
