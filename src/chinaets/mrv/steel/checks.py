"""Verification checks of an iron & steel report: findings, not rejections.

A report that loads is accounted whatever the checks say; the checks tell the entity and its
verifier what to explain or correct. Thresholds are dated parameters (``check_*.yaml``); every
finding has a stable code:

======================  ========  ===========================================================
code                    severity  finding
======================  ========  ===========================================================
STL-OTHER-NEGATIVE      error     "other" (formula 4) below zero: processes or units overstated
STL-PROC-EXCEEDS        error     Σ processes above the enterprise's emissions
STL-INTENSITY-BAND      warning   tCO2 per t crude steel outside the route's plausible band
STL-PROC-OUTPUT         warning   a fuel leaves a process the guideline does not give it
STL-ROUTE-PROCESS       warning   no process of the declared route (ironmaking/BOF, or EAF)
STL-UNIT-NO-FUEL        warning   a co-firing power unit without fuel
STL-MATERIAL-UNLISTED   info      a material not in table A.2: reported, not accounted
STL-NET-NEGATIVE        info      a fuel's net consumption is negative (more sold than used)
======================  ========  ===========================================================

Shared industrial findings are added: measured NCVs (IND-NCV-*, including a measured coke NCV,
which is never used), the data-quality control plan and meters (IND-DQCP-*, IND-METER-*) and
the monthly deposits (IND-DEPOSIT-*), see ``chinaets.mrv.industry.checks``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from chinaets.mrv.findings import Finding
from chinaets.mrv.industry.checks import shared_findings, sort_findings
from chinaets.mrv.industry.control_plan import Observation
from chinaets.mrv.industry.schema import fuels
from chinaets.mrv.steel.accounting import parameters
from chinaets.mrv.steel.formulas import REF_2024
from chinaets.mrv.steel.results import EntityResult
from chinaets.mrv.steel.schema import ENTERPRISE, SteelReport

ROUTE_NAMES = {"bf_bof": ("BF-BOF", "长流程"), "eaf": ("EAF", "短流程")}
ROUTE_PROCESSES = {"bf_bof": ("ironmaking", "bof"), "eaf": ("eaf",)}


@dataclass(frozen=True)
class CheckContext:
    report: SteelReport
    result: EntityResult

    def used(self, name: str, *key: str) -> tuple[Any, str]:
        """A parameter in force on 1 January of the data year, and its reference."""
        used = parameters().at(dt.date(self.report.year, 1, 1)).used(name, *key)
        return used.value, used.dated.reference

    def table(self, name: str) -> Mapping[str, Any]:
        value = parameters().at(dt.date(self.report.year, 1, 1)).dated(name).value
        return value if isinstance(value, Mapping) else {}


def balance(ctx: CheckContext) -> Iterator[Finding]:
    """Formula (4) closes: "other" not below zero, processes not above the enterprise."""
    r = ctx.result
    tolerance, reference = ctx.used("check_other_negative_tolerance")
    if r.other_tco2 < -float(tolerance):
        yield Finding(
            "STL-OTHER-NEGATIVE", "error",
            f"other emissions (formula 4) are {r.other_tco2:,.2f} tCO2: processes "
            f"({r.process_tco2:,.2f}) and power units ({r.unit_tco2:,.2f}) exceed the enterprise "
            f"({r.enterprise_tco2:,.2f}); check process inputs, gas outputs and unit fuels",
            f"其他排放（公式4）为 {r.other_tco2:,.2f} tCO2：工序（{r.process_tco2:,.2f}）与自备电厂"
            f"（{r.unit_tco2:,.2f}）之和超过企业排放量（{r.enterprise_tco2:,.2f}），请核对工序输入、"
            "煤气输出及机组燃料",
            field="process_flows", reference=reference,
        )  # fmt: skip
    if r.process_tco2 > r.enterprise_tco2 + float(tolerance):
        yield Finding(
            "STL-PROC-EXCEEDS", "error",
            f"the processes' emissions ({r.process_tco2:,.2f} tCO2) exceed the enterprise's "
            f"({r.enterprise_tco2:,.2f}): a process input is overstated or an output missing",
            f"各工序排放之和（{r.process_tco2:,.2f} tCO2）超过企业排放量（{r.enterprise_tco2:,.2f}），"
            "工序输入可能偏高或缺少输出",
            field="process_flows", reference=REF_2024 + " 公式（2）（4）",
        )  # fmt: skip


def intensity(ctx: CheckContext) -> Iterator[Finding]:
    """tCO2 per t crude steel inside the route's plausibility band."""
    value, route = ctx.result.intensity, ctx.report.entity.route
    if value is None:
        return
    low, reference = ctx.used("check_intensity_band", route, "low")
    high, _ = ctx.used("check_intensity_band", route, "high")
    if not float(low) <= value <= float(high):
        en, zh = ROUTE_NAMES[route]
        yield Finding(
            "STL-INTENSITY-BAND", "warning",
            f"intensity {value:.4f} tCO2/t crude steel is outside {low:g}–{high:g} for the "
            f"{en} route: check crude steel output (t) and fuel quantities, or the route",
            f"吨粗钢排放强度 {value:.4f} tCO2/t 超出{zh}合理区间 {low:g}–{high:g}，"
            "请核对粗钢产量（t）、燃料消耗量或工艺路线",
            field="products.quantity", reference=reference,
        )  # fmt: skip


def process_outputs(ctx: CheckContext) -> Iterator[Finding]:
    """Fuels leaving a process are the ones formula (2) names for it."""
    allowed = ctx.table("process_fuel_outputs")
    kinds = {p.process_id: p.process for p in ctx.report.processes}
    seen: set[tuple[str, str]] = set()
    for row in ctx.report.process_flows:
        process = kinds.get(row.process_id, "")
        key = (row.process_id, row.fuel)
        if row.direction == "out" and row.fuel not in allowed.get(process, {}) and key not in seen:
            seen.add(key)
            yield Finding(
                "STL-PROC-OUTPUT", "warning",
                f"{fuels()[row.fuel].en} leaves process {row.process_id} ({process}); formula (2) "
                "gives this process no such output: check the direction or the process",
                f"{fuels()[row.fuel].zh} 作为工序 {row.process_id}（{process}）的输出，公式（2）中该工序"
                "无此输出，请核对输入/输出方向或工序",
                field="process_flows.direction", reference=REF_2024 + " 公式（2）",
            )  # fmt: skip


def route_processes(ctx: CheckContext) -> Iterator[Finding]:
    """Process-level results exist for the declared route's main processes."""
    route = ctx.report.entity.route
    declared = {p.process for p in ctx.report.processes}
    missing = [p for p in ROUTE_PROCESSES[route] if p not in declared]
    if missing:
        en, zh = ROUTE_NAMES[route]
        yield Finding(
            "STL-ROUTE-PROCESS", "warning",
            f"the {en} route is declared but processes lack {', '.join(missing)}: formula (2) "
            "results are missing for them",
            f"申报为{zh}，但工序信息表缺少 {'、'.join(missing)}，无法给出其工序层级排放（公式2）",
            field="processes", reference=REF_2024 + " 公式（2）",
        )  # fmt: skip


def unit_fuel(ctx: CheckContext) -> Iterator[Finding]:
    for unit in ctx.result.units:
        if not unit.fuels:
            yield Finding(
                "STL-UNIT-NO-FUEL", "warning",
                f"power unit {unit.unit_id} has no fuel rows: add them or remove the unit",
                f"机组 {unit.unit_id} 无燃料消耗数据，请补充或删除该机组",
                unit_id=unit.unit_id, field="unit_fuels", reference=REF_2024 + " 公式（3）",
            )  # fmt: skip


def unlisted_materials(ctx: CheckContext) -> Iterator[Finding]:
    for m in ctx.result.materials:
        if not m.accounted:
            yield Finding(
                "STL-MATERIAL-UNLISTED", "info",
                f"material '{m.code}' ({m.quantity:,.2f} t) is not in table A.2 and is not "
                "accounted; if it is a listed material, use its code (see `chinaets schema steel`)",
                f"物料 '{m.code}'（{m.quantity:,.2f} t）不在表A.2中，不予核算；如属表中物料，请使用其代码",
                field="materials.material", reference=REF_2024 + " 表A.2",
            )  # fmt: skip


def negative_net(ctx: CheckContext) -> Iterator[Finding]:
    for x in ctx.result.fuels:
        if x.quantity < 0:
            yield Finding(
                "STL-NET-NEGATIVE", "info",
                f"net consumption of {fuels()[x.fuel].en} is {x.quantity:,.2f}: more was sold or "
                "sent to power-sector units than bought (expected for self-produced coke or gas)",
                f"{fuels()[x.fuel].zh} 净消耗量为 {x.quantity:,.2f}：外销及纳入发电行业机组的量多于"
                "购入量（自产焦炭、煤气外销时属正常）",
                field="fuels", reference=REF_2024 + " 公式（1）",
            )  # fmt: skip


Check = Callable[[CheckContext], Iterable[Finding]]
CHECKS: tuple[Check, ...] = (
    balance, intensity, process_outputs, route_processes, unit_fuel,
    unlisted_materials, negative_net,
)  # fmt: skip


def observations(report: SteelReport) -> Iterator[Observation]:
    """How the monthly materials and products were obtained (metered), for the control plan."""
    for m in report.materials:
        yield Observation("material_quantity", ENTERPRISE, m.material, m.month, "measured")
    for p in report.products:
        yield Observation("product_quantity", ENTERPRISE, p.product, p.month, "measured")


def check(report: SteelReport, result: EntityResult) -> list[Finding]:
    """Every finding on the report: errors first, then warnings, then info; within a severity
    by place (enterprise, processes, units), month and code."""
    ctx = CheckContext(report, result)
    fuel_results = [
        *result.fuels,
        *(x for p in result.processes for x in [*p.inputs, *p.outputs]),
        *(x for u in result.units for x in u.fuels),
    ]
    shared = shared_findings(
        parameters(), report.year, report, fuel_results, list(observations(report))
    )
    own = [finding for run in CHECKS for finding in run(ctx)]
    places = [ENTERPRISE, *(p.process_id for p in report.processes)]
    places += [u.unit_id for u in report.power_units]
    return sort_findings(_once(shared + own), places)


def _once(findings: list[Finding]) -> list[Finding]:
    """A fuel's measured NCV applies wherever it is used: say each NCV finding once."""
    seen: set[tuple[str, str, int | None]] = set()
    out = []
    for f in findings:
        key = (f.code, f.en, f.month)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
