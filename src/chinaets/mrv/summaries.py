"""The platform's `Summary` of any sector's accounted report: the sector's own (`Sector.summary`)
or, for a sector that defines none (a reporting sector's first folder, a province's own), the
headline one: the entity, the year and the result's total, outside any allocation perimeter.
So every sector that can be accounted reaches the store's summaries and the read model."""

from __future__ import annotations

from typing import Any

from chinaets.core.errors import InputError, Location
from chinaets.mrv.sectors import Sector, Summary

HEADLINE_KEYS = ("total_tco2", "total_tco2e", "enterprise_tco2")
"""Where a result's ``as_dict()`` keeps its headline figure (in this order)."""


def headline_total(result: dict[str, Any]) -> float | None:
    """The result's headline emissions (t), if it names them under one of `HEADLINE_KEYS`."""
    for key in HEADLINE_KEYS:
        value = result.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
    return None


def summarise(spec: Sector, report: Any, result: Any) -> Summary:
    """The sector's Summary of `result`, else the headline Summary of `report` and `result`."""
    if spec.summary is not None:
        return spec.summary(result)
    total = headline_total(result.as_dict())
    if total is None:
        raise InputError.one(
            Location(field="summary"),
            f"the {spec.name} sector gives neither a summary nor a total "
            f"({', '.join(HEADLINE_KEYS)}) for the platform",
            f"{spec.zh}行业既未提供摘要（summary），也未在结果中给出排放总量",
            "define `summary` in the sector's sector.py, or name the result's total total_tco2",
            "请在该行业 sector.py 中定义 summary，或在核算结果中给出 total_tco2",
        )
    entity = report.entity
    return Summary(
        sector=spec.name, year=int(report.year), credit_code=entity.credit_code,
        name=entity.name, province=entity.province, total_emissions_t=total, obligation_t=0.0,
    )  # fmt: skip
