"""Aluminium smelting: the Chinese enterprise (CETS-AG-04.01-V01-2024) as CBAM processes.

The electrolysis processes (the Chinese allocation perimeter: fuel, anode CO2, PFCs) make
unwrought aluminium; carbonates and the other processes (anode baking, casting) are outside the
Chinese obligation but inside the CBAM boundary: they go to aluminium products (casting, rolling,
extrusion) when the goods file declares such goods, else to unwrought aluminium. Electricity is
counted by neither (CBAM Annex II; Chinese perimeter since the 2024 guideline).
"""

from __future__ import annotations

from typing import Any

from chinaets.cbam.goods import GoodsInput
from chinaets.cbam.law import CbamLaw
from chinaets.cbam.model import BoundaryNote, CbamProcess, Installation, term

SECTOR_NAME = "aluminium"
GUIDELINE = "CETS-AG-04.01-V01-2024"
UNWROUGHT, PRODUCTS = "unwrought_aluminium", "aluminium_products"


def to_installation(
    result: Any, declared: set[str], goods: GoodsInput, law: CbamLaw
) -> Installation:
    route = law.route_for("electrolysis")
    unwrought = CbamProcess(UNWROUGHT, route, [])
    downstream = CbamProcess(PRODUCTS, route, []) if PRODUCTS in declared else unwrought
    outside = 0.0
    for p in result.processes:
        if p.kind == "electrolysis":
            unwrought.sources.append(p.unit_id)
            unwrought.terms.extend(_electrolysis_terms(p))
            unwrought.china_covered_tco2 += p.total_tco2e
        else:
            downstream.sources.append(p.unit_id)
            downstream.terms.append(term(
                f"fuel combustion in process {p.unit_id} (outside the Chinese perimeter)",
                p.total_tco2e, "Σ FC × NCV × CC × OF × 44/12", f"{GUIDELINE} (enterprise level)",
                label_zh=f"工序 {p.unit_id} 化石燃料燃烧（中国履约边界外）",
            ))  # fmt: skip
            outside += p.total_tco2e
    if result.carbonate_tco2:
        unwrought.terms.append(term(
            "carbonates (outside the Chinese perimeter)", result.carbonate_tco2,
            "Σ Q × EF", f"{GUIDELINE} (enterprise level)", label_zh="碳酸盐分解（中国履约边界外）",
        ))  # fmt: skip
    processes = {UNWROUGHT: unwrought}
    if downstream is not unwrought:
        processes[PRODUCTS] = downstream
    return Installation(
        sector=SECTOR_NAME, sector_zh="铝冶炼", year=result.year, credit_code=result.credit_code,
        name=result.name, province=result.province, china_total_tco2=result.total_tco2e,
        china_obligation_tco2=float(result.obligation_tco2e), processes=processes,
        boundary=_notes(result, outside), china_result=result,
    )  # fmt: skip


def _electrolysis_terms(p: Any) -> list[Any]:
    where, zh = f"electrolysis {p.unit_id}", f"电解工序 {p.unit_id}"
    return [
        term(f"{where}: fuel combustion", p.fuel_tco2, "Σ FC × NCV × CC × OF × 44/12", GUIDELINE,
             label_zh=f"{zh}：化石燃料燃烧"),
        term(f"{where}: anode consumption", p.anode_tco2, "P × NC × (1 − S − Ash) × 44/12", GUIDELINE,
             label_zh=f"{zh}：阳极消耗"),
        term(f"{where}: PFCs (CF4, C2F6)", p.pfc_tco2e, "P × (EF_CF4 × GWP_CF4 + EF_C2F6 × GWP_C2F6) / 1000",
             GUIDELINE, note="PFC method and GWP (AR5) of the CBAM rules UNCERTAIN (rules reference cbam §2.2)",
             label_zh=f"{zh}：全氟化碳（CF4、C2F6）",
             note_zh="存疑：CBAM 规则的全氟化碳核算方法与全球增温潜势（AR5）尚未确认"),
    ]  # fmt: skip


def _notes(result: Any, outside: float) -> list[BoundaryNote]:
    return [
        BoundaryNote(
            "The Chinese obligation covers the electrolysis processes only; fuel combustion in "
            "other processes (anode baking, casting) and carbonates are embedded under the CBAM",
            "中国履约边界仅为电解工序；其他工序（阳极焙烧、铸造）燃料燃烧及碳酸盐分解排放计入 CBAM 隐含排放",
            outside + result.carbonate_tco2,
        ),
        BoundaryNote(
            "Electricity consumed by the potlines is counted neither in the Chinese obligation nor "
            "in the CBAM embedded emissions of aluminium (Annex II good: direct emissions only)",
            "电解用电既不计入中国履约排放，也不计入铝的 CBAM 隐含排放（附件二商品仅计直接排放）",
        ),
        BoundaryNote(
            f"PFCs are converted with the {result.gwp_set} GWP set of the Chinese guideline",
            f"全氟化碳按中国指南的 {result.gwp_set} 全球增温潜势换算",
        ),
    ]
