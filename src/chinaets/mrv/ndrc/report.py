"""The report tables of a reporting sector: the data summary sheet (数据汇总表), facilities,
every source, and the supplementary-data table (补充数据表) per facility (rules reference
reporting-sectors.md §9: ``补充数据 | 数值 | 计算方法或填写要求``, CO2 only)."""

from __future__ import annotations

from typing import Any

from chinaets.mrv.ndrc.results import CATEGORIES, FacilityResult, ReportingResult, chinese_name

Rows = list[dict[str, Any]]

COLUMN_LABELS: dict[str, str] = {
    "year": "数据年度",
    "credit_code": "统一社会信用代码",
    "name": "企业名称",
    "province": "省份",
    "industry_code": "行业代码",
    "products": "主营产品（名称/单位/产量）",
    "energy_10k_tce": "企业综合能耗 万吨标煤",
    "total_10k_tco2e": "按指南核算的温室气体排放总量 万吨CO2e",
    "template_10k_tco2": "按补充数据表核算的二氧化碳排放总量 万吨",
    "unit_id": "设施编号",
    "facility": "设施名称",
    "total_tco2e": "排放总量 tCO2e",
    "template_tco2": "补充数据表CO2 tCO2",
    "output": "产量",
    "intensity": "排放强度",
    "category": "排放类别",
    "item": "排放源",
    "label": "排放源名称",
    "label_zh": "排放源名称（中文）",
    "gas": "气体",
    "gas_t": "气体质量 t",
    "tco2e": "排放量 tCO2e",
    "formula": "计算公式",
    "code": "序号",
    "item_zh": "补充数据",
    "item_en": "item",
    "value": "数值",
    "unit": "单位",
    "method": "计算方法或填写要求",
    **{f"{k}_tco2e": f"{v[0]} tCO2e" for k, v in CATEGORIES.items()},
}


def report_tables(result: ReportingResult) -> dict[str, Rows]:
    """The sector's further supplementary rows are the result's `annex`."""
    return {
        "entity": [summary_row(result)],
        "facilities": [_facility_row(f, shown_categories(result)) for f in result.facilities],
        "sources": [_source_row(s) for f in result.facilities for s in f.sources],
        "supplementary": [
            *(row for f in result.facilities for row in supplementary(result, f)),
            *result.annex,
        ],
    }


def summary_row(r: ReportingResult) -> dict[str, Any]:
    """The 数据汇总表 line: up to three main products, energy and the two totals in 10^4 t."""
    listed = r.products[:3] or [(r.output_unit[1], r.output_unit[1], r.output)]
    return {
        "year": r.year,
        "credit_code": r.credit_code,
        "name": r.name,
        "province": r.province,
        "industry_code": r.industry_code,
        "products": "；".join(f"{zh}/{unit}/{q:,.2f}" for zh, unit, q in listed),
        "total_tco2e": r.total_tco2e,
        "template_tco2": r.template_tco2,
        "output": r.output,
        "intensity": r.intensity,
        "energy_10k_tce": round(r.energy_tce / 1e4, 4),
        "total_10k_tco2e": round(r.total_tco2e / 1e4, 4),
        "template_10k_tco2": round(r.template_tco2 / 1e4, 4),
    }


def shown_categories(r: ReportingResult) -> list[str]:
    """The categories the report shows: those the template counts and any with emissions."""
    return [k for k in CATEGORIES if k in r.template_categories or r.categories[k]]


def _facility_row(f: FacilityResult, shown: list[str]) -> dict[str, Any]:
    return {
        "unit_id": f.unit_id,
        "facility": f.name,
        **{f"{k}_tco2e": f.categories[k] for k in shown},
        "total_tco2e": f.total_tco2e,
        "template_tco2": f.template_tco2,
        "output": f.output,
        "intensity": f.intensity,
    }


def _source_row(s: Any) -> dict[str, Any]:
    return {
        "unit_id": s.unit_id,
        "category": s.category,
        "item": s.item,
        "label": s.label,
        "label_zh": chinese_name(s.label),  # what a Chinese reader reads in place of "zh / en"
        "gas": s.gas,
        "gas_t": s.gas_t,
        "tco2e": s.tco2e,
        "formula": s.formula,
    }


def supplementary(r: ReportingResult, f: FacilityResult) -> Rows:
    """Item 1 CO2 = Σ 1.n template categories; 2 output; 3 intensity = 1 / 2."""
    counted = list(r.template_categories)
    rows = [
        _item(
            f,
            "1",
            ("二氧化碳排放量", "CO2 emissions"),
            f.template_tco2,
            "tCO2",
            " + ".join(f"1.{i + 1}" for i in range(len(counted))),
        ),
    ]
    for i, k in enumerate(counted):
        rows.append(
            _item(f, f"1.{i + 1}", CATEGORIES[k], f.template_parts[k], "tCO2", "按核算指南公式")
        )
    rows.append(
        _item(
            f,
            "2",
            ("产量", "output"),
            f.output,
            r.output_unit[1],
            "企业计量 > 上报主管部门 > 统计局",
        )
    )
    rows.append(
        _item(f, "3", ("排放强度", "intensity"), f.intensity, f"tCO2/{r.output_unit[1]}", "1 / 2")
    )
    return rows


def _item(
    f: FacilityResult, code: str, names: tuple[str, str], value: Any, unit: str, method: str
) -> dict[str, Any]:
    return {
        "unit_id": f.unit_id,
        "code": code,
        "item_zh": names[0],
        "item_en": names[1],
        "value": value,
        "unit": unit,
        "method": method,
    }
