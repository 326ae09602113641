"""Cement (clinker line), aluminium (electrolysis process) and steel (enterprise) allocation
(D25 §三(二)(三); rules updates-2026 §1–2)::

    2024:  A = verified emissions (no pre-allocation)
    2025–: A = floor(E × (1 + α)),  X = (BP − I) / BP, α of Table 3 (`balance.alpha`)
           I: steel (Eb + Et) / Qb, cement E / clinker, aluminium (anode + PFC) / aluminium liquid
           BP: solved over the sector (`balance.solve`, `determination.determine`), or as
           published and given in the input; special cases (`special_cases`): A = E

Codes against `IndustryLine` rows, which the sector accounting results fill.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from chinaets.allocation import special_cases as sc
from chinaets.allocation.balance import BalancePoint, alpha
from chinaets.allocation.results import EntityAllocation
from chinaets.allocation.rules import (
    REF_INDUSTRY_2024,
    floor_product,
    parameters,
    round_tonnes,
    rules_for,
    table,
)
from chinaets.allocation.schema import AllocationInput, IndustryLine
from chinaets.core.errors import InputError, Location
from chinaets.mrv.sectors import get_sector
from chinaets.rules import DatedFormula, ParametersAt
from chinaets.rules.parameters import UsedValue
from chinaets.rules.trace import TraceNode, input_node, parameter_node


@dataclass(slots=True)
class LineAllocation:
    line_id: str
    method: str  # verified | balance | excluded
    reason: str
    reason_zh: str
    verified_tco2: float
    output_t: float
    intensity: float
    intensity_formula: str
    balance_value: float | None
    x: float | None
    alpha: float | None
    final_tco2: int
    pre_allocation_tco2: int | None
    used: list[UsedValue] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.line_id

    @property
    def covered(self) -> bool:
        return self.method != "excluded"

    def trace(self) -> TraceNode:
        formula, formula_zh, method_zh = _METHODS.get(self.method, _METHODS["excluded"])
        # a steel enterprise is allocated as a whole: its one "line" is the enterprise
        line_zh = "企业整体" if self.line_id == "enterprise" else f"生产线（工序） {self.line_id}"
        node = TraceNode(
            f"line {self.line_id} ({self.method})", self.final_tco2, "t", formula=formula,
            note=self.reason, label_zh=f"{line_zh}（{method_zh}）", formula_zh=formula_zh,
            note_zh=self.reason_zh,
        )  # fmt: skip
        node.add(
            input_node("E verified emissions", self.verified_tco2, "tCO2", label_zh="E 核查排放量"),
            input_node("output", self.output_t, "t", label_zh="产品产量"),
        )
        if self.method == "balance":
            node.add(
                TraceNode("intensity", self.intensity, "tCO2/t", formula=self.intensity_formula,
                          label_zh="碳排放强度",
                          formula_zh=self.intensity_formula.replace("output", "产品产量")),
                TraceNode("balance value", self.balance_value, "tCO2/t", label_zh="BP 平衡值"),
                TraceNode("X", self.x, formula="(balance − intensity) / balance",
                          label_zh="X 偏离度", formula_zh="(平衡值 − 碳排放强度) / 平衡值"),
                # the function's numbers are the law book's, shown in its parameter node below
                TraceNode("α", self.alpha, formula="slope × X within (lower, upper), else ±limit",
                          label_zh="α 调整系数",
                          formula_zh="X 在（下限，上限）以内时为 斜率 × X，超出时为 ±调整上限"),
            )  # fmt: skip
        node.add(*(_used_node(u) for u in self.used))
        pre = self.pre_allocation_tco2
        return node.add(TraceNode("pre-allocation", pre, "t", label_zh="预分配配额",
                                  value_zh="—" if pre is None else ""))  # fmt: skip

    def as_dict(self) -> dict[str, Any]:
        return {
            "line_id": self.line_id, "method": self.method, "reason": self.reason,
            "reason_zh": self.reason_zh,
            "verified_tco2": self.verified_tco2, "output_t": self.output_t,
            "intensity": self.intensity, "balance_value": self.balance_value, "x": self.x,
            "alpha": self.alpha, "allocation_tco2": self.final_tco2,
            "pre_allocation_tco2": self.pre_allocation_tco2,
        }  # fmt: skip


_METHODS = {  # method -> (formula, its Chinese, the method in Chinese)
    "balance": ("floor(E × (1 + α))", "⌊E × (1 + α)⌋（向下取整）", "平衡值法"),
    "verified": ("verified emissions", "核查排放量", "按核查排放量分配"),
    "excluded": ("not allocated", "不予分配", "不予分配"),
}


def _used_node(used: UsedValue) -> TraceNode:
    """A parameter the line's allocation used; a method code (a special case's "verified")
    reads as the method, not as a report's state."""
    node = parameter_node(used)
    if isinstance(used.value, str) and used.value in _METHODS:
        node.value_zh = _METHODS[used.value][2]
    return node


BALANCE_GIVEN = (
    "balance value given in the input (as published)",
    "输入中给定的平衡值（按公布值）",
)
BALANCE_SOLVED = ("balance value solved over the sector", "基于全行业核查结果测算的平衡值")


@dataclass(frozen=True)
class LineContext:
    """What a line's allocation needs beyond the line: its sector, position in the input, the
    entity's size (small-entity case), the balance value and the pre-allocation share."""

    sector: str
    index: int
    small_entity: bool
    balance: float | None
    balance_source: str
    pre_share: float | None
    balance_source_zh: str = ""


LineFormula = Callable[[ParametersAt, IndustryLine, LineContext], LineAllocation]
line_allocation: DatedFormula[LineFormula] = DatedFormula(
    "industry_line_allocation",
    "Allocation of a clinker line, electrolysis process or steel enterprise",
    "熟料生产线、电解工序或钢铁企业的配额分配",
)


def _line(line: IndustryLine, standing: sc.Standing, final: int, **kw: Any) -> LineAllocation:
    return LineAllocation(
        line_id=line.line_id, method=standing.method, reason=standing.reason,
        reason_zh=standing.reason_zh, verified_tco2=line.verified_tco2, output_t=line.output_t,
        intensity=kw.get("intensity", line.verified_tco2 / line.output_t),
        intensity_formula=kw.get("formula", "E / output"), balance_value=kw.get("balance"),
        x=kw.get("x"), alpha=kw.get("alpha"), final_tco2=final, pre_allocation_tco2=kw.get("pre"),
        used=[*standing.used, *kw.get("used", [])],
    )  # fmt: skip


@line_allocation.since("2024-01-01", REF_INDUSTRY_2024 + " (2024年度：配额 = 核查排放量)")
def at_verified(p: ParametersAt, line: IndustryLine, ctx: LineContext) -> LineAllocation:
    outside = sc.not_allocated(p, line)
    if outside is not None:
        return _line(line, outside, 0, pre=0)
    if line.new_line or line.closed_before_final:
        reason = "commissioned in the year" if line.new_line else "closed before allocation"
        return _line(line, sc.Standing("excluded", reason, "不纳入分配"), 0, pre=0)
    standing = sc.Standing(
        "verified", "2024: allocation equals verified emissions", "2024年度配额等于核查排放量"
    )
    return _line(line, standing, round_tonnes(line.verified_tco2), pre=_pre(p, line, ctx))


@line_allocation.since("2025-01-01", REF_INDUSTRY_2024 + " (2025年度：碳排放强度系数法)")
def intensity_coefficient(p: ParametersAt, line: IndustryLine, ctx: LineContext) -> LineAllocation:
    standing = sc.not_allocated(p, line) or sc.special_case(p, line, ctx.small_entity)
    if standing is not None:
        final = 0 if standing.method == "excluded" else round_tonnes(line.verified_tco2)
        pre = 0 if standing.method == "excluded" else _pre(p, line, ctx)
        return _line(line, standing, final, pre=pre)
    fn, terms = table(p, "industry_balance_function")
    i, formula, basis = sc.intensity(p, ctx.sector, line, ctx.index)
    balance = line.balance_value or ctx.balance
    if balance is None:
        raise _needs_balance(ctx)
    x = (balance - i) / balance
    a = alpha(x, terms)
    final = floor_product(line.verified_tco2, 1 + a)
    source, source_zh = (
        ("balance value given for the line", "该生产线给定的平衡值")
        if line.balance_value
        else (ctx.balance_source, ctx.balance_source_zh)
    )
    return _line(line, sc.Standing("balance", source, source_zh), final, intensity=i, formula=formula,
                 balance=balance, x=x, alpha=a, pre=_pre(p, line, ctx), used=[fn, basis])  # fmt: skip


def balance_point(p: ParametersAt, line: IndustryLine, ctx: LineContext) -> BalancePoint | None:
    """The line's (E, I) in the sector's balance-value solve; None for excluded lines and
    special cases."""
    if line_allocation.at(p.when) is not intensity_coefficient:
        return None
    if sc.not_allocated(p, line) or sc.special_case(p, line, ctx.small_entity):
        return None
    i, _, _ = sc.intensity(p, ctx.sector, line, ctx.index)
    return BalancePoint(line.verified_tco2, i)


def _in_force(p: ParametersAt, name: str) -> bool:
    return parameters()[name].values[0].start <= p.when


def _needs_balance(ctx: LineContext) -> InputError:
    return InputError.one(
        Location(field=f"lines[{ctx.index}].balance_value"),
        f"the {ctx.sector} balance value BP is solved over the whole sector's verified results "
        "(D25 §三(二)2); one document cannot give it: give balance_value as the national platform "
        "publishes it, or run `chinaets determine` over the sector's inputs",
        f"{get_sector(ctx.sector).zh}行业平衡值须基于全行业核查结果测算（方案§三(二)2），单个文件无法得出：请填写管理平台"
        "公布的平衡值 balance_value，或对全行业输入运行 `chinaets determine`",
        "add balance_value to the input (or to each line)",
        "请在输入（或各生产线）中填写 balance_value",
    )


def _pre(p: ParametersAt, line: IndustryLine, ctx: LineContext) -> int | None:
    """floor(share × previous-year verified), the share the province's (≤ the plan's maximum)."""
    share = float(p("industry_pre_allocation_share"))
    if share == 0:
        return 0
    if ctx.pre_share is not None:
        share = min(share, ctx.pre_share)
    return (
        None if line.prev_verified_tco2 is None else floor_product(share, line.prev_verified_tco2)
    )


def line_context(
    p: ParametersAt, inp: AllocationInput, index: int, balance: float | None,
    source: tuple[str, str],
) -> LineContext:  # fmt: skip
    covered = sum(x.verified_tco2 for x in inp.lines)
    verified = covered if inp.verified_tco2 is None else inp.verified_tco2
    small = _in_force(p, "industry_small_entity_max_tco2") and sc.is_small_entity(p, verified)
    return LineContext(
        inp.sector, index, small, balance, source[0], inp.pre_allocation_share, source[1]
    )


def allocate_industry(
    inp: AllocationInput, balance: float | None = None, source: tuple[str, str] = ("", "")
) -> EntityAllocation:
    """One entity's allocation; `balance` is the solved sector BP (`determination`), else the
    input's published balance value; `source` says where it comes from (English, Chinese)."""
    p = rules_for(inp.sector, inp.year)
    check_pre_share(p, inp)
    if balance is None and inp.balance_value is not None:
        balance, source = inp.balance_value, BALANCE_GIVEN
    formula = line_allocation.at(p.when)
    lines = [formula(p, line, line_context(p, inp, i, balance, source if source[0] else BALANCE_SOLVED))
             for i, line in enumerate(inp.lines)]  # fmt: skip
    covered = [x for x in lines if x.covered]
    final = sum(x.final_tco2 for x in lines)
    verified = (
        round_tonnes(sum(x.verified_tco2 for x in covered))
        if inp.verified_tco2 is None
        else round_tonnes(inp.verified_tco2)
    )
    pres = [x.pre_allocation_tco2 for x in covered]
    pre = (
        inp.pre_allocated_tco2
        if inp.pre_allocated_tco2 is not None
        else (None if None in pres else sum(x or 0 for x in pres))
    )
    return EntityAllocation(
        sector=inp.sector, year=inp.year, credit_code=inp.entity.credit_code, name=inp.entity.name,
        province=inp.entity.province, parts=list(lines), verified_tco2=verified, initial_tco2=final,
        cap_topup_tco2=0, cap_relief_tco2=0, final_tco2=final, obligation_tco2=verified,
        pre_allocation_tco2=pre, pre_allocation_given=inp.pre_allocated_tco2 is not None,
        deductions=[(a.kind, a.tco2, a.note) for a in inp.adjustments],
        formula_versions={line_allocation.name: line_allocation.version_at(p.when).label},
        used=[p.used("industry_pre_allocation_share"), p.used("industry_plan_last_year")],
    )  # fmt: skip


def check_pre_share(p: ParametersAt, inp: AllocationInput) -> None:
    """A province may lower the pre-allocation share, never raise it (D25 §四(一)1)."""
    name = "power_pre_allocation_share" if inp.units else "industry_pre_allocation_share"
    limit = float(p(name))
    if inp.pre_allocation_share is not None and inp.pre_allocation_share > limit:
        raise InputError.one(
            Location(field="pre_allocation_share"),
            f"pre-allocation share {inp.pre_allocation_share:.0%} is above the plan's maximum {limit:.0%}",
            f"预分配比例 {inp.pre_allocation_share:.0%} 超过方案规定的上限 {limit:.0%}",
            f"give a share of at most {limit:.0%}",
            f"请填写不超过 {limit:.0%} 的比例",
        )
