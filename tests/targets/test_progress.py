"""Targets tracker: chaining, both bases, statuses, needed rates, the worked cases."""

from __future__ import annotations

import datetime as dt

import pytest

from chinaets.national.targets import chain, load_observations, load_targets, progress_report
from chinaets.national.targets.cases import LAW_BOOK, compute
from chinaets.national.targets.indicators import BASES, INDICATORS
from chinaets.national.targets.progress import STATUS, needed_rate
from chinaets.rules.cases import load_cases, run_case

SUITE = LAW_BOOK


@pytest.mark.parametrize("case", load_cases(SUITE.cases_dir), ids=lambda c: c.name)
def test_worked_case(case) -> None:  # type: ignore[no-untyped-def]
    outcome = run_case(case, SUITE.compute)
    assert outcome.passed, outcome.mismatches


def test_chaining_is_not_adding() -> None:
    rates = [-3.8, -0.8, 0.0, -3.4, -5.0]
    assert chain(rates) == pytest.approx(-12.4235, abs=1e-4)
    assert chain(rates) != pytest.approx(sum(rates), abs=0.1)
    # chaining a cumulative figure with later rates is associative
    assert chain([chain(rates[:4]), rates[4]]) == pytest.approx(chain(rates))


def test_needed_rate_reaches_the_target() -> None:
    rate = needed_rate(-54.8105, -65.0, 5)
    assert chain([-54.8105] + [rate] * 5) == pytest.approx(-65.0)


def test_every_indicator_row_has_a_source_and_known_basis() -> None:
    rows = load_observations()
    assert len(rows) >= 30
    for o in rows:
        assert o.indicator in INDICATORS and o.basis in BASES
        assert o.source, o
    assert {o.indicator for o in rows} >= {
        "co2_per_gdp", "energy_per_gdp", "total_energy_consumption", "non_fossil_share",
        "wind_solar_capacity", "forest_stock",
    }  # fmt: skip


def test_targets_are_dated_cited_parameters() -> None:
    targets = {t.name: t for t in load_targets()}
    assert targets["co2_per_gdp_2025"].target == -18.0
    assert targets["energy_per_gdp_2025"].target == -13.5
    assert targets["co2_per_gdp_2030_fyp"].base_year == 2025
    assert targets["co2_per_gdp_2030_ndc"].kind == "change_below"
    assert targets["wind_solar_capacity_2030"].target == 1200.0
    assert all(t.reference for t in targets.values())
    # the 2035 NDC did not exist in 2024
    assert "net_ghg_2035" not in {t.name for t in load_targets(dt.date(2024, 1, 1))}


def test_both_bases_shown_where_they_differ() -> None:
    rows = [p for p in progress_report() if p.target.name == "energy_per_gdp_2025"]
    values = {p.basis: round(p.value or 0, 1) for p in rows}
    assert values == {"as_published": -11.7, "official_cumulative": -16.1, "raw_total_energy": -5.3}
    statuses = {p.basis: p.status for p in rows}
    assert statuses["official_cumulative"] == "met" and statuses["as_published"] == "missed"
    # CO2/GDP has one chain only: no duplicate row
    assert len([p for p in progress_report() if p.target.name == "co2_per_gdp_2025"]) == 1


def test_statuses_are_known_and_the_ndc_2035_ghg_is_honest() -> None:
    rows = progress_report()
    assert {p.status for p in rows} <= set(STATUS)
    ghg = next(p for p in rows if p.target.name == "net_ghg_2035")
    assert ghg.status == "not_computable" and ghg.value is None


def test_trace_names_every_step_and_source() -> None:
    p = next(p for p in progress_report() if p.target.name == "co2_per_gdp_2030_ndc")
    lines = "\n".join(p.trace().lines())
    assert "2005→2020" in lines and "2024→2025" in lines and "white paper" in lines


def test_unknown_case_input_is_a_bilingual_error() -> None:
    from chinaets.core.errors import InputError

    with pytest.raises(InputError) as info:
        compute({"year": 2025})
    assert "目标算例" in info.value.render()
