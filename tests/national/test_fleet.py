"""Synthesis of the national data set: deterministic, valid, plausible."""

from __future__ import annotations

import statistics

from chinaets.core.ids import credit_code_problem
from chinaets.demo.power_fleet import build_fleet, fleet_entities, synthesise_reports
from chinaets.mrv.power.accounting import account
from chinaets.mrv.power.schema import fuels

from .conftest import YEAR, National


def test_same_seed_same_data_other_seed_other_data() -> None:
    entities = fleet_entities(YEAR, limit=15)
    first = synthesise_reports(entities, YEAR, seed=7)
    assert first == synthesise_reports(entities, YEAR, seed=7)
    assert first != synthesise_reports(entities, YEAR, seed=8)


def test_a_unit_does_not_depend_on_the_limit() -> None:
    few = synthesise_reports(fleet_entities(YEAR, limit=3), YEAR)
    more = synthesise_reports(fleet_entities(YEAR, limit=10), YEAR)
    assert few == more[:3]


def test_entities_have_valid_unique_credit_codes() -> None:
    entities = fleet_entities(YEAR)
    codes = [e.credit_code for e in entities]
    assert len(set(codes)) == len(codes)
    assert not [c for c in codes if credit_code_problem(c)]


def test_units_commissioned_later_are_left_out() -> None:
    early = sum(len(e.units) for e in fleet_entities(2019))
    assert early < sum(len(e.units) for e in fleet_entities(2023))


def test_sample_passes_the_loader_for_every_formula_version() -> None:
    for year in (2020, 2022, 2023, 2026):
        _, reports = build_fleet(year, limit=25)
        assert all(account(r).direct_tco2 > 0 for r in reports)


def test_default_carbon_in_a_minority_of_months(national: National) -> None:
    months = [fm for r in national.results for u in r.units for fm in u.fuel_months]
    share = sum(fm.carbon_source != "measured" for fm in months) / len(months)
    assert 0.04 < share < 0.08


def test_measured_coal_lies_near_the_verifier_reference(national: National) -> None:
    for code in ("bituminous", "anthracite", "lignite"):
        cc = [
            fm.carbon_content * 1000
            for r in national.results
            for u in r.units
            for fm in u.fuel_months
            if fm.fuel == code and fm.carbon_source == "measured"
        ]
        reference = fuels()[code].cc_reference_tc_per_tj
        assert reference is not None
        assert abs(statistics.mean(cc) / reference - 1) < 0.01
        assert all(abs(c / reference - 1) < 0.05 for c in cc)


def test_load_factors_and_hours_are_plausible(national: National) -> None:
    units = [u for r in national.results for u in r.units]
    assert all(u.load_factor is not None and 0.3 < u.load_factor <= 0.95 for u in units)
    assert all(u.running_hours <= 8760 for u in units)
    assert any(u.heat_supplied_gj > 0 for u in units)
