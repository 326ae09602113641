"""The report tables of an iron & steel entity's annual emission report, as rows for any writer.
Values are already rounded as the tables round (parameters/report_decimals.yaml)."""

from __future__ import annotations

from typing import Any

from chinaets.mrv.industry.combustion import FuelResult
from chinaets.mrv.industry.schema import fuels
from chinaets.mrv.steel.results import EntityResult, MaterialLine
from chinaets.mrv.steel.schema import materials, products

Rows = list[dict[str, Any]]

COLUMN_LABELS: dict[str, str] = {
    "credit_code": "统一社会信用代码", "name": "企业名称", "province": "省份", "year": "数据年度",
    "route": "工艺路线", "fuel": "燃料品种", "fuel_zh": "燃料（中文）", "quantity": "数量",
    "purchased": "购入量", "sold": "外销量", "stock_increase": "库存增加量",
    "to_power_sector": "纳入发电行业机组消耗量", "ncv": "低位发热量 GJ/单位",
    "ncv_source": "发热量来源", "carbon_content": "单位热值含碳量 tC/GJ",
    "oxidation_rate": "碳氧化率", "tco2": "排放量 tCO2", "code": "品种", "code_zh": "品种（中文）",
    "kind": "类别", "emission_factor": "排放因子 tCO2/t", "accounted": "是否核算",
    "process_id": "工序编号", "process": "工序类型", "direction": "输入/输出",
    "in_tco2": "输入 tCO2", "out_tco2": "输出 tCO2",
    "unit_id": "机组编号", "covered_by_power_sector": "已纳入发电行业",
    "fuel_tco2": "化石燃料排放 tCO2", "carbonate_tco2": "碳酸盐排放 tCO2",
    "electrode_tco2": "电极排放 tCO2", "material_tco2": "外购含碳原料排放 tCO2",
    "product_tco2": "含碳产品扣除 tCO2", "enterprise_tco2": "企业排放量 tCO2",
    "process_tco2": "工序排放合计 tCO2", "unit_tco2": "自备电厂排放合计 tCO2",
    "other_tco2": "其他排放 tCO2", "crude_steel_t": "粗钢产量 t",
    "intensity": "吨粗钢排放强度 tCO2/t", "obligation_tco2": "履约口径排放量 tCO2",
}  # fmt: skip


def report_tables(result: EntityResult) -> dict[str, Rows]:
    """Entity summary, enterprise fuels and materials (formula 1), processes and their flows
    (formula 2), power units and their fuels (formula 3)."""
    return {
        "entity": [_entity_row(result)],
        "fuels": [{**_fuel_row(x), **result.fuel_parts[x.fuel]} for x in result.fuels],
        "materials": [_material_row(m) for m in [*result.materials, *result.products]],
        "processes": [
            {
                "process_id": p.process_id,
                "process": p.process,
                "name": p.name,
                "in_tco2": sum(x.tco2 for x in p.inputs),
                "out_tco2": sum(x.tco2 for x in p.outputs),
                "tco2": p.tco2,
            }
            for p in result.processes
        ],
        "process_flows": [
            {"process_id": p.process_id, "direction": direction, **_fuel_row(x)}
            for p in result.processes
            for direction, lines in (("in", p.inputs), ("out", p.outputs))
            for x in lines
        ],
        "power_units": [
            {
                "unit_id": u.unit_id,
                "name": u.name,
                "covered_by_power_sector": u.covered_by_power_sector,
                "tco2": u.tco2,
            }
            for u in result.units
        ],
        "unit_fuels": [
            {"unit_id": u.unit_id, **_fuel_row(x)} for u in result.units for x in u.fuels
        ],
    }


def _entity_row(r: EntityResult) -> dict[str, Any]:
    keys = (
        "year", "credit_code", "name", "province", "route", "fuel_tco2", "carbonate_tco2",
        "electrode_tco2", "material_tco2", "product_tco2", "enterprise_tco2", "process_tco2",
        "unit_tco2", "other_tco2", "crude_steel_t", "intensity", "obligation_tco2",
    )  # fmt: skip
    return {k: getattr(r, k) for k in keys}


def _fuel_row(x: FuelResult) -> dict[str, Any]:
    row: dict[str, Any] = {"fuel": x.fuel, "fuel_zh": fuels()[x.fuel].zh, **x.as_dict()}
    return row


def _material_row(m: MaterialLine) -> dict[str, Any]:
    names = products() if m.kind == "product" else materials()
    return {
        "code": m.code,
        "code_zh": names[m.code].zh if m.code in names else m.code,
        **m.as_dict(),
    }
