"""Reconciliation rows as findings for the reviewer's screening list (``source = "cems"``).

One row per unit-month whose deviation is beyond the thresholds or whose data are mostly
substituted, one per unit-month with a stuck flow meter, and one per drift run (at its first
month), with the columns every screening source shares.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

COLUMNS = (
    "source", "severity", "code", "sector", "province", "credit_code", "unit_id", "year",
    "month", "field", "en", "zh", "tco2_at_stake",
)  # fmt: skip
SCHEMA = pa.schema(
    [(c, pa.int32() if c in ("year", "month") else pa.string()) for c in COLUMNS[:-1]]
    + [("tco2_at_stake", pa.float64())]
)


def screening_rows(reconciled: pa.Table) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for r in reconciled.to_pylist():  # unit-months: tens of thousands, not hours
        rows += _month_findings(r)
    return rows


def screening_table(reconciled: pa.Table) -> pa.Table:
    return pa.Table.from_pylist(screening_rows(reconciled), schema=SCHEMA)


def _month_findings(r: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    pct = f"{r['deviation'] * 100:+.1f} %"
    gap = abs(float(r["unexplained_tco2"]))
    if r["status"] == "alert":
        out.append(_row(r, "error", "CEMS_DEVIATION_ALERT", "cems_tco2", gap,
                        f"CEMS {r['cems_tco2']:,.0f} t vs accounted {r['accounted_tco2']:,.0f} t: unexplained {pct}, beyond the alert threshold",
                        f"在线监测 {r['cems_tco2']:,.0f} 吨，核算 {r['accounted_tco2']:,.0f} 吨：无法解释的偏差 {pct}，超过警报阈值"))  # fmt: skip
    elif r["status"] == "flag":
        out.append(_row(r, "warning", "CEMS_DEVIATION", "cems_tco2", gap,
                        f"CEMS {r['cems_tco2']:,.0f} t vs accounted {r['accounted_tco2']:,.0f} t: unexplained {pct}, beyond the screening threshold",
                        f"在线监测 {r['cems_tco2']:,.0f} 吨，核算 {r['accounted_tco2']:,.0f} 吨：无法解释的偏差 {pct}，超过筛查阈值"))  # fmt: skip
    elif r["status"] == "not_comparable":
        share = f"{r['substituted_share'] * 100:.0f} %"
        out.append(_row(r, "info", "CEMS_SUBSTITUTED", "substituted_share", 0.0,
                        f"{share} of operating hours substituted or invalid: the month is not comparable with the accounts",
                        f"{share} 的运行小时为修约或无效数据：该月不与核算结果比对"))  # fmt: skip
    if r["drift"] and r["drift_from_month"] == r["month"]:
        out.append(_row(r, "warning", "CEMS_DRIFT", "deviation", gap,
                        f"sustained {pct} bias from month {r['month']}: check the CO2 analyser and flow meter calibration",
                        f"自 {r['month']} 月起持续偏差 {pct}：请检查二氧化碳分析仪与流量计校准"))  # fmt: skip
    if r["stuck_hours"]:
        out.append(_row(r, "warning", "CEMS_FLOW_STUCK", "flow", float(r["stuck_tco2"]),
                        f"flue-gas flow repeated the same value for {r['stuck_hours']} valid hours: the flow meter may be stuck",
                        f"烟气流量连续 {r['stuck_hours']} 个有效小时数值不变：流量计可能卡滞"))  # fmt: skip
    return out


def _row(
    r: dict[str, Any], severity: str, code: str, field: str, at_stake: float, en: str, zh: str
) -> dict[str, Any]:
    return {
        "source": "cems", "severity": severity, "code": code, "sector": r["sector"],
        "province": r["province"], "credit_code": r["credit_code"], "unit_id": r["unit_id"],
        "year": r["year"], "month": r["month"], "field": field, "en": en, "zh": zh,
        "tco2_at_stake": round(at_stake, 3),
    }  # fmt: skip
