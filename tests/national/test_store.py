"""The national power fleet in the read model, and the national summary read from it."""

from __future__ import annotations

import pytest

from chinaets.demo.check_figures import power_coverage
from chinaets.national.fleet_summary import national_summary
from chinaets.national.readmodel import Listing

from .conftest import YEAR, National


def test_summary_equals_the_sum_of_entity_results(national: National) -> None:
    summary = national_summary(national.model, YEAR, "power")
    direct = sum(r.direct_tco2 for r in national.results) / 1e6
    assert summary.total.mt_co2 == pytest.approx(direct, rel=1e-12)
    assert summary.total.entities == len(national.results)
    assert summary.total.units == sum(len(r.units) for r in national.results)
    assert sum(r.mt_co2 for r in summary.by_province) == pytest.approx(summary.total.mt_co2)
    assert sum(r.units for r in summary.by_category) == summary.total.units
    assert [r.key for r in summary.by_category] == ["I", "II", "III", "IV"]


def test_categories_are_those_the_fleet_was_built_with(national: National) -> None:
    """The read model's category comes from the allocation rule applied to the accounted unit
    (updates-2026 §3); the fleet assigned its own from the same rule."""
    built = {u.unit_id: u.category for e in national.entities for u in e.units}
    stored = national.model.all_rows("units", Listing(where={"year": YEAR})).rows
    agree = sum(1 for u in stored if built[u["unit_id"]] == u["category"])
    assert agree / len(stored) > 0.99


def test_total_lands_near_the_published_figure(national: National) -> None:
    summary = national_summary(national.model, YEAR, "power")
    check = power_coverage(YEAR)
    assert check.year == YEAR and "2,096" in check.source
    assert 0.85 < summary.total.mt_co2 / check.covered_mt < 1.15
    assert 1000 < summary.total.capacity_gw < 1400


def test_monthly_fuel_emissions_add_up_to_the_units(national: National) -> None:
    rows = national.model.rows(
        "SELECT sum(value) / 1e6 AS mt FROM monthly_values WHERE year = $year "
        "AND variable LIKE 'emissions|%'",
        {"year": YEAR},
    )
    total = national_summary(national.model, YEAR, "power").total.mt_co2
    assert rows[0]["mt"] == pytest.approx(total, rel=1e-9)
    duplicates = national.model.rows(
        "SELECT credit_code, unit_id, month, variable, count(*) AS n FROM monthly_values "
        "GROUP BY credit_code, unit_id, month, variable HAVING count(*) > 1 LIMIT 5"
    )
    assert duplicates == []


def test_check_figure_of_a_later_year_falls_back() -> None:
    assert power_coverage(2026).year == 2023
    assert power_coverage(2021).covered_gt == pytest.approx(5.094)
