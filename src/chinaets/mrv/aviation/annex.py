"""Further rows of the civil aviation supplementary tables, built at accounting time:
airlines — per aircraft class, the fuel, CO2, transport turnover and intensity of domestic
commercial flights (T18); airports — each building as existing or new with its floor area, and
CO2 per 10^4 m2 (T18F)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from chinaets.core.rounding import round_half_up
from chinaets.mrv.aviation.schema import AviationReport, aircraft_classes, class_of_type
from chinaets.mrv.ndrc.results import ReportingResult
from chinaets.rules import ParametersAt

Rows = list[dict[str, Any]]


def annex(p: ParametersAt, report: AviationReport, result: ReportingResult) -> Rows:
    if report.entity.operator_kind == "airport":
        return _buildings(p, report, result)
    return _classes(report, result)


def _classes(report: AviationReport, result: ReportingResult) -> Rows:
    fuel: dict[str, float] = defaultdict(float)
    turnover: dict[str, float] = defaultdict(float)
    for r in report.flights:
        if r.scope == "domestic" and not r.excluded:
            fuel[r.aircraft_class] += r.fuel_t
            turnover[r.aircraft_class] += r.turnover_10k_tkm
    tco2 = _class_tco2(result)
    rows: Rows = []
    for cls, spec in aircraft_classes().items():
        if cls in fuel:
            intensity = round_half_up(tco2[cls] / turnover[cls], 4) if turnover[cls] else None
            name = f"第{cls}类 {spec['zh']}"
            rows += [
                _row(f"4.{cls}.1", f"{name} 燃油消耗量", f"class {cls} fuel", fuel[cls], "t"),
                _row(f"4.{cls}.2", f"{name} 航空器飞行活动CO2", f"class {cls} CO2", round_half_up(tco2[cls], 2), "tCO2"),
                _row(f"4.{cls}.3", f"{name} 运输周转量", f"class {cls} turnover", turnover[cls], "万吨公里"),
                _row(f"4.{cls}.4", f"{name} 排放强度", f"class {cls} intensity", intensity, "tCO2/万吨公里"),
            ]  # fmt: skip
    return rows


def _class_tco2(result: ReportingResult) -> dict[str, float]:
    """CO2 of the table's flights (domestic, not excluded) by aircraft class."""
    tco2: dict[str, float] = defaultdict(float)
    for f in result.facilities:
        for s in f.sources:
            parts = s.item.split(":")
            if parts[0] == "flight" and parts[1] == "domestic" and parts[-1] != "excluded":
                tco2[class_of_type()[parts[2]]] += s.tco2e
    return tco2


def _buildings(p: ParametersAt, report: AviationReport, result: ReportingResult) -> Rows:
    start = dt.date.fromisoformat(str(p("new_airport_date")))
    rows = [
        _row(
            "5",
            f"{b.building}（{'新增' if b.commissioned_on >= start else '既有'}）",
            f"{b.building} ({'new' if b.commissioned_on >= start else 'existing'})",
            b.floor_area_10k_m2,
            "万m²",
            b.unit_id,
            f"投运 {b.commissioned_on}",
        )
        for b in report.buildings
    ]
    area = sum(b.floor_area_10k_m2 for b in report.buildings)
    if area:
        per_area = round_half_up(result.template_tco2 / area, 2)
        rows.append(_row("6", "单位建筑面积排放", "CO2 per floor area", per_area, "tCO2/万m²"))
    return rows


def _row(
    code: str, zh: str, en: str, value: Any, unit: str, unit_id: str = "", method: str = ""
) -> dict[str, Any]:
    return {
        "unit_id": unit_id,
        "code": code,
        "item_zh": zh,
        "item_en": en,
        "value": value,
        "unit": unit,
        "method": method,
    }
