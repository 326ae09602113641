"""Verification checks of an aluminium smelting report: findings, not rejections.

=====================  ========  ==============================================================
code                   severity  finding
=====================  ========  ==============================================================
ALU-OUTPUT-NO-FUEL     warning   output in a month with no fuel at any process (possible; the
                                 cells run on electricity, but anode baking and casting burn fuel)
ALU-NAC-RANGE          warning   measured net anode consumption outside the plausible band
ALU-AEM-HIGH           warning   anode-effect minutes per cell-day above the screen
ALU-MONTH-MISSING      warning   an electrolysis month without output between months with output
ALU-PFC-DEFAULT        info      months on the default PFC factors (no anode-effect minutes)
ALU-ANODE-DEFAULT      info      months on the default anode consumption, sulphur or ash
ALU-GWP-OLDER          info      the older GWP set was chosen instead of the one in force
IND-…                  …         shared checks (NCV, control plan, meters, deposits)
=====================  ========  ==============================================================
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from chinaets.mrv.aluminium.accounting import parameters
from chinaets.mrv.aluminium.formulas import REF_2024
from chinaets.mrv.aluminium.results import EntityResult, ProcessResult
from chinaets.mrv.aluminium.schema import AluminiumReport
from chinaets.mrv.findings import Finding
from chinaets.mrv.industry.checks import shared_findings, sort_findings
from chinaets.mrv.industry.control_plan import Observation
from chinaets.mrv.industry.schema import Method


def check(report: AluminiumReport, result: EntityResult) -> list[Finding]:
    fuels = [fr for proc in result.processes for fr in proc.fuels]
    found = shared_findings(parameters(), report.year, report, fuels, observations(report))
    for proc in result.processes:
        if proc.kind == "electrolysis":
            found += _process_findings(report, proc)
    found += _gwp(report, result)
    found += _no_fuel(report)
    return sort_findings(found, [p.unit_id for p in report.processes])


def observations(report: AluminiumReport) -> list[Observation]:
    """How the aluminium parameters were obtained, month by month (for the control plan)."""
    obs = [
        Observation("aluminium_output", r.unit_id, "", r.month, r.source)
        for r in report.aluminium_output
    ]
    measured = {(a.unit_id, a.month): a for a in report.anode_data}
    aem = {(a.unit_id, a.month) for a in report.anode_effects}
    for r in report.aluminium_output:
        a = measured.get((r.unit_id, r.month))
        for name, value in (
            ("net_anode_consumption", a and a.net_anode_t_per_t),
            ("anode_sulphur", a and a.sulphur_pct),
            ("anode_ash", a and a.ash_pct),
        ):
            obs.append(Observation(name, r.unit_id, "", r.month, _how(value)))
        how: Method = "measured" if (r.unit_id, r.month) in aem else "default"
        obs.append(Observation("anode_effect_minutes", r.unit_id, "", r.month, how))
    obs += [
        Observation("carbonate_quantity", "", c.material, c.month, "measured")
        for c in report.carbonates
    ]
    return obs


def _how(value: object) -> Method:
    return "default" if value is None else "measured"


def _process_findings(report: AluminiumReport, proc: ProcessResult) -> Iterator[Finding]:
    p = parameters().at(dt.date(report.year, 1, 1))
    low, high = (float(p("check_net_anode_consumption_range", b)) for b in ("low", "high"))
    aem_max = float(p("check_anode_effect_minutes_max"))
    default_pfc, default_anode = [], []
    for m in proc.months:
        if (
            m.anode.sources["net_anode_consumption"] == "measured"
            and not low <= m.anode.net_anode <= high
        ):
            yield Finding(
                "ALU-NAC-RANGE", "warning",
                f"net anode consumption {m.anode.net_anode:g} t/t Al is outside {low:g}–{high:g}: "
                "check the anode inventory and the output",
                f"吨铝炭阳极净耗 {m.anode.net_anode:g} t/t 超出 {low:g}–{high:g} 的合理区间：请核对阳极盘存与产量",
                proc.unit_id, m.month, "anode_data.net_anode_t_per_t",
                p.used("check_net_anode_consumption_range", "low").dated.reference,
            )  # fmt: skip
        if m.pfc.aem is not None and m.pfc.aem > aem_max:
            yield Finding(
                "ALU-AEM-HIGH", "warning",
                f"{m.pfc.aem:g} anode-effect minutes per cell-day exceeds {aem_max:g}: check the "
                "cell control system's records (minutes per cell-day, not per month)",
                f"阳极效应 {m.pfc.aem:g} 分钟/槽日 超过 {aem_max:g}：请核对槽控系统记录（按槽日计，而非按月）",
                proc.unit_id, m.month, "anode_effects.aem_min_per_cell_day",
                p.used("check_anode_effect_minutes_max").dated.reference,
            )  # fmt: skip
        if m.pfc.method == "default" and m.output_t > 0:
            default_pfc.append(m.month)
        if "default" in m.anode.sources.values() and m.output_t > 0:
            default_anode.append(m.month)
    yield from _defaults(proc.unit_id, default_pfc, default_anode)
    yield from _gaps(proc)


def _defaults(unit_id: str, pfc: list[int], anode: list[int]) -> Iterator[Finding]:
    if pfc:
        yield Finding(
            "ALU-PFC-DEFAULT", "info",
            f"months {', '.join(map(str, pfc))} use the default PFC factors (no anode-effect "
            "minutes given)",
            f"{', '.join(map(str, pfc))} 月未填写阳极效应数据，采用PFC排放因子缺省值",
            unit_id, pfc[0], "anode_effects", REF_2024,
        )  # fmt: skip
    if anode:
        yield Finding(
            "ALU-ANODE-DEFAULT", "info",
            f"months {', '.join(map(str, anode))} use a default for net anode consumption, "
            "sulphur or ash",
            f"{', '.join(map(str, anode))} 月炭阳极净耗、含硫量或灰分采用缺省值",
            unit_id, anode[0], "anode_data", REF_2024,
        )  # fmt: skip


def _gaps(proc: ProcessResult) -> Iterator[Finding]:
    months = {m.month for m in proc.months if m.output_t > 0}
    if not months:
        return
    for m in sorted(set(range(min(months), max(months) + 1)) - months):
        yield Finding(
            "ALU-MONTH-MISSING", "warning",
            f"no output in month {m} although months before and after have output: confirm a "
            "shutdown or add the month",
            f"{m} 月无产量，但前后月份均有产量：请确认停产或补充数据",
            proc.unit_id, m, "aluminium_output",
        )  # fmt: skip


def _gwp(report: AluminiumReport, result: EntityResult) -> Iterator[Finding]:
    in_force = str(parameters().at(dt.date(report.year, 1, 1))("gwp_default_set"))
    if result.gwp_set != in_force:
        yield Finding(
            "ALU-GWP-OLDER", "info",
            f"PFCs are converted with the {result.gwp_set} GWP set, not {in_force} (in force "
            f"for {report.year}); the PFC total is not comparable with other entities'",
            f"全氟化碳采用 {result.gwp_set} 全球变暖潜势换算，而非 {report.year} 年度适用的 {in_force}；结果与其他企业不可比",
            field="gwp_set", reference=result.gwp[0].dated.reference,
        )  # fmt: skip


def _no_fuel(report: AluminiumReport) -> Iterator[Finding]:
    fuel_months = {r.month for r in report.fuel_use if r.quantity > 0}
    output_months = sorted({r.month for r in report.aluminium_output if r.quantity_t > 0})
    missing = [m for m in output_months if m not in fuel_months]
    if report.fuel_use and missing:
        yield Finding(
            "ALU-OUTPUT-NO-FUEL", "warning",
            f"aluminium output but no fuel anywhere in months {', '.join(map(str, missing))}: "
            "check that fuel_use is complete",
            f"{', '.join(map(str, missing))} 月有原铝产量但全厂无燃料消耗：请核对 fuel_use 是否完整",
            month=missing[0], field="fuel_use",
        )  # fmt: skip
