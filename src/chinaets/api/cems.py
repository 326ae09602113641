"""REST API of CO2 CEMS: totals, a unit's hourly series and the reconciliation with the accounts
(reads; ingestion stays with `chinaets cems ingest`, which owns the store's files).

The store folder is `app.state.cems_store`, else ``CHINAETS_CEMS_STORE`` (default
``chinaets-cems``). Refused parameters answer 422 with the bilingual problems.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from chinaets.cems import service

router = APIRouter(prefix="/cems", tags=["cems"])
YearQ = Annotated[int, Query(ge=2000, le=2100, description="Data year / 数据年度")]
RegimeQ = Annotated[str, Query(description="Substitution rule: hj75, eu or us / 修约规则")]


def store_root(request: Request) -> Path:
    root = getattr(request.app.state, "cems_store", None)
    return Path(root or os.environ.get("CHINAETS_CEMS_STORE", "chinaets-cems"))


@router.get("/totals")
def totals(
    request: Request,
    year: YearQ,
    level: Annotated[str, Query(pattern="^(day|month|year)$")] = "month",
    unit: str | None = None,
    regime: RegimeQ = "hj75",
) -> list[dict[str, Any]]:
    """CO2 per unit and day, month or year with measured / substituted / invalid shares."""
    table = service.totals(store_root(request), year, level, unit=unit, regime=regime)
    rows: list[dict[str, Any]] = table.to_pylist()
    return rows


@router.get("/units/{unit_id}/hours")
def hours(
    request: Request, unit_id: str, year: YearQ, regime: RegimeQ = "hj75"
) -> list[dict[str, Any]]:
    """A unit's hourly series: state, the rule that gave each hour's value, tCO2."""
    rows: list[dict[str, Any]] = service.hour_series(
        store_root(request), year, unit_id, regime
    ).to_pylist()
    return rows


@router.get("/reconcile")
def reconcile(request: Request, year: YearQ, regime: RegimeQ = "hj75") -> dict[str, Any]:
    """CEMS vs accounts per unit and month, and the screening rows (source = cems)."""
    root = store_root(request)
    rows, screening = service.reconcile(root, year, service.saved_accounts(root), regime=regime)
    return {"reconciliation": rows.to_pylist(), "findings": screening.to_pylist()}
