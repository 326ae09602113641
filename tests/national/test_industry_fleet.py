"""The synthetic national cement and aluminium populations, and the demo's industry steps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from rich.console import Console
from typer.testing import CliRunner

from chinaets.cli import demo_cmd
from chinaets.demo import industry_fleet as fleet
from chinaets.demo import industry_fleet_totals as totals
from chinaets.demo.industry_steps import INDUSTRY_STEPS
from chinaets.demo.platform_steps import platform_step
from chinaets.demo.readmodel_steps import store_step
from chinaets.demo.run import DemoRun
from chinaets.demo.steps import run_demo
from chinaets.mrv.aluminium.accounting import account as account_aluminium
from chinaets.mrv.aluminium.checks import check as check_aluminium
from chinaets.mrv.cement.accounting import account as account_cement
from chinaets.mrv.cement.checks import check as check_cement
from chinaets.national.readmodel import Listing, ReadModel

YEAR = 2024
OUTPUT_TOLERANCE = 0.01  # national clinker and aluminium within 1 % of the calibration figure
PROCESS_TOLERANCE = 0.03  # process CO2 within 3 % of OWID (alternative raw materials deduct)


@pytest.fixture(scope="module")
def cement() -> totals.SectorTotals:
    return totals.cement_totals(YEAR, [account_cement(r) for r in fleet.build_cement(YEAR)])


@pytest.fixture(scope="module")
def aluminium() -> totals.SectorTotals:
    results = [account_aluminium(r) for r in fleet.build_aluminium(YEAR)]
    return totals.aluminium_totals(YEAR, results)


def test_same_seed_same_reports_other_seed_other_reports() -> None:
    assert fleet.cement_raw(YEAR, 7, limit=3) == fleet.cement_raw(YEAR, 7, limit=3)
    assert fleet.aluminium_raw(YEAR, 7, limit=3) == fleet.aluminium_raw(YEAR, 7, limit=3)
    assert fleet.cement_raw(YEAR, 7, limit=3) != fleet.cement_raw(YEAR, 8, limit=3)
    assert fleet.aluminium_raw(YEAR, 7, limit=3) != fleet.aluminium_raw(YEAR, 8, limit=3)


def test_an_entity_does_not_depend_on_the_limit() -> None:
    assert fleet.cement_raw(YEAR, limit=2)[1] == fleet.cement_raw(YEAR, limit=5)[1]
    assert fleet.aluminium_raw(YEAR, limit=2)[1] == fleet.aluminium_raw(YEAR, limit=5)[1]


def test_every_report_validates_and_passes_the_checks_without_errors() -> None:
    for report in fleet.build_cement(YEAR, limit=60):
        errors = [f for f in check_cement(report, account_cement(report)) if f.severity == "error"]
        assert errors == [], report.entity.name
    for report in fleet.build_aluminium(YEAR):
        result = account_aluminium(report)
        assert [f for f in check_aluminium(report, result) if f.severity == "error"] == []


def test_population_sizes_are_plausible() -> None:
    cement, aluminium = fleet.cement_population(YEAR), fleet.aluminium_population()
    assert len(cement.entities) == 962 and len(aluminium.entities) == 97
    lines = [x.capacity_t_per_day for e in cement.entities for x in e.lines]
    assert 1_300 <= len(lines) <= 1_700
    assert min(lines) >= 2_500 and max(lines) <= 12_000
    assert 3_000 <= sorted(lines)[len(lines) // 2] <= 5_000
    smelters = [e.capacity_t for e in aluminium.entities]
    assert min(smelters) >= 100_000 and max(smelters) <= 1_000_000
    assert 0.65 <= cement.utilisation <= 0.75
    assert 0.90 <= aluminium.utilisation <= 0.96


def test_national_totals_match_the_calibration_figures(
    cement: totals.SectorTotals, aluminium: totals.SectorTotals
) -> None:
    assert cement.entities == 962 and aluminium.entities == 97
    assert cement.output_t == pytest.approx(fleet.clinker_target_t(YEAR), rel=OUTPUT_TOLERANCE)
    assert aluminium.output_t == pytest.approx(41_594_000, rel=OUTPUT_TOLERANCE)
    process = next(c for c in cement.checks if c.label.startswith("process"))
    assert process.published == pytest.approx(718.017)
    assert process.ratio == pytest.approx(1, abs=PROCESS_TOLERANCE)
    assert 0.78 <= cement.intensity <= 0.90  # tCO2/t clinker, fuel and process
    assert 1.55 <= aluminium.intensity <= 1.80  # tCO2e/t Al, anode, PFCs, baking


def test_calibration_reads_the_owid_file_and_the_guideline_factor() -> None:
    assert fleet.cement_process_co2(2030) == (2023, pytest.approx(718.017))
    assert fleet.clinker_target_t(2024) == pytest.approx(718.017e6 / 0.535)
    with pytest.raises(ValueError, match="from data year 2024"):
        fleet.cement_raw(2023, limit=1)


def _run(tmp_path: Path, year: int, as_json: bool = False) -> DemoRun:
    return DemoRun(
        year=year, seed=3, out=tmp_path, limit=3, as_json=as_json,
        console=Console(width=160, record=True), progress_console=Console(stderr=True, quiet=True),
    )  # fmt: skip


def test_demo_steps_account_store_and_print_beside_the_figures(tmp_path: Path) -> None:
    run = _run(tmp_path, 2023)
    run_demo(run, [*INDUSTRY_STEPS, ("platform", platform_step), ("read model", store_step)])
    text = run.console.export_text()
    assert "data year 2024" in text and "covered from data year 2024" in text
    assert "OWID" in text and "NBS primary aluminium" in text and "ratio" in text
    industry = run.payload["industry"]
    assert industry["year"] == 2024 and set(industry["sectors"]) == {"cement", "aluminium", "steel"}
    model = ReadModel.open(run.out / "readmodel")
    try:
        rows = {r["key"]: r for r in model.totals("sector", 2024)}
        assert {s: r["entities"] for s, r in rows.items()} == {
            "aluminium": 3,
            "cement": 3,
            "steel": 3,
        }
        for sector, summary in industry["sectors"].items():
            assert rows[sector]["emissions_t"] / 1e6 == pytest.approx(summary["emissions_mt"])
        long = model.page("unit_values", Listing(where={"year": 2024}))
        assert long.columns[-3:] == ("variable", "unit", "value") and long.total > 0
    finally:
        model.close()


def test_demo_with_the_industry_steps_through_the_cli(tmp_path: Path) -> None:
    app = typer.Typer()
    demo_cmd.register(app)

    @app.callback()
    def main() -> None:
        """Keeps the `demo` name."""

    args = ["demo", "--limit", "2", "--out", str(tmp_path), "--json", "--year", "2025"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["industry"]["year"] == 2025
    assert payload["industry"]["three_sectors"]["published"] == 3.0
    assert payload["summary"]["total"]["entities"] == 2  # the power steps still ran
