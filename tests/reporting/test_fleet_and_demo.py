"""The reporting sectors' synthetic fleets and their demo step."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from rich.console import Console

from chinaets.demo import reporting_fleet as fleet
from chinaets.demo.reporting_steps import STATUS, reporting_step
from chinaets.demo.run import DemoRun
from chinaets.demo.steps import STEPS
from chinaets.mrv.sectors import get_sector


@pytest.mark.parametrize("group", fleet.groups())
def test_sizes_add_up_to_the_national_output_figure(group: str) -> None:
    firms = fleet.firms(group, 2025)
    spec = fleet.figures()["sectors"][group]
    assert len(firms) == spec["entities"]
    assert math.isclose(sum(f.size for f in firms), spec["output"], rel_tol=1e-9)
    assert all(f.province for f in firms)


@pytest.mark.parametrize("group", fleet.groups())
def test_a_firm_does_not_depend_on_the_others_built(group: str) -> None:
    few = fleet.raw_reports(group, 2025, limit=2)
    assert few == fleet.raw_reports(group, 2025, limit=3)[:2]
    assert few != fleet.raw_reports(group, 2025, seed=1, limit=2)


@pytest.mark.parametrize("group", fleet.groups())
def test_reports_are_validated_and_account_without_errors(group: str) -> None:
    for report in fleet.build(group, 2025, limit=3):
        spec = get_sector(report.sector)
        result = spec.account(report)
        assert not [f for f in spec.check(report, result) if f.severity == "error"]
        assert result.total_tco2e > 0 and result.output > 0


def test_the_demo_shows_the_six_sectors_as_reporting_not_trading(tmp_path: Path) -> None:
    run = DemoRun(2025, 20260127, tmp_path, 2, True, Console(file=None), Console(stderr=True))
    reporting_step(run)
    part = run.payload["reporting"]
    assert [s["sector"] for s in part["sectors"]] == [
        "petrochemicals", "chemicals", "flat_glass", "copper", "paper", "aviation",
    ]  # fmt: skip
    assert all((s["status"], s["status_zh"]) == STATUS for s in part["sectors"])
    c = part["coverage"]
    assert 0 < c["trading_share"] < c["with_reporting_share"] < 1
    assert c["national_year"] <= 2025


def test_the_step_is_one_line_of_the_demo() -> None:
    assert [step for _, step in STEPS].count(reporting_step) == 1


def test_coverage_uses_the_demo_s_own_trading_totals_when_it_has_them() -> None:
    from chinaets.demo.reporting_steps import coverage_figures

    published = coverage_figures(2025, 5e8)
    computed = coverage_figures(2025, 5e8, trading_gt=7.5)
    assert computed["trading_gt"] == 7.5 and computed["trading_source"] == "computed by this demo"
    assert published["trading_gt"] == 8.0
    assert computed["with_reporting_share"] == pytest.approx(8.0 / computed["national_co2_gt"])
