"""Determination over a sector: the balance value BP solves the plan's equation (D25 §三(二)2),
special cases stay outside the solve, and a province keeps its own entities under the national BP."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chinaets.allocation.balance import BalancePoint, alpha, solve, total_allocation
from chinaets.allocation.determination import balance_points, determine
from chinaets.allocation.schema import AllocationInput
from chinaets.core.errors import InputError
from chinaets.core.ids import credit_code_check_char

TERMS = {"slope": 0.15, "lower": -0.20, "upper": 0.20, "alpha_limit": 0.03}


def code(n: int) -> str:
    body = f"91370000MA{n:07d}"
    return body + credit_code_check_char(body)


def entity_input(n: int, sector: str, lines: list[dict[str, Any]], province: str = "山东",
                 year: int = 2026) -> AllocationInput:  # fmt: skip
    return AllocationInput.model_validate({
        "sector": sector, "year": year, "lines": lines,
        "entity": {"credit_code": code(n), "name": f"企业{n}", "province": province},
    })  # fmt: skip


line = st.fixed_dictionaries({
    "verified_tco2": st.integers(30_000, 5_000_000).map(float),
    "intensity": st.floats(0.5, 1.5),
})  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(line, min_size=1, max_size=3), min_size=1, max_size=25))
def test_solved_balance_makes_allocation_equal_verified(
    entities: list[list[dict[str, float]]],
) -> None:
    inputs = [
        entity_input(n, "cement", [{"line_id": f"L{k}", "verified_tco2": x["verified_tco2"],
                                    "output_t": x["verified_tco2"] / x["intensity"]}
                                   for k, x in enumerate(lines)])
        for n, lines in enumerate(entities)
    ]  # fmt: skip
    d = determine(inputs, 2026)
    units = sum(len(e) for e in entities)
    allocated = sum(e.final_tco2 for e in d.entities)
    verified = sum(e.obligation_tco2 for e in d.entities)
    assert 0 <= verified - allocated <= units  # each line floors by less than one tonne
    solution = d.balances["cement"]
    assert solution.allocation_tco2 == pytest.approx(solution.verified_tco2, rel=1e-9)


def test_two_units_worked_by_hand() -> None:
    """E = 1,000,000 at I = 0.8 and E = 1,000,000 at I = 1.0: inside the band,
    Σ E·0.15·(BP − I)/BP = 0 → 2 BP = 1.8 → BP = 0.9; X = ±11.1 %, α = ±1.667 %."""
    points = [BalancePoint(1_000_000, 0.8), BalancePoint(1_000_000, 1.0)]
    solution = solve("cement", 2026, points, TERMS)
    assert solution.balance_value == pytest.approx(0.9, rel=1e-12)
    assert alpha((0.9 - 0.8) / 0.9, TERMS) == pytest.approx(0.0166667, abs=1e-7)


def test_outside_the_band_counts_at_the_caps() -> None:
    """One unit far better (X ≥ 20 % → 1.03 E) balances one far worse (X ≤ −20 % → 0.97 E) of the
    same emissions: any BP between the two edges solves it; the total is exact at the solution."""
    points = [BalancePoint(500_000, 0.5), BalancePoint(500_000, 2.0)]
    solution = solve("aluminium", 2026, points, TERMS)
    assert total_allocation(points, solution.balance_value, TERMS) == pytest.approx(1_000_000)


def test_special_cases_stay_outside_the_solve() -> None:
    normal = [{"line_id": "L1", "verified_tco2": 800_000.0, "output_t": 1_000_000.0}]
    white = [{"line_id": "W1", "verified_tco2": 300_000.0, "output_t": 100_000.0,
              "clinker_type": "white_portland", "white_clinker_only": True}]  # fmt: skip
    small = [{"line_id": "S1", "verified_tco2": 20_000.0, "output_t": 5_000.0}]
    inputs = [entity_input(1, "cement", normal), entity_input(2, "cement", white),
              entity_input(3, "cement", small)]  # fmt: skip
    assert [pt.intensity for pt in balance_points(inputs)] == [0.8]
    d = determine(inputs, 2026)
    assert d.balances["cement"].balance_value == pytest.approx(0.8)
    assert [e.final_tco2 for e in d.entities] == [800_000, 300_000, 20_000]


def test_province_keeps_its_entities_under_the_national_balance_value() -> None:
    lines = [[{"line_id": "L1", "verified_tco2": 1e6, "output_t": 1e6 / i}] for i in (0.8, 1.0)]
    inputs = [
        entity_input(1, "cement", lines[0], "山东"),
        entity_input(2, "cement", lines[1], "河北"),
    ]
    national = determine(inputs, 2026)
    shandong = determine(inputs, 2026, province="山东")
    assert [e.province for e in shandong.entities] == ["Shandong"]
    assert shandong.balance_value("cement") == national.balance_value("cement")
    published = determine(inputs[:1], 2026, province="山东", balances={"cement": 0.9})
    assert published.entities[0].final_tco2 == national.entities[0].final_tco2


def test_sector_without_units_in_the_solve_is_refused() -> None:
    only_special = [entity_input(1, "cement", [{"line_id": "N1", "verified_tco2": 5e5,
                                                "output_t": 6e5, "new_line": True}])]  # fmt: skip
    with pytest.raises(InputError, match="balance value cannot be solved"):
        determine(only_special, 2026)


@pytest.mark.parametrize(("args", "message"), [
    ({"year": 2025}, "no verified results for data year 2025"),
    ({"year": 2026, "province": "Atlantis"}, "is not a province of mainland China"),
])  # fmt: skip
def test_bad_determination_requests_are_clear(args: dict[str, Any], message: str) -> None:
    inputs = [entity_input(1, "cement", [{"line_id": "L1", "verified_tco2": 5e5, "output_t": 6e5}])]
    with pytest.raises(InputError, match=message) as caught:
        determine(inputs, **args)
    assert "请" in str(caught.value)  # and the fix in Chinese


def test_steel_without_its_ironmaking_output_stops_the_solve_naming_the_field() -> None:
    steel = [entity_input(1, "steel", [{"line_id": "S1", "verified_tco2": 2e6, "output_t": 1e6}])]
    with pytest.raises(
        InputError, match=r"企业1 91370000MA0000001.*lines\[0\].ironmaking_output_t"
    ):
        determine(steel, 2026)
