"""G26 §一: from data year 2026 the oxidation rates of coal, oil and gas all come from the
national factor database; until 2025 oil and gas take the guideline's Appendix A."""

from __future__ import annotations

import datetime as dt

import pytest

from chinaets.mrv.power import formulas as f
from chinaets.mrv.power.accounting import parameters
from chinaets.mrv.power.schema import fuels


class _Unit:
    boiler_type = "pulverized"
    altitude_m = 100.0


@pytest.mark.parametrize(("category", "year", "parameter"), [
    ("oil", 2025, "oxidation_rate"), ("gas", 2025, "oxidation_rate"),
    ("oil", 2026, "oxidation_rate_factor_db_fuel"), ("gas", 2026, "oxidation_rate_factor_db_fuel"),
    ("coal", 2026, "oxidation_rate_factor_db"),
])  # fmt: skip
def test_oxidation_source_by_year(category: str, year: int, parameter: str) -> None:
    fuel = next(x for x in fuels().values() if x.category == category)
    p = parameters().at(dt.date(year, 1, 1))
    used = f.oxidation_rate.at(p.when)(p, fuel, _Unit())  # type: ignore[arg-type]
    assert used.parameter.name == parameter
    # the database values were not obtained: the carried 2022 values are flagged
    assert (used.dated.uncertain is not None) or year < 2026
