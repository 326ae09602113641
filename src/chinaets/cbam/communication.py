"""The operator-to-declarant communication: the sheets and fields of the Commission's
"CBAM Communication template for installations" (v2.x, _en_20241213; the definitive-period
version was not found, UNCERTAIN) that the bridge fills, as an Excel workbook and as JSON (the
Annex IV 1.2 summary of IR 2025/2547). Column heads are bilingual (English / 中文).
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

from chinaets.cbam.bridge import CbamResult
from chinaets.cbam.checks import zh
from chinaets.core.cells import for_excel

TEMPLATE = (
    "CBAM Communication template for installations v2.x (_en_20241213), fields filled by chinaets"
)
Sheet = tuple[list[tuple[str, str]], list[list[Any]]]  # (columns (en, zh), rows)


def sheets(result: CbamResult) -> dict[str, Sheet]:
    """The filled sheets, in the template's order."""
    return {
        "A_InstData": _installation(result),
        "C_Emissions&Energy": _balance(result),
        "D_Processes": _processes(result),
        "E_PurchPrec": _purchased(result),
        "F_Tools": _carbon_price(result),
        "Summary_Products": _products(result),
        "Boundary": _boundary(result),
    }


def _installation(r: CbamResult) -> Sheet:
    inst = r.installation
    rows: list[list[Any]] = [
        ["Reporting period", "报告期", f"{inst.year}-01-01 – {inst.year}-12-31"],
        ["Installation name", "设施名称", inst.name],
        ["Operator identifier (unified social credit code)", "统一社会信用代码", inst.credit_code],
        ["Country", "国家", "CN (China)"],
        ["Province", "省份", inst.province],
        ["Sector of the Chinese ETS report", "中国碳市场行业", f"{inst.sector} / {inst.sector_zh}"],
        ["Year of import (CBAM declaration)", "进口年度", r.law.import_year],
    ]
    for key, see in r.processes.items():
        rows.append(
            [
                "Aggregated goods category and route",
                "汇总商品类别与路线",
                f"{key} ({zh(key)}), route {see.route}",
            ]
        )
    return [("Item", "项目"), ("Item (zh)", "项目（中文）"), ("Value", "取值")], rows


def _balance(r: CbamResult) -> Sheet:
    inst = r.installation
    direct = sum(p.direct_tco2 for p in inst.processes.values())
    indirect = sum(s.indirect_tco2 for s in r.processes.values())
    rows = [
        [
            "Direct emissions, all processes (CBAM attribution)",
            "直接排放（CBAM 归属，全部工序）",
            round(direct, 2),
        ],
        [
            "of which CBAM production processes",
            "其中 CBAM 生产工序",
            round(inst.attributed_tco2, 2),
        ],
        [
            "Indirect emissions counted (non-Annex-II goods)",
            "计入的间接排放（非附件二商品）",
            round(indirect, 2),
        ],
        ["Chinese report: total emissions", "中国排放报告：排放总量", inst.china_total_tco2],
        [
            "Chinese obligation (allocation perimeter)",
            "中国履约排放（配额分配边界）",
            inst.china_obligation_tco2,
        ],
    ]
    return [("Item", "项目"), ("Item (zh)", "项目（中文）"), ("tCO2e", "吨二氧化碳当量")], rows


def _processes(r: CbamResult) -> Sheet:
    rows = []
    for i, (key, see) in enumerate(r.processes.items(), start=1):
        ef = see.ef_el.value if see.ef_el is not None else ""
        rows.append([f"P{i}", key, zh(key), see.route, see.activity_t, round(see.process.direct_tco2, 2),
                     see.electricity_mwh, ef, round(see.indirect_tco2, 2), "; ".join(see.process.sources)])  # fmt: skip
    columns = [("Process", "工序"), ("Category", "类别"), ("Category (zh)", "类别（中文）"),
               ("Route", "路线"), ("Activity level t", "产量（吨）"), ("Attributed direct tCO2e", "归属直接排放"),
               ("Electricity MWh", "用电量（兆瓦时）"), ("EF el tCO2/MWh", "电力排放因子"),
               ("Indirect tCO2e", "间接排放"), ("Chinese units", "对应中国核算单元")]  # fmt: skip
    return columns, rows


def _purchased(r: CbamResult) -> Sheet:
    rows, n = [], 0
    for key, see in r.processes.items():
        for use in see.precursors:
            if use.basis == "own":
                continue
            n += 1
            rows.append([f"PP{n}", use.row.cn_code, use.category, zh(use.category), use.row.origin.upper(),
                         key, use.row.mass_t, use.see_direct, use.see_indirect, use.basis,
                         use.row.supplier or ""])  # fmt: skip
    columns = [("Precursor", "前体"), ("CN code", "CN 编码"), ("Category", "类别"), ("Category (zh)", "类别（中文）"),
               ("Country of origin", "原产国"), ("Used in process", "使用工序"), ("Mass t", "质量（吨）"),
               ("SEE direct", "单位直接隐含排放"), ("SEE indirect", "单位间接隐含排放"),
               ("Actual / default", "实际值/默认值"), ("Supplier", "供应商")]  # fmt: skip
    return columns, rows


def _carbon_price(r: CbamResult) -> Sheet:
    p = r.price
    rows = [[g.cn_code, "China national ETS (CEA) / 全国碳排放权交易市场", "free allocation (rebate) / 免费配额（返还）",
             "CNY", p.price_cny, round(p.rebated_share, 5), round(g.process.covered_see, 5),
             round(g.cp_eur_per_t, 4)] for g in r.goods]  # fmt: skip
    columns = [("CN code", "CN 编码"), ("Instrument", "碳定价工具"), ("Rebate type", "返还类型"),
               ("Currency", "币种"), ("Price paid per t", "每吨支付价格"), ("Rebated share", "返还比例"),
               ("Covered SEE tCO2e/t", "受覆盖单位排放"), ("Carbon price due EUR per t good", "每吨商品碳价（欧元）")]  # fmt: skip
    return columns, rows


def _products(r: CbamResult) -> Sheet:
    rows = []
    for g in r.goods:
        d = g.as_dict()
        rows.append([g.cn_code, d["category"], zh(d["category"]), d["route"], d["produced_t"], d["exported_t"],
                     d["see_direct"], d["see_indirect"], d["see_total"], d["default_share"], d["sefa_actual"],
                     d["see_default"], d["sefa_default"]])  # fmt: skip
    columns = [("CN code", "CN 编码"), ("Category", "类别"), ("Category (zh)", "类别（中文）"), ("Route", "路线"),
               ("Produced t", "产量（吨）"), ("Exported to the EU t", "出口欧盟（吨）"),
               ("SEE direct tCO2e/t", "单位直接隐含排放"), ("SEE indirect tCO2e/t", "单位间接隐含排放"),
               ("SEE total tCO2e/t", "单位隐含排放合计"), ("Share from default values", "默认值占比"),
               ("SEFA tCO2e/t", "免费配额调整"), ("EU default with mark-up", "欧盟默认值（含加成）"),
               ("SEFA on defaults", "默认值免费配额调整")]  # fmt: skip
    return columns, rows


def _boundary(r: CbamResult) -> Sheet:
    rows = [[n.en, n.zh, round(n.tco2, 2)] for n in r.installation.boundary]
    return [
        ("Difference (en)", "差异（英文）"),
        ("Difference (zh)", "差异（中文）"),
        ("tCO2e", "吨二氧化碳当量"),
    ], rows


def summary_json(result: CbamResult) -> dict[str, Any]:
    """The Annex IV 1.2 summary items the bridge can fill, plus the full figures."""
    inst = result.installation
    goods = {g.cn_code: g.as_dict() for g in result.goods}
    return {
        "template": TEMPLATE,
        "annex_iv_1_2": {
            "1_operator": {"name": inst.name, "identifier": inst.credit_code, "country": "CN"},
            "2_installation": {"name": inst.name, "province": inst.province},
            "3_processes": {k: {"route": s.route, "goods": [g.cn_code for g in s.goods]} for k, s in result.processes.items()},
            "4_goods": {cn: {k: g[k] for k in ("see_direct", "see_indirect", "default_share", "sefa_actual")} for cn, g in goods.items()},
            "5_direct_emissions": {k: round(p.direct_tco2, 3) for k, p in inst.processes.items()},
            "6_indirect_emissions": {k: round(s.indirect_tco2, 3) for k, s in result.processes.items()},
            "12_precursors_default": [_prec(u) for s in result.processes.values() for u in s.precursors if u.basis == "default"],
            "13_precursors_actual": [_prec(u) for s in result.processes.values() for u in s.precursors if u.basis == "actual"],
        },
        "figures": result.as_dict(),
    }  # fmt: skip


def _prec(u: Any) -> dict[str, Any]:
    return {"cn_code": u.row.cn_code, "origin": u.row.origin.upper(), "see_direct": u.see_direct,
            "see_indirect": u.see_indirect, "period": u.row.period}  # fmt: skip


def workbook_bytes(result: CbamResult) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for name, (columns, rows) in sheets(result).items():
        sheet = book.create_sheet(name)
        sheet.append([en for en, _ in columns])
        sheet.append([zh_ for _, zh_ in columns])
        for cell in (*sheet[1], *sheet[2]):
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([for_excel(value) for value in row])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_workbook(result: CbamResult, path: Path) -> None:
    """Build the whole workbook in memory before touching the disk."""
    data = workbook_bytes(result)
    path.write_bytes(data)
