"""Helpers of the reporting sectors' example generators (the synthetic fleets use them):
an enterprise's entity row and its total energy consumption from what it burns and buys."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from chinaets.mrv.ndrc.rules import shared_parameters

GJ_PER_TCE = 29.3076
"""1 tce = 29.3076 GJ (GB/T 2589)."""
TCE_PER_MWH = 0.1229
"""Electricity at its calorific equivalent, 0.1229 tce/MWh (GB/T 2589), as energy statistics
count purchased electricity."""


def energy_tce(
    year: int, fuel_rows: Iterable[dict[str, Any]], energy_rows: Iterable[dict[str, Any]]
) -> float:
    """Total energy consumption (综合能源消费量) of the generated data, in tce."""
    p = shared_parameters().at(dt.date(year, 1, 1))
    gj = sum(
        float(r["quantity"]) * float(r.get("ncv", p("ndrc_fuel_ncv", r["fuel"]))) for r in fuel_rows
    )
    tce = gj / GJ_PER_TCE
    for r in energy_rows:
        tce += r.get("electricity_purchased_mwh", 0.0) * TCE_PER_MWH
        tce += r.get("heat_purchased_gj", 0.0) / GJ_PER_TCE
    return round(tce, 1)


def entity(
    credit_code: str, name: str, province: str, industry_code: str, sector: str
) -> dict[str, Any]:
    return {
        "credit_code": credit_code,
        "name": name,
        "province": province,
        "industry_code": industry_code,
        "sector": sector,
    }


def split(total: float, parts: int, weights: list[float]) -> list[float]:
    """`total` shared over `parts` in proportion to `weights`."""
    scale = total / sum(weights[:parts])
    return [w * scale for w in weights[:parts]]
