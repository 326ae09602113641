"""The published CCER methodologies, by id. A methodology not listed here is not published
(or not yet implemented), and a project under it cannot be created."""

from __future__ import annotations

import datetime as dt

from chinaets.ccer.methodologies.afforestation import AFFORESTATION
from chinaets.ccer.methodologies.base import Methodology, ReductionResult
from chinaets.ccer.methodologies.coal_mine_methane import COAL_MINE_METHANE
from chinaets.ccer.methodologies.grid_power import OFFSHORE_WIND, SOLAR_THERMAL
from chinaets.ccer.methodologies.tunnel_lighting import TUNNEL_LIGHTING
from chinaets.core.errors import InputError, Location

METHODOLOGIES: dict[str, Methodology] = {
    m.id: m
    for m in (OFFSHORE_WIND, SOLAR_THERMAL, AFFORESTATION, COAL_MINE_METHANE, TUNNEL_LIGHTING)
}


def get_methodology(
    method_id: str, on: dt.date | None = None, field: str = "methodology"
) -> Methodology:
    """The methodology `method_id`, published on or before `on`; else a bilingual error."""
    found = METHODOLOGIES.get(method_id)
    known = ", ".join(METHODOLOGIES)
    if found is None:
        raise InputError.one(
            Location(field=field),
            f"'{method_id}' is not a published CCER methodology",
            f"“{method_id}”不是已发布的 CCER 方法学",
            f"use one of {known}",
            f"请使用以下方法学之一：{known}",
        )
    if on is not None and on < found.published:
        raise InputError.one(
            Location(field=field),
            f"{method_id} was published on {found.published}; it cannot be used on {on}",
            f"{method_id} 于 {found.published} 发布，{on} 时尚不可用",
            "date the application on or after the methodology's publication",
            "请在方法学发布之后提出申请",
        )
    return found


__all__ = ["METHODOLOGIES", "Methodology", "ReductionResult", "get_methodology"]
