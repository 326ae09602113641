"""Further rows of the chemical supplementary table: an ammonia plant that co-produces methanol
(联醇) splits its shared inputs between the two products, ammonia 1 : methanol 1.06 for raw
material (carbon balance and fuels) and heat, 1 : 0.8 for electricity (T16 [S]); rows 5.n give
the ammonia part and its intensity per tonne of ammonia."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from chinaets.core.rounding import round_half_up
from chinaets.mrv.chemicals.schema import ChemicalReport
from chinaets.mrv.ndrc.results import FacilityResult, ReportingResult
from chinaets.rules import ParametersAt

Rows = list[dict[str, Any]]


def annex(p: ParametersAt, report: ChemicalReport, result: ReportingResult) -> Rows:
    made: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for r in report.products:
        made[r.unit_id][r.product] += r.quantity
    rows: Rows = []
    for f in result.facilities:
        ammonia, methanol = made[f.unit_id]["ammonia"], made[f.unit_id]["methanol"]
        if ammonia > 0 and methanol > 0:
            rows += _ammonia_part(p, f, ammonia, methanol)
    return rows


def _ammonia_part(p: ParametersAt, f: FacilityResult, ammonia: float, methanol: float) -> Rows:
    def share(kind: str) -> float:
        return ammonia / (ammonia + methanol * float(p("coproduction_allocation", kind)))

    parts = f.template_parts
    raw = parts.get("combustion", 0.0) + parts.get("process", 0.0) + parts.get("recovery", 0.0)
    items = [
        ("5.1", "合成氨分摊原料及燃料CO2", "ammonia share of raw material and fuel CO2", raw * share("raw_material")),
        ("5.2", "合成氨分摊电力CO2", "ammonia share of electricity CO2", parts.get("electricity", 0.0) * share("electricity")),
        ("5.3", "合成氨分摊热力CO2", "ammonia share of heat CO2", parts.get("heat", 0.0) * share("heat")),
    ]  # fmt: skip
    total = sum(v for *_, v in items)
    rows = [_row(f.unit_id, code, zh, en, round_half_up(v, 2), "tCO2") for code, zh, en, v in items]
    rows.append(
        _row(f.unit_id, "5.4", "合成氨CO2排放量", "ammonia CO2", round_half_up(total, 2), "tCO2")
    )
    rows.append(
        _row(f.unit_id, "5.5", "合成氨排放强度", "ammonia intensity", round_half_up(total / ammonia, 4), "tCO2/t")
    )  # fmt: skip
    return rows


def _row(unit_id: str, code: str, zh: str, en: str, value: float, unit: str) -> dict[str, Any]:
    return {
        "unit_id": unit_id, "code": code, "item_zh": zh, "item_en": en, "value": value,
        "unit": unit, "method": "联醇分摊：原料、热力 1 : 1.06，电力 1 : 0.8",
    }  # fmt: skip
