"""Cement: the Chinese clinker lines (CETS-AG-02.01-V01-2024) as CBAM processes.

The clinker lines (fuel and calcination) make cement clinker; cement (grinding) is outside the
Chinese obligation and is hosted here with no direct emissions of its own (drying fuels are not in
the Chinese data) when the goods file declares cement; its clinker comes in as a precursor.
Indirect emissions (electricity) count for both (not in Annex II).
"""

from __future__ import annotations

from typing import Any

from chinaets.cbam.goods import GoodsInput
from chinaets.cbam.law import CbamLaw
from chinaets.cbam.model import BoundaryNote, CbamProcess, Installation, term

SECTOR_NAME = "cement"
GUIDELINE = "CETS-AG-02.01-V01-2024"
CLINKER, CEMENT = "cement_clinker", "cement"


def to_installation(
    result: Any, declared: set[str], goods: GoodsInput, law: CbamLaw
) -> Installation:
    route = law.route_for("grey_clinker")
    clinker = CbamProcess(CLINKER, route, [])
    for line in result.lines:
        clinker.sources.append(line.unit_id)
        zh = f"熟料生产线 {line.unit_id}"
        clinker.terms.append(term(f"line {line.unit_id}: fuel combustion", line.fuel_tco2,
                                  "Σ FC × NCV × CC × OF × 44/12", GUIDELINE,
                                  label_zh=f"{zh}：化石燃料燃烧"))  # fmt: skip
        clinker.terms.append(term(f"line {line.unit_id}: calcination", line.process.tco2,
                                  "Σ Q_clinker × EF − Σ Q_alt × D", GUIDELINE,
                                  note="CBAM asks for actual calcination data (MRR pattern); the "
                                  "Chinese clinker-factor result stands in",
                                  label_zh=f"{zh}：碳酸盐分解（煅烧）",
                                  formula_zh="Σ Q_熟料 × EF − Σ Q_替代原料 × D",
                                  note_zh="CBAM 要求实际煅烧数据（MRR 方式），暂以中国熟料系数法结果代替"))  # fmt: skip
        clinker.china_covered_tco2 += line.total_tco2
    processes = {CLINKER: clinker}
    if CEMENT in declared:
        processes[CEMENT] = CbamProcess(CEMENT, route, ["grinding"])
    notes = [
        BoundaryNote(
            "Electricity consumed is embedded under the CBAM (cement and clinker are not in "
            "Annex II) but not in the Chinese obligation",
            "水泥与熟料的用电间接排放计入 CBAM 隐含排放（未列入附件二），但不计入中国履约排放",
        ),
        BoundaryNote(
            "Cement grinding is outside the Chinese obligation (clinker lines only)",
            "水泥粉磨不在中国履约边界内（仅熟料生产线）",
        ),
    ]
    return Installation(
        sector=SECTOR_NAME, sector_zh="水泥", year=result.year, credit_code=result.credit_code,
        name=result.name, province=result.province, china_total_tco2=result.total_tco2,
        china_obligation_tco2=float(result.obligation_tco2), processes=processes,
        boundary=notes, china_result=result,
    )  # fmt: skip
