"""The entity page's sections that need more than a listing: the emissions and allocation
traces (of the entity's latest report in the platform's store), and the compliance block.

The compliance block reads the registry's holdings and surrenders and the obligation from the
read model, then applies the rules in force: before the surrender deadline of the data year (a
dated parameter, `chinaets.compliance.rules.deadline`) there is no shortfall and no penalty,
only what remains to surrender; after it, the shortfall is priced as the penalty rule of that
date says (`chinaets.compliance.penalties.failure_to_surrender`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from chinaets.core.errors import ChinaetsError
from chinaets.core.labels import Lang
from chinaets.mrv.sectors import get_sector
from chinaets.web.sources import Dashboard


def emissions_trace(data: Dashboard, entity: dict[str, Any], lang: str) -> list[str] | None:
    """The full accounting trace of the entity's latest stored report (None without one), in
    the page's language."""
    document = data.report_document(entity)
    if document is None:
        return None
    try:
        s = get_sector(str(entity["sector"]))
        name = f"{entity['credit_code']}-{entity['year']}.json"
        return list(s.account(s.parse(document, name)).trace().lines(lang=_lang(lang)))
    except (ChinaetsError, AttributeError):
        return None


def compliance(
    data: Dashboard,
    entity: dict[str, Any],
    allocation: dict[str, Any] | None,
    today: dt.date,
    price: Decimal | None,
) -> dict[str, Any] | None:
    """Obligation, surrendered and held, the deadline, and (only after it) the shortfall and
    the penalty range; None without a registry or for a sector that only reports."""
    if data.registry is None or entity["status"] != "trading":
        return None
    year, code = int(entity["year"]), str(entity["credit_code"])
    position = data.model.compliance_position(code, year)
    obligation = int(allocation["obligation_t"]) if allocation else position["obligation_t"] or 0
    surrendered = position["surrendered_t"] or 0
    out: dict[str, Any] = {
        "obligation": obligation, "surrendered": surrendered,
        "free": position["free_t"] or 0, "frozen": position["frozen_t"] or 0,
        "outstanding": max(0, obligation - surrendered), "deadline": None, "due": False,
        "shortfall": None, "penalty": None,
    }  # fmt: skip
    deadline = _deadline(year)
    if deadline is None:
        return out
    out["deadline"] = deadline
    if today <= deadline:
        return out  # not due yet: what remains is to surrender, not a shortfall
    out["due"] = True
    out["shortfall"] = out.pop("outstanding")
    if out["shortfall"]:
        out["penalty"] = _penalty(deadline, out["shortfall"], price)
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
    except ChinaetsError:
        return None
    return {
        "article": penalty.article,
        "fine_min": penalty.fine_min,
        "fine_max": penalty.fine_max,
        "basis": penalty.basis,
        "deduction_next_year_tco2": penalty.deduction_next_year_tco2,
    }


def allocation_trace(data: Dashboard, entity: dict[str, Any], lang: str) -> list[str]:
    """The allocation's trace of the entity's latest stored report (empty without one)."""
    document = data.report_document(entity)
    if document is None:
        return []
    try:
        from chinaets.allocation import allocate
        from chinaets.allocation.inputs import from_accounting

        s = get_sector(str(entity["sector"]))
        report = s.parse(document, f"{entity['credit_code']}-{entity['year']}.json")
        result = allocate(from_accounting(s.name, report, s.account(report)))
    except (ImportError, ChinaetsError, AttributeError, ValueError):
        return []  # not a report the allocation input can be built from
    return list(result.trace().lines(lang=_lang(lang)))


def _lang(lang: str) -> Lang:
    return "zh" if lang == "zh" else "en"
