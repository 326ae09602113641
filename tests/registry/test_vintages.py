"""The law of allowance vintages, read from the registry's dated parameters (the registry and
compliance ask these functions)."""

from __future__ import annotations

import datetime as dt

import pytest

from chinaets.registry.serials import unit_class
from chinaets.registry.vintages import carry_over_vintages, cea_vintages, may_settle

TODAY = dt.date(2026, 9, 30)


def test_vintages_and_carry_over_come_from_the_parameters() -> None:
    assert cea_vintages() == ("2019-2020", "2021", "2022", "2023", "2024", "2025", "2026")
    assert carry_over_vintages() == (("2019-2020", "2021", "2022", "2023", "2024"), "2025")
    assert unit_class("CEA", "2026").first_year() == 2026


@pytest.mark.parametrize(("vintage", "year", "on", "usable"), [
    (2023, 2022, TODAY, True),    # borrowing.yaml: 2021–2022 may borrow the 2023 vintage
    (2024, 2022, dt.date(2024, 6, 1), False),  # but not 2024 (before the 2025 arrears rule)
    (2024, 2025, TODAY, False),   # D25 §五(一): 2019–2024 not usable for 2025
    (2025, 2025, TODAY, True),
    (2026, 2025, TODAY, True),    # 2025–2026 vintages for 2025, 2026 and later
    (2026, 2023, TODAY, True),    # arrears of 2019–2024 settled with 2019–2026 vintages
    (2026, 2023, dt.date(2024, 6, 1), False),  # … not before the rule
    (2024, 2023, TODAY, True),
])  # fmt: skip
def test_may_settle(vintage: int, year: int, on: dt.date, usable: bool) -> None:
    assert (may_settle(vintage, year, on) is None) is usable
