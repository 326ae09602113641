"""Findings every reporting sector shares. A sector's ``check`` calls `common_findings` and
adds its own; codes are stable.

====================  ========  =============================================================
REP-FACILITY-EMPTY    warning   a facility with no emission source and no output
REP-NO-OUTPUT         warning   a facility emits but reports no denominator output
REP-INTENSITY-RANGE   warning   intensity outside the sector's plausible band
REP-ENERGY-MISSING    warning   emissions but no total energy consumption (the 10,000 tce
                                proxy of the inclusion test cannot be applied)
REP-NET-EXPORT        info      more electricity or heat exported than bought (negative net)
REP-DEFAULT-NCV       info      a coal burned with the default NCV (measured values are allowed
                                and usually lower for purchased coal)
====================  ========  =============================================================
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from chinaets.mrv.findings import Finding
from chinaets.mrv.ndrc.results import FacilityResult, ReportingResult
from chinaets.mrv.ndrc.schema import fuels
from chinaets.rules import ParameterSet

REF_N26 = "生态环境部办公厅《关于做好2026年全国碳排放权交易市场有关工作的通知》§四（rules reference reporting-sectors.md §1）"
_RANK = {"error": 0, "warning": 1, "info": 2}


def common_findings(params: ParameterSet, result: ReportingResult) -> list[Finding]:
    p = params.at(dt.date(result.year, 1, 1))
    band = (float(p("intensity_range", "low")), float(p("intensity_range", "high")))
    found: list[Finding] = []
    for f in result.facilities:
        found += _facility(f, band, result.output_unit)
    if result.total_tco2e > 0 and result.energy_tce <= 0:
        found.append(
            Finding(
                "REP-ENERGY-MISSING",
                "warning",
                "the enterprise reports emissions but no total energy consumption: the "
                "inclusion test's 10,000 tce proxy cannot be applied; fill entity.energy_tce",
                "企业有排放但未填综合能源消费量，无法按1万吨标煤判断是否纳入：请填写 entity.energy_tce",
                None,
                None,
                "entity.energy_tce",
                REF_N26,
            )
        )
    return found


def _facility(
    f: FacilityResult, band: tuple[float, float], unit: tuple[str, str]
) -> Iterator[Finding]:
    if not f.sources and f.output == 0:
        yield Finding(
            "REP-FACILITY-EMPTY",
            "warning",
            f"facility {f.unit_id} has neither emission sources nor output: remove it or add "
            "its data",
            f"设施 {f.unit_id} 既无排放源也无产量：请删除或补充数据",
            f.unit_id,
            None,
            "facilities",
        )
    if f.template_tco2 > 0 and f.output == 0:
        yield Finding(
            "REP-NO-OUTPUT",
            "warning",
            f"facility {f.unit_id} emits {f.template_tco2:,.2f} tCO2 but reports no output "
            f"({unit[0]}): its intensity cannot be computed; add its products row",
            f"设施 {f.unit_id} 排放 {f.template_tco2:,.2f} tCO2 但未填产量（{unit[1]}），"
            "无法计算排放强度：请补充 products",
            f.unit_id,
            None,
            "products",
        )
    if f.intensity is not None and not band[0] <= f.intensity <= band[1]:
        yield Finding(
            "REP-INTENSITY-RANGE",
            "warning",
            f"intensity {f.intensity:g} tCO2/{unit[0]} of facility {f.unit_id} is outside "
            f"the plausible {band[0]:g}–{band[1]:g}: check the output's unit and the fuel "
            "quantities",
            f"设施 {f.unit_id} 排放强度 {f.intensity:g} tCO2/{unit[1]} 超出合理区间 "
            f"{band[0]:g}–{band[1]:g}：请核对产量单位及燃料消耗量",
            f.unit_id,
            None,
            "products.quantity",
        )
    yield from _sources(f)


def _sources(f: FacilityResult) -> Iterator[Finding]:
    for s in f.sources:
        if s.category in ("electricity", "heat") and s.tco2e < 0:
            what = ("electricity", "电力") if s.category == "electricity" else ("heat", "热力")
            yield Finding(
                "REP-NET-EXPORT",
                "info",
                f"facility {f.unit_id} exports more {what[0]} than it buys: the net emission "
                f"({s.tco2e:,.2f} tCO2) is deducted",
                f"设施 {f.unit_id} 输出{what[1]}多于购入，净排放（{s.tco2e:,.2f} tCO2）作扣减",
                f.unit_id,
                None,
                "energy",
            )
        default_ncv = any(t.symbol == "NCV" and t.used is not None for t in s.terms)
        solid = s.item in fuels() and fuels()[s.item].state == "solid"
        if s.category == "combustion" and default_ncv and solid:
            yield Finding(
                "REP-DEFAULT-NCV",
                "info",
                f"{s.item} at {f.unit_id} uses the default NCV; the guidelines allow the "
                "enterprise's measured value",
                f"设施 {f.unit_id} 的 {fuels()[s.item].zh} 采用缺省低位发热量；指南允许采用企业实测值",
                f.unit_id,
                None,
                "fuel_use.ncv",
            )


def sort_findings(found: list[Finding], order: list[str]) -> list[Finding]:
    """Errors first, then by facility in the report's order."""
    rank = {u: i for i, u in enumerate(order)}
    return sorted(found, key=lambda f: (_RANK[f.severity], rank.get(f.unit_id or "", -1), f.code))
