"""Properties of the reporting sectors' accounting, on seeded synthetic enterprises:
additivity over facilities, linearity in the activity data (intensity unchanged) and
non-negativity without recovery or exports."""

from __future__ import annotations

import copy
import random
from importlib import import_module
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chinaets.mrv.sectors import sectors

REPORTING = ("petrochemicals", "chemicals", "flat_glass", "copper", "paper", "aviation")
SIZE = {
    "petrochemicals": 5e6,
    "chemicals": 4e5,
    "flat_glass": 3e5,
    "copper": 2e5,
    "paper": 3e5,
    "aviation": 2e5,
}
WHO = ("91330000M6MA7PXPT4", "示例", "浙江")
SCALED = {
    "quantity",
    "quantity_t",
    "fuel_t",
    "turnover_10k_tkm",
    "electricity_purchased_mwh",
    "electricity_exported_mwh",
    "heat_purchased_gj",
    "heat_exported_gj",
    "non_fossil_direct_mwh",
    "water_m3",
    "sludge_cod_kg",
    "coke_burnt_t",
    "catalyst_t",
    "feed_t",
    "syngas_10k_nm3",
    "residue_t",
    "green_coke_t",
    "product_t",
    "dust_t",
    "ethylene_t",
    "eo_t",
    "gas_10k_nm3",
    "rate_10k_nm3_h",
    "offgas_nm3_h",
    "supplied_10k_nm3",
    "feedstock_10k_nm3",
}
"""The activity data: scaling them all scales the emissions (and leaves the factors alone)."""


def _report(sector: str, seed: int) -> dict[str, Any]:
    example = import_module(f"chinaets.mrv.{sector}.example")
    data: dict[str, Any] = example.synthesise(random.Random(seed), 2025, SIZE[sector], WHO)
    return data


def _account(sector: str, data: dict[str, Any]) -> Any:
    spec = sectors()[sector]
    return spec.account(spec.parse(data, "<property>"))


def _scaled(data: dict[str, Any], k: float) -> dict[str, Any]:
    out = copy.deepcopy(data)
    for value in out.values():
        for row in value if isinstance(value, list) else []:
            for key in SCALED & set(row):
                row[key] = row[key] * k
    return out


def _only(data: dict[str, Any], unit_id: str) -> dict[str, Any]:
    out = copy.deepcopy(data)
    for key, value in out.items():
        if isinstance(value, list):
            out[key] = [r for r in value if r.get("unit_id") == unit_id]
    if "flights" in data and not out["flights"]:
        # an airline's report must list flights: the ground base's part gets an idle fleet row
        row = {"unit_id": unit_id, "aircraft_type": "A320", "fuel_t": 0.0}
        out["flights"] = [row]
    return out


SEEDS = st.integers(0, 10_000)


@pytest.mark.parametrize("sector", REPORTING)
@settings(max_examples=8, deadline=None)
@given(seed=SEEDS)
def test_additive_over_facilities(sector: str, seed: int) -> None:
    data = _report(sector, seed)
    whole = _account(sector, data)
    parts = [_account(sector, _only(data, f["unit_id"])) for f in data["facilities"]]
    tolerance = 0.01 * sum(len(f.sources) for f in whole.facilities) + 0.01
    assert sum(p.total_tco2e for p in parts) == pytest.approx(whole.total_tco2e, abs=tolerance)
    assert sum(p.template_tco2 for p in parts) == pytest.approx(whole.template_tco2, abs=tolerance)


@pytest.mark.parametrize("sector", REPORTING)
@settings(max_examples=8, deadline=None)
@given(seed=SEEDS, k=st.floats(0.1, 10))
def test_linear_in_activity_data(sector: str, seed: int, k: float) -> None:
    data = _report(sector, seed)
    base, scaled = _account(sector, data), _account(sector, _scaled(data, k))
    sources = sum(len(f.sources) for f in base.facilities)
    tolerance = 0.006 * sources * (1 + k) + 0.01
    assert scaled.total_tco2e == pytest.approx(k * base.total_tco2e, abs=tolerance)
    if base.intensity is not None:
        assert scaled.intensity == pytest.approx(base.intensity, abs=2e-4 + 1e-6 * base.intensity)


@pytest.mark.parametrize("sector", REPORTING)
@settings(max_examples=8, deadline=None)
@given(seed=SEEDS)
def test_non_negative_without_recovery_or_exports(sector: str, seed: int) -> None:
    result = _account(sector, _report(sector, seed))
    for f in result.facilities:
        assert all(s.tco2e >= 0 for s in f.sources), [s.item for s in f.sources if s.tco2e < 0]
        assert f.total_tco2e >= 0 and f.template_tco2 >= 0
    assert result.total_tco2e >= result.template_tco2 - 0.01 or result.categories["recovery"] < 0
