"""Property: PFC emissions are linear in the anode-effect minutes."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from chinaets.mrv.aluminium import formulas
from chinaets.mrv.aluminium.accounting import parameters

P = parameters().at(dt.date(2025, 1, 1))
slope = formulas.pfc_factors.at(P.when)


def pfc(output: float, aem: float) -> float:
    return formulas.pfc_tco2e(output, slope(P, aem), 6630, 11100)


@settings(max_examples=200, deadline=None)
@given(
    output=st.floats(0, 1e6),
    a=st.floats(0, 10),
    b=st.floats(0, 10),
    k=st.floats(0, 100),
)
def test_pfc_is_linear_in_anode_effect_minutes(output: float, a: float, b: float, k: float) -> None:
    assert pfc(output, 0) == 0
    scale = max(1.0, pfc(output, a) + pfc(output, b), pfc(output, k * a))
    assert abs(pfc(output, a + b) - pfc(output, a) - pfc(output, b)) <= 1e-9 * scale
    assert abs(pfc(output, k * a) - k * pfc(output, a)) <= 1e-9 * scale
