"""The report tables of a power entity's annual emission report, as rows for any writer."""

from __future__ import annotations

from typing import Any

from chinaets.core.rounding import round_half_up
from chinaets.mrv.power.results import EntityResult
from chinaets.mrv.power.schema import fuels

Rows = list[dict[str, Any]]

COLUMN_LABELS: dict[str, str] = {
    "credit_code": "统一社会信用代码", "name": "企业名称", "province": "省份", "year": "数据年度",
    "unit_id": "机组编号", "month": "月份", "fuel": "燃料品种", "fuel_zh": "燃料（中文）",
    "quantity": "消耗量", "ncv": "低位发热量 GJ/单位", "carbon": "收到基元素碳含量 tC/单位",
    "carbon_content": "单位热值含碳量 tC/GJ", "carbon_source": "含碳量来源",
    "oxidation_rate": "碳氧化率", "tco2": "排放量 tCO2", "direct_tco2": "化石燃料燃烧排放 tCO2",
    "indirect_tco2": "购入电力排放 tCO2", "purchased_mwh": "购入使用电量 MWh",
    "obligation_tco2": "履约口径排放量 tCO2", "total_tco2": "排放总量 tCO2",
    "generation_mwh": "发电量 MWh", "heat_supplied_gj": "供热量 GJ", "running_hours": "运行小时数",
    "load_factor": "负荷（出力）系数", "supplied_mwh": "供电量 MWh", "heat_ratio": "供热比",
    "rated_mw": "额定功率 MW", "heat_source": "供热量来源", "ncv_source": "发热量来源",
    "intensity_t_per_mwh": "发电碳排放强度 tCO2/MWh", "indirect_in_obligation": "间接排放是否纳入履约",
}  # fmt: skip


def report_tables(result: EntityResult) -> dict[str, Rows]:
    """Entity summary, units, fuels by month (table C.3) and production by month."""
    return {
        "entity": [_entity_row(result)],
        "units": [_unit_row(u) for u in result.units],
        "fuel_months": [
            {"unit_id": u.unit_id, **_fuel_month_row(fm)}
            for u in result.units
            for fm in u.fuel_months
        ],
        "unit_months": [
            {
                "unit_id": u.unit_id,
                "month": m.month,
                "generation_mwh": m.generation_mwh,
                "heat_supplied_gj": round_half_up(m.heat_supplied_gj, 2),
                "heat_source": m.heat_source,
                "running_hours": m.running_hours,
                "load_factor": _opt(m.load_factor, 4),
                "purchased_mwh": m.purchased_mwh,
            }
            for u in result.units
            for m in u.months
        ],
    }


def _entity_row(r: EntityResult) -> dict[str, Any]:
    return {
        "year": r.year,
        "credit_code": r.credit_code,
        "name": r.name,
        "province": r.province,
        "direct_tco2": r.direct_tco2,
        "purchased_mwh": r.purchased_mwh,
        "indirect_tco2": r.indirect_tco2,
        "indirect_in_obligation": bool(r.indirect_in_obligation.value),
        "total_tco2": round_half_up(r.total_tco2, 2),
        "obligation_tco2": r.obligation_tco2,
    }


def _unit_row(u: Any) -> dict[str, Any]:
    return {
        "unit_id": u.unit_id,
        "rated_mw": u.rated_mw,
        "direct_tco2": u.direct_tco2,
        "generation_mwh": u.generation_mwh,
        "heat_supplied_gj": round_half_up(u.heat_supplied_gj, 2),
        "running_hours": u.running_hours,
        "load_factor": _opt(u.load_factor, 4),
        "supplied_mwh": _opt(u.supplied_mwh, 2),
        "heat_ratio": round_half_up(u.heat_ratio, 4),
        "intensity_t_per_mwh": _opt(
            u.direct_tco2 / u.generation_mwh if u.generation_mwh else None, 4
        ),
    }


def _fuel_month_row(fm: Any) -> dict[str, Any]:
    return {
        "month": fm.month,
        "fuel": fm.fuel,
        "fuel_zh": fuels()[fm.fuel].zh,
        "quantity": round_half_up(fm.quantity, 2),
        "ncv": round_half_up(fm.ncv, 3),
        "ncv_source": fm.ncv_source,
        "carbon": round_half_up(fm.carbon, 4),
        "carbon_content": round_half_up(fm.carbon_content, 5),
        "carbon_source": fm.carbon_source,
        "oxidation_rate": fm.oxidation.value if fm.oxidation else None,
        "tco2": fm.tco2,
    }


def _opt(value: float | None, decimals: int) -> float | None:
    return None if value is None else round_half_up(value, decimals)


def fuel_appendix() -> list[str]:
    """The fuels of the guideline, for the input-format page."""
    rows = [f"| `{f.code}` | {f.zh} | {f.en} | {f.category} | {f.unit} |" for f in fuels().values()]
    head = [
        "## Fuels / 燃料品种",
        "",
        "| code | 中文 | English | category | unit |",
        "|---|---|---|---|---|",
    ]
    return [*head, *rows, ""]
