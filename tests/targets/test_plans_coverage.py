"""S&T plan, adaptation progress tables and market coverage."""

from __future__ import annotations

import pytest

from chinaets.national.targets import coverage, plans


def test_st_plan_has_ten_actions_and_both_goal_years() -> None:
    plan = plans.st_plan()
    assert [a["n"] for a in plan["actions"]] == list(range(1, 11))
    assert all(a["zh"] and a["en"] and a["areas"] for a in plan["actions"])
    assert {g["year"] for g in plan["goals"]} == {2025, 2030}


def test_st_rows_are_honest_about_what_is_qualitative() -> None:
    rows = plans.st_plan_rows({"co2_per_gdp_2025": "CO2 per GDP 2025: missed"})
    assert [r.measure for r in rows].count("qualitative") == 2
    enterprises = next(r for r in rows if r.measure == "quantitative")
    assert enterprises.target == 500 and enterprises.latest is None
    assert "CO2 per GDP 2025: missed" in rows[0].latest_note


def test_adaptation_progress_rows() -> None:
    rows = plans.adaptation_rows()
    provinces = [r for r in rows if r.measure == "proxy"]
    assert [r.latest for r in provinces] == [24, 31]
    assert provinces[-1].share == pytest.approx(31 / 32)
    assert any(r.measure == "qualitative" and r.latest is None for r in rows)
    assert all(r.source for r in rows)


def test_coverage_against_national_co2() -> None:
    year, national = coverage.national_co2_mt()
    assert year == 2023 and national == pytest.approx(11902.5, abs=0.1)
    rows = {r.key: r for r in coverage.coverage_rows((40, 147.6))}
    assert rows["market"].entities == 3378
    assert rows["market"].share_pct == pytest.approx(67.2, abs=0.1)  # "more than 60 %"
    assert rows["power"].share_pct == pytest.approx(43.7, abs=0.1)
    assert rows["demo_power"].emissions_mt == 147.6
