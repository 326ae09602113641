"""The province's data tables of the plan (D25 附1 Tables 1-1…1-5, 附2 Tables 2-1…2-5) filled from
a `Determination`, and written as two Excel workbooks with the official column headers
(``tables.yaml``): pre-allocation (表1) and determination (表2)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from openpyxl import Workbook
from openpyxl.styles import Font

from chinaets.allocation.determination import Determination
from chinaets.allocation.issuance import DeterminedIssuance, PreIssuance, entity_issuance
from chinaets.allocation.results import EntityAllocation
from chinaets.allocation.schema import AllocationInput
from chinaets.core.china import PROVINCES
from chinaets.mrv.power.schema import fuels
from chinaets.mrv.sectors import get_sector

Row = list[Any]
CLINKER_ZH = {"portland": "硅酸盐水泥熟料", "white_portland": "白色硅酸盐水泥熟料",
              "sulphoaluminate": "硫铝酸盐水泥熟料", "aluminate": "铝酸盐水泥熟料", "other": "其他"}  # fmt: skip
PRODUCT_ZH = {"condensing": "纯凝", "chp": "热电联产"}


@cache
def table_specs() -> dict[str, dict[str, Any]]:
    raw = yaml.safe_load((Path(__file__).parent / "tables.yaml").read_text(encoding="utf-8"))
    return dict(raw["tables"])


def spec_level(table: str) -> str:
    """``part`` (a table of one sector's units or lines) or ``entity`` (one per sector)."""
    return str(table_specs()[table]["level"])


@dataclass
class Sheet:
    table: str  # "1-1" … "2-5"
    title: str
    columns: list[str]
    rows: list[Row]
    sector: str | None = None


def _pct(x: float | None) -> float | None:
    return None if x is None else round(x * 100, 2)


def _pre_share(e: EntityAllocation) -> float | None:
    shares = [u.value for u in e.used if u.parameter.name.endswith("pre_allocation_share")]
    return float(shares[0]) * 100 if shares else None


def _rows_1_1(inp: AllocationInput, e: EntityAllocation) -> list[Row]:
    prev = {u.unit_id: u.prev_verified_tco2 for u in inp.units}
    share = _pre_share(e) if inp.pre_allocation_share is None else inp.pre_allocation_share * 100
    return [[e.name, e.credit_code, u.unit_id, prev.get(u.unit_id), share, u.pre_allocation_tco2,
             u.treatment_reason] for u in e.parts]  # fmt: skip


def _rows_1_x(inp: AllocationInput, e: EntityAllocation, with_id: bool) -> list[Row]:
    prev = {x.line_id: x.prev_verified_tco2 for x in inp.lines}
    share = _pre_share(e) if inp.pre_allocation_share is None else inp.pre_allocation_share * 100
    return [[e.name, e.credit_code, *([x.line_id] if with_id else []), prev.get(x.line_id), share,
             x.pre_allocation_tco2, x.reason_zh] for x in e.parts]  # fmt: skip


def _rows_2_1(inp: AllocationInput, e: EntityAllocation) -> list[Row]:
    units = {u.unit_id: u for u in inp.units}
    rows = []
    for a in e.parts:
        u = units[a.unit_id]
        ff = a.correction.value if a.correction else None
        rows.append([e.name, e.credit_code, a.unit_id, "否", fuels()[u.main_fuel].zh, a.category,
                     PRODUCT_ZH[u.unit_type], u.rated_mw, a.output_mwh, a.heat_gj, _pct(a.load_factor),
                     a.verified_tco2, ff, a.electricity_tco2, a.heat_tco2, a.initial_tco2,
                     a.gas_topup_tco2, a.final_tco2, round(a.verified_tco2), a.treatment_reason])  # fmt: skip
    return rows


def _lines(inp: AllocationInput, e: EntityAllocation) -> list[tuple[Any, Any]]:
    given = {x.line_id: x for x in inp.lines}
    return [(given[a.line_id], a) for a in e.parts]


def _rows_2_2(inp: AllocationInput, e: EntityAllocation) -> list[Row]:
    return [[e.name, e.credit_code, None, x.ironmaking_output_t, x.ironmaking_tco2, x.sintering_tco2,
             a.intensity, x.output_t, a.verified_tco2, _pct(a.x), a.balance_value, a.alpha,
             a.final_tco2, round(a.verified_tco2), a.reason_zh] for x, a in _lines(inp, e)]  # fmt: skip


def _rows_2_3(inp: AllocationInput, e: EntityAllocation) -> list[Row]:
    rows = []
    for x, a in _lines(inp, e):
        process = None if x.fuel_tco2 is None else x.verified_tco2 - x.fuel_tco2
        rows.append([e.name, e.credit_code, x.line_id, x.carbide_slag_t, x.carbide_slag_deduction_factor,
                     x.output_t, x.clinker_process_ef, _pct(x.carbide_slag_share), "硅酸盐水泥熟料"
                     if x.clinker_type in ("portland", "white_portland") else "非硅酸盐水泥熟料",
                     CLINKER_ZH[x.clinker_type], None, x.fuel_tco2, process, a.verified_tco2,
                     a.intensity, _pct(a.x), a.balance_value, a.alpha, a.final_tco2,
                     round(a.verified_tco2), a.reason_zh])  # fmt: skip
    return rows


def _rows_2_4(inp: AllocationInput, e: EntityAllocation) -> list[Row]:
    return [[e.name, e.credit_code, x.line_id, None, x.output_t, x.anode_tco2, x.anode_effect_tco2e,
             a.intensity, a.verified_tco2, _pct(a.x), a.balance_value, a.alpha, a.final_tco2,
             round(a.verified_tco2), a.reason_zh] for x, a in _lines(inp, e)]  # fmt: skip


PART_ROWS: dict[str, Callable[[AllocationInput, EntityAllocation], list[Row]]] = {
    "1-1": _rows_1_1,
    "1-2": lambda i, e: _rows_1_x(i, e, with_id=False),
    "1-3": lambda i, e: _rows_1_x(i, e, with_id=True),
    "1-4": lambda i, e: _rows_1_x(i, e, with_id=True),
    "2-1": _rows_2_1, "2-2": _rows_2_2, "2-3": _rows_2_3, "2-4": _rows_2_4,
}  # fmt: skip


def _row_1_5(e: EntityAllocation, pre: PreIssuance, why: str) -> Row:
    return [e.name, e.credit_code, pre.pre_allocated, pre.deducted, pre.issued, pre.remaining,
            "是" if pre.differentiated else "否", why, None]  # fmt: skip


def _row_2_5(e: EntityAllocation, d: DeterminedIssuance, why: str) -> Row:
    return [e.name, e.credit_code, d.pre_allocated, d.initial, d.gap_rate_pct, d.cap_topup,
            d.determined, d.true_up, d.returned, d.deducted, d.pre_issued, d.determined_issued,
            d.total_issued, d.obligation, d.remaining, "是" if d.differentiated else "否", why, None]  # fmt: skip


def province_tables(
    d: Determination, differentiated: Mapping[str, str] | None = None
) -> list[Sheet]:
    """Every table of the year with rows: per-part tables for the sectors present, and 1-5 and
    2-5 once per sector. `differentiated` maps credit codes to the reason (差异化具体情况)."""
    why = dict(differentiated or {})
    sheets = []
    by_sector = d.by_sector()
    for table, spec in table_specs().items():
        sectors = [spec["sector"]] if spec["level"] == "part" else list(by_sector)
        for sector in sectors:
            pairs = by_sector.get(sector, [])
            if not pairs:
                continue
            rows = [r for inp, e in pairs for r in _entity_rows(table, inp, e, why)]
            numbered = [[n, *r] for n, r in enumerate(rows, 1)]
            if spec["level"] == "entity":
                numbered.append(_total(numbered))
            sheets.append(Sheet(table, spec["title"], list(spec["columns"]), numbered, sector))
    return sheets


def _entity_rows(
    table: str, inp: AllocationInput, e: EntityAllocation, why: Mapping[str, str]
) -> list[Row]:
    if table in PART_ROWS:
        return PART_ROWS[table](inp, e)
    pre, det = entity_issuance(e, e.credit_code in why)
    reason = why.get(e.credit_code, "")
    return [_row_1_5(e, pre, reason) if table == "1-5" else _row_2_5(e, det, reason)]


def _total(rows: list[Row]) -> Row:
    """全省（区、市）合计: sums of the whole-tonne columns."""
    total: Row = ["全省（区、市）合计", None, None]
    for column in range(3, len(rows[0])):
        values = [r[column] for r in rows]
        numeric = all(isinstance(v, int) and not isinstance(v, bool) for v in values)
        total.append(sum(values) if numeric else None)
    return total


def write_workbooks(
    d: Determination, folder: Path, differentiated: Mapping[str, str] | None = None
) -> list[Path]:
    """表1 (pre-allocation) and 表2 (determination) workbooks of the province and year."""
    folder.mkdir(parents=True, exist_ok=True)
    place = _place(d.province)
    sheets = province_tables(d, differentiated)
    out = []
    for annex, label in (("1", "预分配配额相关数据表"), ("2", "核定配额相关数据表")):
        book = Workbook()
        book.remove(book.active)
        for sheet in (s for s in sheets if s.table.startswith(annex)):
            _write_sheet(book, sheet, place, d.year)
        path = folder / f"{place}{d.year}年度{label}.xlsx"
        book.save(path)
        out.append(path)
    return out


def _place(province: str | None) -> str:
    return "全国" if province is None else PROVINCES[province][0]


def _write_sheet(book: Workbook, sheet: Sheet, place: str, year: int) -> None:
    name = f"表{sheet.table}"
    if sheet.sector and spec_level(sheet.table) == "entity":  # 1-5 and 2-5: one sheet a sector
        name += f" {get_sector(sheet.sector).zh}"
    ws = book.create_sheet(name[:31])
    ws.append([f"表{sheet.table}：{place}{year}年度{sheet.title}"])
    ws["A1"].font = Font(bold=True)
    ws.append(sheet.columns)
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for row in sheet.rows:
        ws.append(row)
