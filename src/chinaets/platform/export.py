"""The screening list and the risk ranking as an Excel workbook, headed in both languages."""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook

from chinaets.core.china import PROVINCES
from chinaets.platform.records import ScreeningRow
from chinaets.platform.screening import EntityRisk

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
SOURCE_ZH = {"submission": "年度报告", "deposit": "月度存证", "review": "审核", "cems": "在线监测"}
COLUMNS = (
    ("severity", "严重程度"), ("source", "来源"), ("code", "代码"), ("sector", "行业"),
    ("province", "省份"), ("credit_code", "统一社会信用代码"), ("name", "单位名称"),
    ("unit_id", "设施"), ("year", "年度"), ("month", "月份"), ("field", "数据项"),
    ("tco2_at_stake", "涉及排放量 tCO2"), ("zh", "说明"), ("en", "description"),
)  # fmt: skip
RISK_COLUMNS = (
    ("credit_code", "统一社会信用代码"), ("name", "单位名称"), ("province", "省份"),
    ("sector", "行业"), ("errors", "错误数"), ("warnings", "警告数"),
    ("tco2_at_stake", "涉及排放量 tCO2"),
)  # fmt: skip


def province_zh(name: str) -> str:
    return PROVINCES[name][0] if name in PROVINCES else name


def _cell(key: str, value: object) -> object:
    if key == "severity":
        return f"{SEVERITY_ZH.get(str(value), value)} {value}"
    if key == "source":
        return f"{SOURCE_ZH.get(str(value), value)} {value}"
    if key == "province":
        return f"{province_zh(str(value))} {value}"
    return "" if value is None else value


def workbook(rows: Sequence[ScreeningRow], risks: Sequence[EntityRisk]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "screening 筛查"
    sheet.append([f"{zh} {en}" for en, zh in COLUMNS])
    for row in rows:
        data = row.as_dict()
        sheet.append([_cell(key, data[key]) for key, _ in COLUMNS])
    ranked = book.create_sheet("risk 风险排序")
    ranked.append([f"{zh} {en}" for en, zh in RISK_COLUMNS])
    for risk in risks:
        data = risk.as_dict()
        ranked.append([_cell(key, data[key]) for key, _ in RISK_COLUMNS])
    for ws in (sheet, ranked):
        ws.freeze_panes = "A2"
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def write_workbook(path: Path, rows: Sequence[ScreeningRow], risks: Sequence[EntityRisk]) -> None:
    path.write_bytes(workbook(rows, risks))
