"""The province's data tables: official headers (D25 附1、附2), one row per unit / line / entity,
Table 2-5 arithmetic, and the workbooks written with them."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from tests.allocation.test_determination import code, entity_input

from chinaets.allocation.determination import determine
from chinaets.allocation.schema import AllocationInput
from chinaets.allocation.tables import province_tables, table_specs, write_workbooks


def _power(n: int) -> AllocationInput:
    return AllocationInput.model_validate({
        "sector": "power", "year": 2026, "pre_allocated_tco2": 1_000_000,
        "entity": {"credit_code": code(n), "name": "示例电厂", "province": "山东"},
        "units": [{"unit_id": "U1", "rated_mw": 600, "main_fuel": "bituminous", "generation_mwh": 3e6,
                   "running_hours": 6000, "verified_tco2": 2.4e6, "prev_verified_tco2": 2.3e6}],
        "adjustments": [{"kind": "penalty_deduction", "tco2": 50_000}],
    })  # fmt: skip


def _inputs() -> list[AllocationInput]:
    cement = [entity_input(n, "cement", [{"line_id": "L1", "verified_tco2": 8e5, "output_t": 8e5 / i,
                                          "prev_verified_tco2": 3579.4}])
              for n, i in enumerate((0.8, 0.9, 1.0), 10)]  # fmt: skip
    return [_power(1), *cement]


def test_tables_have_the_official_headers_and_rows() -> None:
    d = determine(_inputs(), 2026, province="山东")
    sheets = {
        (s.table, s.sector): s for s in province_tables(d, {code(10): "未足额清缴上一年度配额"})
    }
    assert set(sheets) == {("1-1", "power"), ("1-3", "cement"), ("1-5", "power"), ("1-5", "cement"),
                           ("2-1", "power"), ("2-3", "cement"), ("2-5", "power"), ("2-5", "cement")}  # fmt: skip
    t23 = sheets[("2-3", "cement")]
    assert t23.columns[17] == "⑤水泥行业平衡值（tCO2e/t熟料）"
    bp = d.balance_value("cement")
    assert [r[17] for r in t23.rows] == [bp, bp, bp]
    t13 = sheets[("1-3", "cement")]
    assert t13.rows[0][4:7] == [3579.4, 50.0, 1789]  # 1,789.70 floored (表1-3 注2)
    t25 = sheets[("2-5", "power")]
    row = dict(zip(t25.columns, t25.rows[0], strict=True))
    assert row["①多退少补配额"] == row["重点排放单位核定配额"] - 1_000_000
    assert row["⑥重点排放单位实发配额合计"] == row["重点排放单位核定配额"] - 50_000
    cement_25 = sheets[("2-5", "cement")]
    assert cement_25.rows[0][16] == "是" and cement_25.rows[-1][0] == "全省（区、市）合计"


def test_workbooks_carry_the_headers(tmp_path: Path) -> None:
    d = determine(_inputs(), 2026, province="山东")
    pre, det = write_workbooks(d, tmp_path)
    assert pre.name == "山东2026年度预分配配额相关数据表.xlsx"
    book = load_workbook(det)
    ws = book["表2-1"]
    assert [c.value for c in ws[2]] == table_specs()["2-1"]["columns"]
    assert str(ws["A1"].value).startswith("表2-1：山东2026年度发电机组核定配额情况明细表")
