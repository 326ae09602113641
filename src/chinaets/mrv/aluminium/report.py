"""The report tables of an aluminium smelting entity's annual emission report."""

from __future__ import annotations

from typing import Any

from chinaets.core.rounding import round_half_up
from chinaets.mrv.aluminium.results import EntityResult, ProcessResult
from chinaets.mrv.aluminium.schema import CARBONATES
from chinaets.mrv.industry.schema import fuels

Rows = list[dict[str, Any]]
PFC_DECIMALS = {"aem": 2, "cf4": 3, "c2f6": 4}
"""Report-table decimals of the PFC columns (rules reference §2.4 [C])."""

COLUMN_LABELS: dict[str, str] = {
    "credit_code": "统一社会信用代码", "name": "企业名称", "province": "省份", "year": "数据年度",
    "unit_id": "工序编号", "kind": "工序类型", "output_t": "原铝液产量 t",
    "fuel_tco2": "化石燃料燃烧排放 tCO2", "anode_tco2": "能源作为原材料用途（炭阳极）排放 tCO2",
    "pfc_tco2e": "阳极效应全氟化碳排放 tCO2e", "total_tco2e": "排放总量 tCO2e",
    "electrolysis_tco2e": "电解工序排放 tCO2e", "carbonate_tco2": "碳酸盐分解排放 tCO2",
    "obligation_tco2e": "履约口径排放量 tCO2e", "intensity": "吨铝排放 tCO2e/t",
    "gwp_set": "GWP版本", "month": "月份", "net_anode": "炭阳极净耗 t/t", "sulphur": "含硫量",
    "ash": "灰分", "anode_factor": "炭阳极排放因子 tCO2/t", "aem": "阳极效应 分钟/槽日",
    "pfc_method": "PFC方法", "ef_cf4": "CF4排放因子 kg/t", "ef_c2f6": "C2F6排放因子 kg/t",
    "fuel": "燃料品种", "fuel_zh": "燃料（中文）", "quantity": "消耗量", "ncv": "低位发热量",
    "ncv_source": "发热量来源", "carbon_content": "单位热值含碳量 tC/GJ", "oxidation_rate": "碳氧化率",
    "tco2": "排放量 tCO2", "material": "碳酸盐", "material_zh": "碳酸盐（中文）", "factor": "排放因子",
}  # fmt: skip


def report_tables(result: EntityResult) -> dict[str, Rows]:
    """Entity summary, processes, fuels, monthly anode and PFC data, carbonates."""
    return {
        "entity": [_entity_row(result)],
        "processes": [_process_row(p) for p in result.processes],
        "fuels": [
            {"unit_id": p.unit_id, "fuel_zh": fuels()[fr.fuel].zh, **fr.as_dict()}
            for p in result.processes
            for fr in p.fuels
        ],
        "months": [_month_row(p.unit_id, m) for p in result.processes for m in p.months],
        "carbonates": [
            {
                "material": c.material,
                "material_zh": CARBONATES[c.material][0],
                "quantity": c.quantity,
                "factor": c.factor.value,
                "tco2": c.tco2,
            }
            for c in result.carbonates
        ],
    }


def _entity_row(r: EntityResult) -> dict[str, Any]:
    return {
        "year": r.year, "credit_code": r.credit_code, "name": r.name, "province": r.province,
        "gwp_set": r.gwp_set, "output_t": r.output_t, "electrolysis_tco2e": r.electrolysis_tco2e,
        "carbonate_tco2": r.carbonate_tco2, "total_tco2e": r.total_tco2e,
        "obligation_tco2e": r.obligation_tco2e,
    }  # fmt: skip


def _process_row(p: ProcessResult) -> dict[str, Any]:
    return {
        "unit_id": p.unit_id, "kind": p.kind, "output_t": p.output_t, "fuel_tco2": p.fuel_tco2,
        "anode_tco2": p.anode_tco2, "pfc_tco2e": p.pfc_tco2e, "total_tco2e": p.total_tco2e,
        "intensity": None if p.intensity is None else round_half_up(p.intensity, 4),
    }  # fmt: skip


def _month_row(unit_id: str, m: Any) -> dict[str, Any]:
    return {
        "unit_id": unit_id, "month": m.month, "output_t": round_half_up(m.output_t, 2),
        "net_anode": m.anode.net_anode, "sulphur": m.anode.sulphur, "ash": m.anode.ash,
        "anode_factor": round_half_up(m.anode.tco2_per_t, 4),
        "anode_tco2": round_half_up(m.anode_tco2, 2), "pfc_method": m.pfc.method,
        "aem": None if m.pfc.aem is None else round_half_up(m.pfc.aem, PFC_DECIMALS["aem"]),
        "ef_cf4": round_half_up(m.pfc.cf4_kg_per_t, PFC_DECIMALS["cf4"]),
        "ef_c2f6": round_half_up(m.pfc.c2f6_kg_per_t, PFC_DECIMALS["c2f6"]),
        "pfc_tco2e": round_half_up(m.pfc_tco2e, 2),
    }  # fmt: skip
