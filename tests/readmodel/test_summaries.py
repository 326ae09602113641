"""Each sector's `Summary` of its example report: the allocation perimeter of rules
updates-2026 §1, its units, outputs and intensity."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from chinaets.allocation.categories import categorised
from chinaets.mrv.sectors import Summary, get_sector, sectors

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _accounted(sector: str, file: str) -> tuple[Any, Summary]:
    s = get_sector(sector)
    report = s.load(EXAMPLES / file, None)
    result = s.account(report)
    assert s.summary is not None
    return result, categorised(s.summary(result), report, result)


def test_every_trading_sector_summarises() -> None:
    assert {"power", "steel", "cement", "aluminium"} <= {
        name for name, s in sectors().items() if s.summary is not None
    }


def test_power_units_with_category_capacity_generation_heat() -> None:
    result, s = _accounted("power", "power-report-2023.json")
    assert (s.sector, s.year, s.credit_code) == ("power", 2023, result.credit_code)
    assert s.obligation_t == result.obligation_tco2
    assert [u.unit_id for u in s.perimeter] == [u.unit_id for u in result.units]
    for unit, r in zip(s.perimeter, result.units, strict=True):
        assert unit.kind == "generating_unit"
        assert unit.emissions_t == r.direct_tco2
        assert unit.output == r.generation_mwh and unit.output_unit == "MWh"
        assert unit.values["rated_mw"] == r.rated_mw
        assert unit.values["heat_supplied_gj"] == r.heat_supplied_gj
        # both example units are conventional coal below 400 MW (updates-2026 §3): the
        # allocation gives the category, the accounting's own summary leaves it empty
        assert r.rated_mw < 400 and unit.category == "II"
    assert s.intensity is not None and s.intensity.output == sum(u.output for u in s.perimeter)


def test_cement_each_clinker_line() -> None:
    result, s = _accounted("cement", "cement-report-2025.json")
    assert [(u.kind, u.unit_id) for u in s.perimeter] == [
        ("clinker_line", line.unit_id) for line in result.lines
    ]
    assert sum(u.output for u in s.perimeter) == pytest.approx(result.clinker_t)
    assert s.obligation_t == result.obligation_tco2
    assert s.intensity is not None
    assert s.intensity.value == pytest.approx(result.total_tco2 / result.clinker_t)


def test_aluminium_perimeter_is_anode_plus_pfc_without_fuel() -> None:
    result, s = _accounted("aluminium", "aluminium-report-2025.json")
    cells = [p for p in result.processes if p.kind == "electrolysis"]
    assert [u.unit_id for u in s.perimeter] == [p.unit_id for p in cells]
    anode_pfc = sum(p.anode_tco2 + p.pfc_tco2e for p in cells)
    fuel = sum(p.fuel_tco2 for p in cells)
    assert fuel > 0  # the example burns fuel in electrolysis: it must stay outside
    assert s.obligation_t == round(anode_pfc)
    assert s.obligation_t < result.obligation_tco2e  # the accounting's perimeter includes fuel
    assert s.total_emissions_t == result.total_tco2e
    assert s.intensity is not None
    assert s.intensity.value == pytest.approx(anode_pfc / sum(p.output_t for p in cells))


def test_steel_enterprise_with_ironmaking_sintering_and_crude_steel() -> None:
    result, s = _accounted("steel", "steel-report-2024.json")
    (unit,) = s.perimeter
    assert (unit.kind, unit.unit_id) == ("enterprise", result.credit_code)
    assert unit.emissions_t == result.enterprise_tco2 == s.total_emissions_t
    eb_et = sum(p.tco2 for p in result.processes if p.process in ("ironmaking", "sintering"))
    assert eb_et > 0
    assert unit.values["ironmaking_sintering_tco2"] == eb_et
    assert unit.values["crude_steel_t"] == result.crude_steel_t
    # the example records no ironmaking product output (Qb): no intensity rather than a wrong one
    assert s.intensity is not None and s.intensity.value is None


def test_the_accounting_leaves_the_category_to_the_allocation() -> None:
    s = get_sector("power")
    result = s.account(s.load(EXAMPLES / "power-report-2023.json", None))
    assert s.summary is not None
    assert {u.category for u in s.summary(result).perimeter} == {""}
