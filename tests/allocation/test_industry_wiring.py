"""Industry accounting results feed allocation through `from_accounting`."""

from __future__ import annotations

import pytest

from chinaets.allocation import allocate
from chinaets.allocation.inputs import from_accounting, parse_input
from chinaets.mrv.sectors import get_sector


@pytest.mark.parametrize("sector", ["cement", "aluminium"])
def test_industry_report_allocates_within_the_band(sector: str) -> None:
    example = __import__(f"chinaets.mrv.{sector}.example", fromlist=["example_report"])
    data = example.example_report(1, 2025)
    spec = get_sector(sector)
    result = allocate(from_accounting(sector, None, spec.account(spec.parse(data, "x"))))
    assert abs(result.final_tco2 - result.verified_tco2) <= 0.03 * result.verified_tco2 + 1
    assert "industry_balance_value" in result.as_dict()["uncertain_parameters"]
    # the same report through the generic entry point, and 2024 at verified emissions
    assert allocate(parse_input(data)).final_tco2 == result.final_tco2
    assert allocate(parse_input({**data, "year": 2024})).surplus_tco2 == 0
