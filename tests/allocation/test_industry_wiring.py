"""Industry accounting results feed allocation through `from_accounting`."""

from __future__ import annotations

import pytest

from chinaets.allocation import allocate
from chinaets.allocation.inputs import from_accounting, parse_input
from chinaets.core.errors import InputError
from chinaets.mrv.sectors import get_sector


def _accounted(sector: str, year: int = 2025) -> object:
    example = __import__(f"chinaets.mrv.{sector}.example", fromlist=["example_report"])
    spec = get_sector(sector)
    return spec.account(spec.parse(example.example_report(1, year), "x"))


@pytest.mark.parametrize("sector", ["cement", "aluminium"])
def test_industry_report_allocates_within_the_band(sector: str) -> None:
    inp = from_accounting(sector, None, _accounted(sector))
    with pytest.raises(InputError, match="solved over the whole sector"):
        allocate(inp)  # one document: BP must be given
    published = inp.model_copy(
        update={"balance_value": inp.lines[0].verified_tco2 / inp.lines[0].output_t}
    )
    result = allocate(published)
    assert abs(result.final_tco2 - result.verified_tco2) <= 0.03 * result.verified_tco2 + 1
    example = __import__(f"chinaets.mrv.{sector}.example", fromlist=["example_report"])
    data = example.example_report(1, 2024)
    assert allocate(parse_input(data)).surplus_tco2 == 0


def test_aluminium_perimeter_is_anode_and_anode_effect() -> None:
    """D25 Table 2-4: ⑤ = ② + ③; fuel combustion is reported beside it, outside the perimeter."""
    result = _accounted("aluminium")
    inp = from_accounting("aluminium", None, result)
    for line, process in zip(
        inp.lines, [p for p in result.processes if p.kind == "electrolysis"], strict=True
    ):  # type: ignore[attr-defined]
        assert line.verified_tco2 == pytest.approx(process.anode_tco2 + process.pfc_tco2e)
        assert line.fuel_tco2 == pytest.approx(process.fuel_tco2)
        assert line.verified_tco2 < process.total_tco2e or process.fuel_tco2 == 0


def test_steel_enterprise_carries_ironmaking_and_sintering() -> None:
    from chinaets.national.steel_fleet import build_fleet

    report = next(r for r in build_fleet(2025, 1, 8)[1] if r.entity.route == "bf_bof")
    result = get_sector("steel").account(report)
    qb = {"enterprise": {"ironmaking_output_t": 1_000_000}}
    line = from_accounting("steel", None, result, line_values=qb).lines[0]
    assert line.ironmaking_tco2 and line.ironmaking_tco2 > 0
    assert line.sintering_tco2 is not None and line.ironmaking_output_t == 1_000_000
