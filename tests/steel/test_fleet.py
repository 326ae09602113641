"""The demo's steel fleet: real plants, synthetic but valid and plausible reports, reproducible."""

from __future__ import annotations

from chinaets.demo.steel_fleet import (
    build_fleet,
    fleet_totals,
    steel_plants,
    synthesise_report,
)
from chinaets.mrv.steel.accounting import account
from chinaets.mrv.steel.checks import check


def test_the_packaged_plant_list_has_both_routes() -> None:
    plants = steel_plants()
    assert len(plants) > 250
    assert {p.route for p in plants} == {"bf_bof", "eaf"}


def test_reports_are_valid_and_accounted_without_errors() -> None:
    plants, reports = build_fleet(2025, limit=25)
    assert len(reports) == 25
    for plant, report in zip(plants, reports, strict=True):
        result = account(report)
        assert result.route == plant.route
        assert result.crude_steel_t > 0
        assert not [f for f in check(report, result) if f.severity == "error"]


def test_intensities_follow_the_route() -> None:
    _, reports = build_fleet(2024, limit=40)
    for report in reports:
        intensity = account(report).intensity or 0.0
        if report.entity.route == "eaf":
            assert 0.0 < intensity < 0.3
        else:
            assert 0.5 < intensity < 2.5


def test_a_plant_year_does_not_depend_on_the_rest_of_the_fleet() -> None:
    plant = steel_plants()[3]
    assert synthesise_report(plant, 2024, 7) == synthesise_report(plant, 2024, 7)
    assert synthesise_report(plant, 2024, 7) != synthesise_report(plant, 2024, 8)


def test_totals_add_up_and_carry_their_check_figures() -> None:
    totals = fleet_totals(2024, limit=30)
    assert totals.entities == 30
    assert abs(sum(totals.by_route_tco2.values()) - totals.enterprise_tco2) < 1.0
    assert totals.check_figures["three_sectors"]["emissions_gt"] == 3.0
    assert 0 < totals.share_of_three_sectors < 1
