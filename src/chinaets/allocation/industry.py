"""Cement (clinker line), aluminium (electrolysis process) and steel (enterprise) allocation
(industry reference §1.4; power reference §2.5)::

    2024:  A = verified emissions (no pre-allocation)
    2025:  A = floor(E × (1 + α)),  X = (balance value − E / output) / balance value
           α = 0.15 X inside (−20 %, 20 %), +0.03 at or above 20 %, −0.03 at or below −20 %
           cement lines that only make white clinker, substitute carbide slag above 15 % or
           co-produce sulphuric acid from gypsum: A = verified emissions

Codes against a small interface (verified emissions and output per line), so that the sector
accounting modules only need to produce `IndustryLine` rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from chinaets.allocation.results import EntityAllocation
from chinaets.allocation.rules import (
    REF_INDUSTRY_2024,
    floor_product,
    round_tonnes,
    rules_for,
    table,
)
from chinaets.allocation.schema import AllocationInput, IndustryLine
from chinaets.rules import DatedFormula, ParametersAt
from chinaets.rules.parameters import UsedValue
from chinaets.rules.trace import TraceNode, input_node, parameter_node


@dataclass(slots=True)
class LineAllocation:
    line_id: str
    method: str  # verified | balance | excluded
    reason: str
    verified_tco2: float
    output_t: float
    intensity: float
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
        formula = {"balance": "floor(E × (1 + α))", "verified": "verified emissions"}.get(
            self.method, "not allocated"
        )
        node = TraceNode(
            f"line {self.line_id} ({self.method})",
            self.final_tco2,
            "t",
            formula=formula,
            note=self.reason,
        )
        node.add(
            input_node("E verified emissions", self.verified_tco2, "tCO2"),
            input_node("output", self.output_t, "t"),
        )
        if self.method == "balance":
            node.add(
                TraceNode("intensity", self.intensity, "tCO2/t", formula="E / output"),
                TraceNode("balance value", self.balance_value, "tCO2/t"),
                TraceNode("X", self.x, formula="(balance − intensity) / balance"),
                TraceNode("α", self.alpha, formula="0.15 X within ±20 %, else ±0.03"),
            )
        node.add(*(parameter_node(u) for u in self.used))
        return node.add(TraceNode("pre-allocation", self.pre_allocation_tco2, "t"))

    def as_dict(self) -> dict[str, Any]:
        return {
            "line_id": self.line_id, "method": self.method, "reason": self.reason,
            "verified_tco2": self.verified_tco2, "output_t": self.output_t,
            "intensity": self.intensity, "balance_value": self.balance_value, "x": self.x,
            "alpha": self.alpha, "allocation_tco2": self.final_tco2,
            "pre_allocation_tco2": self.pre_allocation_tco2,
        }  # fmt: skip


LineFormula = Callable[[ParametersAt, str, IndustryLine], LineAllocation]
line_allocation: DatedFormula[LineFormula] = DatedFormula(
    "industry_line_allocation",
    "Allocation of a clinker line, electrolysis process or steel enterprise",
)


def _line(line: IndustryLine, method: str, reason: str, final: int, **kw: Any) -> LineAllocation:
    return LineAllocation(
        line_id=line.line_id, method=method, reason=reason, verified_tco2=line.verified_tco2,
        output_t=line.output_t, intensity=line.verified_tco2 / line.output_t,
        balance_value=kw.get("balance"), x=kw.get("x"), alpha=kw.get("alpha"),
        final_tco2=final, pre_allocation_tco2=kw.get("pre"), used=kw.get("used", []),
    )  # fmt: skip


@line_allocation.since("2024-01-01", REF_INDUSTRY_2024 + " (2024年度：配额 = 核查排放量)")
def at_verified(p: ParametersAt, sector: str, line: IndustryLine) -> LineAllocation:
    if line.new_line or line.closed_before_final:
        return _line(line, "excluded", _excluded_reason(line), 0, pre=0)
    return _line(line, "verified", "2024: allocation equals verified emissions",
                 round_tonnes(line.verified_tco2), pre=_pre(p, line))  # fmt: skip


@line_allocation.since("2025-01-01", REF_INDUSTRY_2024 + " (2025年度：盈亏平衡法)")
def balance_function(p: ParametersAt, sector: str, line: IndustryLine) -> LineAllocation:
    if line.new_line or line.closed_before_final:
        return _line(line, "excluded", _excluded_reason(line), 0, pre=0)
    exemption = cement_exemption(p, sector, line)
    if exemption is not None:
        reason, exempt_by = exemption
        final = round_tonnes(line.verified_tco2)
        return _line(line, "verified", reason, final, pre=_pre(p, line), used=exempt_by)
    fn, terms = table(p, "industry_balance_function")
    used: list[UsedValue] = [fn]
    balance = line.balance_value
    if balance is None:
        bv = p.used("industry_balance_value", sector)
        balance, used = float(bv.value), [*used, bv]
    x = (balance - line.verified_tco2 / line.output_t) / balance
    alpha = balance_alpha(x, terms)
    final = floor_product(line.verified_tco2, 1 + alpha)
    reason = "balance value from the input" if line.balance_value is not None else ""
    return _line(
        line,
        "balance",
        reason,
        final,
        balance=balance,
        x=x,
        alpha=alpha,
        pre=_pre(p, line),
        used=used,
    )


def balance_alpha(x: float, terms: dict[str, float]) -> float:
    """α of the balance function: linear inside the band, flat at ±alpha_limit outside."""
    if x >= terms["upper"]:
        return terms["alpha_limit"]
    if x <= terms["lower"]:
        return -terms["alpha_limit"]
    return terms["slope"] * x


def cement_exemption(
    p: ParametersAt, sector: str, line: IndustryLine
) -> tuple[str, list[UsedValue]] | None:
    if sector != "cement":
        return None
    used, t = table(p, "industry_cement_exemptions")
    if line.white_clinker_only and used.value["white_clinker_only"]:
        return "cement exemption: white Portland clinker only", [used]
    if line.carbide_slag_rate > t["carbide_slag_rate_above"]:
        return (
            f"cement exemption: carbide-slag substitution {line.carbide_slag_rate:.0%} > {t['carbide_slag_rate_above']:.0%}",
            [used],
        )
    if line.gypsum_acid_coproduct and used.value["gypsum_acid_coproduct"]:
        return "cement exemption: gypsum–sulphuric acid co-production", [used]
    return None


def _excluded_reason(line: IndustryLine) -> str:
    return (
        "commissioned in the year" if line.new_line else "closed before allocation was determined"
    )


def _pre(p: ParametersAt, line: IndustryLine) -> int | None:
    share = float(p("industry_pre_allocation_share"))
    if share == 0:
        return 0
    return (
        None if line.prev_verified_tco2 is None else floor_product(share, line.prev_verified_tco2)
    )


def allocate_industry(inp: AllocationInput) -> EntityAllocation:
    p = rules_for(inp.sector, inp.year)
    formula = line_allocation.at(p.when)
    lines = [formula(p, inp.sector, line) for line in inp.lines]
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
