"""REST API of CO2 CEMS: totals, a unit's hourly series and the reconciliation with the accounts
(reads, open as the dashboard); writes for the national monitoring roles (operator, ministry)
only: the monitoring configuration and data uploads (the body as ``application/octet-stream``:
HJ 212 packet text, or a CSV/Parquet export, ``?format=``), and the reconciliation stored on the
platform's screening list.

The store folder is `app.state.cems_store`, else ``CHINAETS_CEMS_STORE`` (default
``chinaets-cems``). Refused parameters answer 422 with the bilingual problems.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

from chinaets.api.registry import Caller
from chinaets.cems import service
from chinaets.core import limits
from chinaets.core.errors import Location
from chinaets.platform.monitoring import MonitoringRun, replace_findings
from chinaets.platform.store import PlatformStore
from chinaets.platform.submit import utc_now
from chinaets.registry.errors import denied
from chinaets.registry.records import Actor, Role

router = APIRouter(prefix="/cems", tags=["cems"])
YearQ = Annotated[int, Query(ge=2000, le=2100, description="Data year / 数据年度")]
RegimeQ = Annotated[str, Query(description="Substitution rule: hj75, eu or us / 修约规则")]


WRITERS = frozenset({Role.OPERATOR, Role.MINISTRY})
OCTET_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
    }
}


def require_writer(actor: Actor) -> None:
    """CEMS data and findings are national: only the national roles change them."""
    if actor.role not in WRITERS:
        raise denied("change CEMS data or findings", "更改在线监测数据或核查发现")


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


@router.post(
    "/reconcile", summary="Store the reconciliation's findings for screening / 比对结果写入筛查清单"
)
def publish(
    request: Request, actor: Caller, year: YearQ, regime: RegimeQ = "hj75"
) -> dict[str, Any]:
    """Reconcile and replace this year's CEMS findings of the accounted units on the platform's
    screening list (re-posting gives the same list)."""
    require_writer(actor)
    root = store_root(request)
    accounts = service.saved_accounts(root)
    rows, screening = service.reconcile(root, year, accounts, regime=regime)
    run = MonitoringRun(
        "cems", year, service.covered_units(accounts, year), service.reference(regime)
    )
    platform: PlatformStore = request.app.state.platform
    stored = replace_findings(platform, run, screening.to_pylist(), utc_now())
    return {"reconciliation": rows.to_pylist(), "findings": screening.to_pylist(),
            "stored_findings": stored}  # fmt: skip


async def _body(request: Request) -> bytes:
    """The upload, within the limit the API guard also enforces while it streams."""
    body = await request.body()
    limits.check_size(len(body), Location(field="body"))
    return body


@router.post("/devices", summary="Declare the monitoring configuration / 声明监测配置",
             openapi_extra=OCTET_BODY)  # fmt: skip
async def devices(
    request: Request, actor: Caller,
    format: Annotated[str, Query(pattern="^(csv|parquet)$", description="csv or parquet")] = "csv",
) -> dict[str, int]:  # fmt: skip
    """Devices (HJ 212 MN) with the unit and basis of every factor, as `--devices` takes them;
    a device-factor declared again replaces the earlier declaration."""
    require_writer(actor)
    body = await _body(request)
    count = await run_in_threadpool(service.declare_devices, store_root(request), body, format)
    return {"devices": count}


@router.post("/ingest", summary="Upload HJ 212 packets or an export / 上传在线监测数据",
             openapi_extra=OCTET_BODY)  # fmt: skip
async def ingest(
    request: Request, actor: Caller,
    format: Annotated[
        str, Query(pattern="^(hj212|csv|parquet)$", description="hj212, csv or parquet")
    ] = "hj212",
    name: Annotated[
        str | None, Query(max_length=200, description="file name the lines refer to")
    ] = None,
) -> dict[str, Any]:  # fmt: skip
    """Packets read, rows stored, and every refused packet or row with its line and the reason
    in Chinese and English; posting the same data again changes nothing."""
    require_writer(actor)
    body = await _body(request)
    # the ingest is CPU and disk work: off the event loop, beside the sync endpoints
    report = await run_in_threadpool(service.ingest_upload, store_root(request), body, format, name)
    return report.as_dict()
