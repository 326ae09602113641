"""The CEMS page of one unit: its hourly CO2 series for a month (chart), the validity of its
hours per month, and CEMS against the accounts per month. The store is ``<data>/cems`` (as
``chinaets cems demo --store <data>/cems`` writes it) or ``CHINAETS_CEMS_STORE``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from chinaets.cems import service
from chinaets.core.errors import ChinaetsError

STATES = {
    "measured": ("measured", "实测"), "off": ("unit off", "停运"),
    "unsubstituted": ("invalid, not substituted", "无效未修约"),
}  # fmt: skip
STATUS = {"ok": ("ok", "正常"), "flag": ("beyond screening threshold", "超过筛查阈值"),
          "alert": ("beyond alert threshold", "超过警报阈值"),
          "not_comparable": ("not comparable (substituted)", "不可比（修约过多）")}  # fmt: skip


def store_root(data_dir: Path) -> Path:
    return Path(os.environ.get("CHINAETS_CEMS_STORE") or data_dir / "cems")


def register(app: FastAPI, render: Any, who: Any, data_dir: Path) -> None:
    @app.get("/cems/{unit_id}", response_class=HTMLResponse)
    def cems_unit(request: Request, unit_id: str, year: int = 2024, month: int = 1) -> HTMLResponse:
        viewer = who(request)
        if not viewer.logged_in and not viewer.open_demo:
            return RedirectResponse("/login", status_code=303)  # type: ignore[return-value]
        try:
            context = unit_page(store_root(data_dir), unit_id, year, min(max(month, 1), 12))
        except ChinaetsError:
            return render(request, "message", {"message": "not_found"}, 404)  # type: ignore[no-any-return]
        if context is None:
            return render(request, "message", {"message": "not_found"}, 404)  # type: ignore[no-any-return]
        return render(request, "cems_unit", context)  # type: ignore[no-any-return]


def unit_page(root: Path, unit_id: str, year: int, month: int) -> dict[str, Any] | None:
    hours = service.hour_series(root, year, unit_id).to_pylist()
    if not hours:
        return None
    months = service.totals(root, year, "month", unit=unit_id).to_pylist()
    try:
        rows, screening = service.reconcile(root, year, service.saved_accounts(root))
        reconciled = [r for r in rows.to_pylist() if r["unit_id"] == unit_id]
        findings = [f for f in screening.to_pylist() if f["unit_id"] == unit_id]
    except ChinaetsError:  # no accounts stored beside the CEMS data
        reconciled, findings = [], []
    return {
        "unit_id": unit_id, "year": year, "month": month, "months": months,
        "reconciled": reconciled, "findings": findings, "status": STATUS,
        "hour_chart": _hour_chart(hours, month), "compare_chart": _compare_chart(reconciled),
        "rules": _rule_counts(hours, month),
    }  # fmt: skip


def _hour_chart(hours: list[dict[str, Any]], month: int) -> dict[str, Any]:
    series: dict[str, list[list[float]]] = {"measured": [], "substituted": []}
    for h in hours:
        if h["ts"].month != month or h["state"] == "off" or h["tco2"] is None:
            continue
        x = round(h["ts"].day + h["ts"].hour / 24, 3)
        series["measured" if h["rule"] == "measured" else "substituted"].append([x, h["tco2"]])
    return {
        "type": "line", "unit": "tCO2/h",
        "series": [{"name": "measured 实测", "points": series["measured"]},
                   {"name": "substituted 修约", "points": series["substituted"]}],
    }  # fmt: skip


def _compare_chart(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "type": "line",
        "unit": "tCO2",
        "series": [
            {"name": "CEMS 在线监测", "points": [[r["month"], r["cems_tco2"]] for r in rows]},
            {"name": "accounts 核算", "points": [[r["month"], r["accounted_tco2"]] for r in rows]},
        ],
    }


def _rule_counts(hours: list[dict[str, Any]], month: int) -> list[tuple[str, str, int]]:
    counts: dict[str, int] = {}
    for h in hours:
        if h["ts"].month == month:
            counts[h["rule"]] = counts.get(h["rule"], 0) + 1
    out = []
    for rule, n in sorted(counts.items()):
        en, zh = STATES.get(rule, (f"substituted ({rule})", f"修约（{rule}）"))
        out.append((en, zh, n))
    return out
