"""The entity page's optional sections, each filled only when its package and data exist:
allocation (`chinaets.allocation`, on the demo's example input), holdings by vintage
(`chinaets.registry`), compliance status and penalty exposure (`chinaets.compliance`).
A section returns None when it has nothing to show; the page then says so."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from chinaets.core.errors import ChinaetsError
from chinaets.mrv.sectors import Sector, default_sector, get_sector
from chinaets.registry.records import Actor
from chinaets.registry.service import Registry
from chinaets.web.sources import DemoData


def emissions_trace(demo: DemoData, credit_code: str) -> list[str] | None:
    """The full accounting trace, for an entity whose input the demo wrote out."""
    data = demo.example_input(credit_code)
    if data is None:
        return None
    try:
        spec = _sector_of(data)
        result = spec.account(spec.parse(data, f"example_{credit_code}.json"))
    except ChinaetsError:
        return None
    return list(result.trace().lines())


def _sector_of(data: dict[str, Any]) -> Sector:
    """The sector of an example input (its ``sector`` key; the first sector when it has none)."""
    return get_sector(str(data.get("sector") or default_sector()))


def allocation(demo: DemoData, credit_code: str) -> dict[str, Any] | None:
    """With its trace for the entity whose input the demo wrote out; else as the demo stored it."""
    data = demo.example_input(credit_code)
    if data is None:
        stored = demo.allocation(credit_code)
        return None if stored is None else {**stored, "trace": []}
    try:
        from chinaets.allocation import allocate
        from chinaets.allocation.inputs import from_accounting

        spec = _sector_of(data)
        report = spec.parse(data, f"example_{credit_code}.json")
        result = allocate(from_accounting(spec.name, report, spec.account(report)))
    except (ImportError, ChinaetsError):
        return None
    return {
        "verified_tco2": result.verified_tco2,
        "final_tco2": result.final_tco2,
        "issued_tco2": result.issued_tco2,
        "obligation_tco2": result.obligation_tco2,
        "surplus_tco2": result.surplus_tco2,
        "trace": result.trace().lines() if hasattr(result, "trace") else [],
    }


def holdings(
    registry: Registry | None, actor: Actor, credit_code: str
) -> list[dict[str, Any]] | None:
    if registry is None:
        return None
    from chinaets.registry import queries
    from chinaets.registry.ids import enterprise_account

    try:
        with registry.reading() as session:
            rows = queries.holdings(session, actor, enterprise_account(credit_code))
    except ChinaetsError:
        return None
    return [h.as_json() for h in rows]


def compliance(
    registry: Registry | None, credit_code: str, year: int, obligation: int, price: Decimal | None
) -> dict[str, Any] | None:
    """Surrendered against the obligation and, for a shortfall, the penalty range in force at
    the deadline (valued at the latest published closing price, an estimate)."""
    if registry is None:
        return None
    from chinaets.registry import queries

    with registry.reading() as session:
        surrendered = sum(queries.surrendered(session, credit_code, year).values())
    shortfall = max(0, obligation - surrendered)
    out: dict[str, Any] = {"surrendered": surrendered, "shortfall": shortfall, "penalty": None}
    if shortfall:
        out["deadline"] = _deadline(year)
        out["penalty"] = (
            None if out["deadline"] is None else _penalty(out["deadline"], shortfall, price)
        )
    return out


def _deadline(year: int) -> dt.date | None:
    """The year's surrender deadline from the compliance parameters (``compliance_deadline``)."""
    try:
        from chinaets.compliance.rules import deadline, rules_for

        return deadline(rules_for(year))[0]
    except (ImportError, ChinaetsError):
        return None


def _penalty(deadline: dt.date, shortfall: int, price: Decimal | None) -> dict[str, Any] | None:
    try:
        from chinaets.compliance.penalties import failure_to_surrender, law_at

        penalty = failure_to_surrender.at(deadline)(law_at(deadline), shortfall, price)
    except (ImportError, ChinaetsError):
        return None
    return {
        "article": penalty.article,
        "fine_min": penalty.fine_min,
        "fine_max": penalty.fine_max,
        "basis": penalty.basis,
        "deduction_next_year_tco2": penalty.deduction_next_year_tco2,
    }
