"""The demo's CBAM step on a few plants of the national steel and aluminium fleets."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from rich.console import Console

from chinaets.cbam import store
from chinaets.cbam.demo import fleet_cbam, plant_exports
from chinaets.demo.cbam_steps import cbam_step
from chinaets.demo.industry_fleet import build_aluminium
from chinaets.demo.industry_steps import IndustryDemo
from chinaets.demo.run import DemoRun
from chinaets.demo.steel_fleet import allocation_line_values, fleet_results
from chinaets.mrv.aluminium.accounting import account as account_aluminium


def test_demo_step_writes_plants_and_communications(tmp_path: Path) -> None:
    quiet = Console(quiet=True)
    run = DemoRun(2025, 7, tmp_path, 6, False, quiet, quiet)
    state = IndustryDemo(2025)
    state.results["steel"] = fleet_results(2025, limit=6)
    state.results["aluminium"] = [account_aluminium(r) for r in build_aluminium(2025, limit=6)]
    run.industry = state
    cbam_step(run)
    plants = store.read_index(tmp_path)
    assert plants and run.payload["cbam"]["plants"] == len(plants)
    for plant in plants:
        assert Decimal(plant["saving_eur"]) > 0  # verified data beat the marked-up defaults
        assert store.read_installation(tmp_path, plant["credit_code"]) is not None


def test_fleet_exports_are_seeded_and_plausible() -> None:
    results = fleet_results(2025, limit=8)
    first, again = (
        fleet_cbam("steel", results, seed=1, line_values=allocation_line_values) for _ in "12"
    )
    assert [r.as_dict() for r in first] == [r.as_dict() for r in again]
    for r in first:
        coil = next(g for g in r.goods if g.cn_code == "72083900")
        low, high = (0.8, 3.0) if r.installation.china_result.route == "bf_bof" else (0.0, 0.8)
        assert low < coil.process.see_total < high  # hot-rolled coil, tCO2e/t, by route
    rows = plant_exports("steel", first)
    assert all(p.default_tco2 >= p.embedded_tco2 for p in rows)
