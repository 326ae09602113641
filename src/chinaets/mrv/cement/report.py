"""The report tables of a cement entity's annual emission report, as rows for any writer."""

from __future__ import annotations

from typing import Any

from chinaets.core.rounding import round_half_up
from chinaets.mrv.cement.results import EntityResult, LineResult
from chinaets.mrv.cement.schema import CLINKER_TYPES, materials
from chinaets.mrv.industry.combustion import FuelResult
from chinaets.mrv.industry.schema import fuels

Rows = list[dict[str, Any]]

COLUMN_LABELS: dict[str, str] = {
    "credit_code": "统一社会信用代码", "name": "企业名称", "province": "省份", "year": "数据年度",
    "unit_id": "生产线编号", "clinker_t": "熟料产量 t", "fuel_tco2": "化石燃料燃烧排放 tCO2",
    "process_tco2": "过程排放 tCO2", "total_tco2": "排放总量 tCO2",
    "obligation_tco2": "履约口径排放量 tCO2", "intensity": "熟料单位产品排放 tCO2/t",
    "method": "过程排放核算方法", "gross_tco2": "熟料过程排放（扣减前） tCO2",
    "deducted_tco2": "替代原料扣减量 tCO2", "fuel": "燃料品种", "fuel_zh": "燃料（中文）",
    "quantity": "消耗量/产量/使用量", "ncv": "低位发热量 GJ/单位", "ncv_source": "发热量来源",
    "carbon_content": "单位热值含碳量 tC/GJ", "oxidation_rate": "碳氧化率", "tco2": "排放量 tCO2",
    "clinker_type": "熟料品种", "clinker_type_zh": "熟料品种（中文）", "factor": "排放因子/扣减系数 tCO2/t",
    "material": "替代原料", "material_zh": "替代原料（中文）", "month": "月份",
}  # fmt: skip


def report_tables(result: EntityResult) -> dict[str, Rows]:
    """Entity summary, lines, fuel combustion, clinker, deductions and composition months."""
    return {
        "entity": [_entity_row(result)],
        "lines": [_line_row(line) for line in result.lines],
        "fuels": [_fuel_row(line.unit_id, fr) for line in result.lines for fr in line.fuels],
        "clinker": [
            {
                "unit_id": line.unit_id, "clinker_type": c.clinker_type,
                "clinker_type_zh": CLINKER_TYPES[c.clinker_type][0], "quantity": c.quantity,
                "factor": c.factor.value, "tco2": c.tco2,
            }
            for line in result.lines for c in line.process.clinker
        ],
        "deductions": [
            {
                "unit_id": line.unit_id, "material": x.material,
                "material_zh": materials()[x.material].zh, "quantity": x.quantity,
                "factor": x.factor.value, "tco2": x.tco2,
            }
            for line in result.lines for x in line.process.deductions
        ],
        "composition": [
            {
                "unit_id": line.unit_id, "month": m.month, "clinker_t": m.clinker_t,
                "kiln_head_dust_t": m.kiln_head_dust_t, "bypass_dust_t": m.bypass_dust_t,
                "cao_pct": m.cao_pct, "mgo_pct": m.mgo_pct,
                "noncarbonate_cao_pct": m.noncarbonate_cao_pct,
                "noncarbonate_mgo_pct": m.noncarbonate_mgo_pct,
                "factor": round_half_up(m.factor, 4), "tco2": round_half_up(m.tco2, 2),
            }
            for line in result.lines for m in line.process.composition
        ],
    }  # fmt: skip


def _entity_row(r: EntityResult) -> dict[str, Any]:
    return {
        "year": r.year,
        "credit_code": r.credit_code,
        "name": r.name,
        "province": r.province,
        "clinker_t": r.clinker_t,
        "fuel_tco2": r.fuel_tco2,
        "process_tco2": r.process_tco2,
        "total_tco2": r.total_tco2,
        "obligation_tco2": r.obligation_tco2,
    }


def _line_row(line: LineResult) -> dict[str, Any]:
    return {
        "unit_id": line.unit_id,
        "clinker_t": line.clinker_t,
        "fuel_tco2": line.fuel_tco2,
        "method": line.process.method,
        "gross_tco2": line.process.gross_tco2,
        "deducted_tco2": line.process.deducted_tco2,
        "process_tco2": line.process.tco2,
        "total_tco2": line.total_tco2,
        "intensity": line.intensity,
    }


def _fuel_row(unit_id: str, fr: FuelResult) -> dict[str, Any]:
    return {"unit_id": unit_id, "fuel_zh": fuels()[fr.fuel].zh, **fr.as_dict()}
