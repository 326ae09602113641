"""Verification checks of a flat glass report: findings, not rejections; codes are stable.

===================  ========  ==============================================================
GLS-NO-CARBONATE     warning   a furnace makes glass but reports no batch carbonates (soda
                               ash is in every soda-lime batch)
GLS-CARBON-DEFAULT   info      carbon powder counted at the default 100 % carbon
REP-…                …         shared checks (`chinaets.mrv.ndrc.checks`)
===================  ========  ==============================================================
"""

from __future__ import annotations

from chinaets.mrv.findings import Finding
from chinaets.mrv.flat_glass.accounting import parameters
from chinaets.mrv.flat_glass.formulas import REF_2013
from chinaets.mrv.flat_glass.schema import GlassReport
from chinaets.mrv.ndrc.checks import common_findings, sort_findings
from chinaets.mrv.ndrc.results import ReportingResult


def check(report: GlassReport, result: ReportingResult) -> list[Finding]:
    found = common_findings(parameters(), result)
    with_carbonates = {r.unit_id for r in report.carbonates if r.quantity_t > 0}
    for f in result.facilities:
        if f.output > 0 and f.unit_id not in with_carbonates:
            found.append(
                Finding(
                    "GLS-NO-CARBONATE",
                    "warning",
                    f"furnace {f.unit_id} makes {f.output:,.2f} t of glass but reports no batch "
                    "carbonates: add the soda ash, dolomite and limestone it used",
                    f"熔窑 {f.unit_id} 生产平板玻璃 {f.output:,.2f} t 但未填配合料碳酸盐：请补充纯碱、白云石、石灰石用量",
                    f.unit_id,
                    None,
                    "carbonates",
                    REF_2013,
                )
            )
    for r in report.carbon_powder:
        if r.carbon_pct is None and r.quantity_t > 0:
            found.append(
                Finding(
                    "GLS-CARBON-DEFAULT",
                    "info",
                    f"carbon powder of {r.unit_id} counted at the default 100 % carbon; a "
                    "measured content lowers it",
                    f"{r.unit_id} 碳粉含碳量按缺省值100%计；可填写实测值",
                    r.unit_id,
                    None,
                    "carbon_powder.carbon_pct",
                    REF_2013,
                )
            )
    return sort_findings(found, [f.unit_id for f in report.facilities])
