"""Column headers and cell values of read-model tables in the page's language: provinces,
sectors, account kinds and states, unit kinds, fuels and variables in Chinese on the Chinese
pages, never the internal codes.

Sector and fuel names come from the discovered sectors (their `Sector.zh`, and the ``fuels()``
of their schema module where they have one), so a new sector brings its own names.
"""

from __future__ import annotations

import sys
from functools import cache
from typing import Any

from chinaets.core.china import PROVINCES
from chinaets.mrv.sectors import sectors
from chinaets.national.readmodel.dictionary import Column

HEADERS: dict[str, str] = {
    "year": "Year", "sector": "Sector", "credit_code": "Credit code", "name": "Name",
    "province": "Province", "status": "Status", "units": "Units",
    "total_emissions_t": "Total emissions tCO2e", "obligation_t": "Obligation tCO2e",
    "intensity_emissions_t": "Intensity numerator tCO2e", "intensity_output": "Output",
    "intensity_unit": "Output unit", "intensity_unit_zh": "Output unit (zh)",
    "intensity": "Intensity", "unit_id": "Unit", "kind": "Kind", "category": "Category",
    "emissions_t": "Emissions tCO2e", "output": "Output", "output_unit": "Output unit",
    "variable": "Figure", "unit": "Unit of measure", "value": "Value", "month": "Month",
    "verified_t": "Verified t", "allocation_t": "Allocation t", "pre_allocated_t": "Pre-allocated t",
    "surplus_t": "Surplus t", "draft": "Draft values", "account_id": "Account", "holder": "Holder",
    "state": "State", "held_t": "Held t", "frozen_t": "Frozen t", "free_t": "Free t",
    "unit_kind": "Unit kind", "vintage": "Vintage", "project": "Project",
    "compliance_year": "Compliance year", "quantity_t": "Quantity t", "forced": "Forced",
}  # fmt: skip
"""Short English headers (the Chinese ones are the dictionary's)."""

HEADERS_ZH: dict[str, str] = {
    "province": "省份", "intensity_unit": "强度分母单位", "intensity_output": "产量",
    "intensity_unit_zh": "强度分母单位（中文）", "unit_id": "核定单元", "unit": "计量单位",
    "holder": "持有人", "status": "状态", "total_emissions_t": "排放总量 tCO2e",
    "obligation_t": "清缴范围排放量 tCO2e", "intensity_emissions_t": "强度分子 tCO2e",
    "intensity": "排放强度", "emissions_t": "排放量 tCO2e", "output": "产出",
    "category": "类别", "kind": "单元类型", "variable": "指标", "value": "数值",
    "name": "单位名称", "units": "核定单元数",
}  # fmt: skip
"""Chinese headers where the dictionary's meaning is longer than a header should be."""

CODES: dict[str, tuple[str, str]] = {
    "trading": ("trading", "纳入交易"), "reporting": ("reporting, not yet trading", "报告行业，尚未纳入交易"),
    "generating_unit": ("generating unit", "发电机组"), "clinker_line": ("clinker line", "熟料生产线"),
    "electrolysis": ("electrolysis", "电解工序"), "enterprise": ("enterprise", "企业"),
    "installation": ("installation", "设施"), "holding": ("holding", "持有账户"),
    "clearing": ("clearing", "结算账户"), "provincial_issuing": ("provincial issuing", "省级签发账户"),
    "mee_issuing": ("MEE issuing", "生态环境部签发账户"), "cancellation": ("cancellation", "注销账户"),
    "supply": ("supply", "总量账户"), "open": ("open", "正常"), "closed": ("closed", "已关闭"),
    "CEA": ("CEA", "碳排放配额"), "CCER": ("CCER", "核证自愿减排量"),
    "emissions": ("emissions", "排放量"), "fuel_consumption": ("fuel consumption", "燃料消耗量"),
    "ncv": ("NCV", "低位发热量"), "carbon_content": ("carbon content", "单位热值含碳量"),
    "generation": ("generation", "发电量"), "heat_supplied": ("heat supplied", "供热量"),
    "running_hours": ("running hours", "运行小时数"), "rated": ("rated power", "额定功率"),
    "load_factor": ("load factor", "负荷系数"), "supplied": ("supplied electricity", "供电量"),
    "emissions_direct": ("direct emissions", "直接排放"), "emissions_indirect": ("indirect emissions", "间接排放"),
    "purchased_electricity": ("purchased electricity", "购入电力"), "capacity": ("capacity", "装机容量"),
    "emissions_fuel": ("fuel combustion", "燃料燃烧排放"), "emissions_process": ("process", "过程排放"),
    "process_deductions": ("process deductions", "过程排放扣减"), "clinker": ("clinker", "熟料产量"),
    "emissions_anode": ("anode consumption", "阳极消耗排放"), "emissions_pfc": ("anode-effect PFCs", "阳极效应全氟化碳排放"),
    "emissions_carbonates": ("carbonates", "碳酸盐分解排放"), "aluminium_liquid": ("aluminium liquid", "铝液产量"),
    "ironmaking_sintering": ("ironmaking + sintering emissions", "炼铁与烧结工序排放"),
    "crude_steel": ("crude steel", "粗钢产量"), "ironmaking_output": ("ironmaking product", "炼铁工序产品产量"),
    "emissions_other": ("other emissions", "其他排放"), "route_bf_bof": ("long process (BF-BOF)", "长流程"),
    "MWh": ("MWh", "兆瓦时"), "GJ": ("GJ", "吉焦"), "MW": ("MW", "兆瓦"), "h": ("h", "小时"),
    "t": ("t", "吨"), "t clinker": ("t clinker", "吨熟料"), "t aluminium liquid": ("t aluminium liquid", "吨铝液"),
    "t ironmaking product": ("t ironmaking product", "吨炼铁工序产品"), "1": ("1", "—"),
}  # fmt: skip
"""Codes that reach a page as cell values: English and Chinese."""

TRANSLATED = frozenset(
    {"sector", "province", "status", "kind", "state", "unit_kind", "variable", "unit",
     "output_unit", "intensity_unit"}
)  # fmt: skip
HIDDEN = frozenset({"intensity_unit_zh"})
"""Columns not shown on a page (``intensity_unit`` shows the Chinese name on Chinese pages)."""


def column(c: Column, lang: str) -> str:
    if lang == "zh":
        return HEADERS_ZH.get(c.name, c.zh)
    return HEADERS.get(c.name, c.name.replace("_", " "))


def cell(name: str, value: Any, lang: str) -> Any:
    """A cell of column `name` for display: codes in the page's language."""
    if name not in TRANSLATED or not isinstance(value, str):
        return value
    if name == "province":
        return province(value, lang)
    if name == "sector":
        return sector(value, lang)
    if name == "variable":
        return variable(value, lang)
    return code(value, lang)


def code(value: str, lang: str) -> str:
    pair = CODES.get(value) or _fuels().get(value)
    return value if pair is None else pair[1 if lang == "zh" else 0]


def province(value: str, lang: str) -> str:
    return PROVINCES[value][0] if lang == "zh" and value in PROVINCES else value


def sector(value: str, lang: str) -> str:
    return _sector_zh().get(value, value) if lang == "zh" else value


def _sector_zh() -> dict[str, str]:  # not cached: sectors() is, and a reset finds new folders
    return {name: s.zh for name, s in sectors().items()}


def variable(value: str, lang: str) -> str:
    """``emissions|bituminous`` → ``排放量｜烟煤``."""
    parts = [code(p, lang) for p in value.split("|")]
    return ("｜" if lang == "zh" else " | ").join(parts)


@cache
def _fuels() -> dict[str, tuple[str, str]]:
    """Fuel codes of every sector whose schema module has ``fuels()`` (en, zh)."""
    found: dict[str, tuple[str, str]] = {}
    for s in sectors().values():
        module = sys.modules.get(s.report_model.__module__)
        table = getattr(module, "fuels", None)
        if not callable(table):
            continue
        for key, fuel in table().items():
            en, zh = getattr(fuel, "en", key), getattr(fuel, "zh", key)
            found.setdefault(key, (str(en), str(zh)))
    return found
