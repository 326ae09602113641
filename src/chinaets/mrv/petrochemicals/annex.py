"""Further rows of the petrochemical supplementary table (T20XX, 原油加工, the rows read):
per refinery and fuel, item 1.1 broken down as 1.1.n.1 consumption (t or 10^4 m3), 1.1.n.2 net
calorific value, 1.1.n.3 carbon per unit heat (tC/GJ) and 1.1.n.4 oxidation rate, entered in
percent (98 for 98 %) as the template asks."""

from __future__ import annotations

from typing import Any

from chinaets.mrv.ndrc.results import ReportingResult, Source
from chinaets.rules import ParametersAt

Rows = list[dict[str, Any]]
ITEMS = (
    ("FC", "消耗量", "consumption", "t或万m3", 1.0),
    ("NCV", "低位发热量", "net calorific value", "GJ/t或GJ/万m3", 1.0),
    ("CC", "单位热值含碳量", "carbon per unit heat", "tC/GJ", 1.0),
    ("OF", "碳氧化率", "oxidation rate", "%", 100.0),
)


def annex(p: ParametersAt, report: Any, result: ReportingResult) -> Rows:
    rows: Rows = []
    for f in result.facilities:
        fuels = [s for s in f.sources if s.category == "combustion"]
        for n, source in enumerate(fuels, start=1):
            rows += _fuel_rows(f.unit_id, n, source)
    return rows


def _fuel_rows(unit_id: str, n: int, source: Source) -> Rows:
    values = {t.symbol: t.value for t in source.terms}
    name = source.label.split(" / ")[0]
    return [
        {
            "unit_id": unit_id, "code": f"1.1.{n}.{i}", "item_zh": f"{name} {zh}",
            "item_en": f"{source.item} {en}", "value": round(values[symbol] * scale, 6),
            "unit": unit, "method": "按核算与报告指南公式(2)",
        }
        for i, (symbol, zh, en, unit, scale) in enumerate(ITEMS, start=1)
    ]  # fmt: skip
