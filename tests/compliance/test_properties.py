"""Compliance laws for any input: CCER never above 5 % of the obligation, the plan never costs
more than surrendering allowances alone and always meets the obligation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from chinaets.compliance.api import parse_input
from chinaets.compliance.planner import plan
from chinaets.compliance.status import assess

ENTITY = {"credit_code": "91370000MA3C5EJ50G", "name": "示例", "province": "山东"}
quantity = st.integers(0, 2_000_000)
lots = st.lists(
    st.fixed_dictionaries({
        "lot_id": st.text("ABC123", min_size=1, max_size=4), "quantity": quantity,
        "registered": st.dates(dt.date(2013, 1, 1), dt.date(2026, 6, 1)), "legacy": st.booleans(),
        "from_ets_project": st.booleans(),
    }),
    max_size=4, unique_by=lambda lot: lot["lot_id"],
)  # fmt: skip
holdings = st.lists(
    st.fixed_dictionaries({"vintage": st.sampled_from([2019, 2021, 2022, 2023, 2024, 2025, 2026]), "quantity": quantity}),
    max_size=5,
)  # fmt: skip
price = st.decimals(0, 200, places=2)


def _input(year: int, verified: int, held: list[Any], ccer: list[Any], net_sales: int) -> Any:
    return parse_input({
        "year": year, "entity": ENTITY, "verified_tco2": verified, "holdings": held,
        "ccer_lots": ccer, "net_sales_tco2": net_sales,
    })  # fmt: skip


args = {
    "year": st.integers(2019, 2026), "verified": quantity, "held": holdings, "ccer": lots,
    "net_sales": st.integers(-100_000, 500_000),
}  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(**args)
def test_offsets_never_exceed_5_percent(**kw: Any) -> None:
    result = assess(_input(**kw), kw["verified"])
    assert result.ccer_counted_tco2 <= 0.05 * result.obligation_tco2
    assert 0 <= result.covered_tco2 <= result.obligation_tco2


@settings(max_examples=200, deadline=None)
@given(**args, p=price, q=price)
def test_plan_never_costs_more_than_allowances_alone(p: Decimal, q: Decimal, **kw: Any) -> None:
    result = plan(_input(**kw), kw["verified"], p, q)
    assert result.cost <= result.baseline_cost
    assert (
        result.surrendered("allowance") + result.surrendered("CCER")
        == result.compliance.obligation_tco2
    )
    assert result.surrendered("CCER") <= 0.05 * result.compliance.obligation_tco2
    assert result.cost == sum((s.cost for s in result.steps if s.action == "surrender"), Decimal(0))
