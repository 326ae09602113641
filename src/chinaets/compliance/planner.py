"""The cheapest lawful way to meet an obligation, step by step.

Every unit surrendered is valued at its market price — a held allowance could be sold for the
CEA price, a held CCER for the CCER price — so the plan's cost is what compliance really costs
the entity, and the baseline (surrender allowances only) costs obligation × CEA price. The plan:

1. CCER only if cheaper than allowances, up to the 5 % cap: eligible held lots first (legacy lots
   before they lapse, then oldest), then CCER bought (registered after the relaunch);
2. allowances: the carry-over into 2025 (if it applies), held vintages oldest first (older
   vintages lose their use first), then allowances bought;
3. whatever allowances are left over can be kept or sold.

So cost = (obligation − c) × P + c × Q with c = 0 unless Q < P: never more than the baseline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from chinaets.compliance import rules as r
from chinaets.compliance.penalties import yuan
from chinaets.compliance.schema import ComplianceInput
from chinaets.compliance.status import ComplianceResult, assess
from chinaets.core.errors import InputError, Location
from chinaets.rules.trace import TraceNode


@dataclass
class Step:
    action: str
    source: str
    quantity: int
    unit_price: Decimal
    explanation: str

    @property
    def cost(self) -> Decimal:
        return yuan(self.quantity * self.unit_price)

    def as_dict(self) -> dict[str, Any]:
        return {
            "action": self.action, "source": self.source, "quantity": self.quantity,
            "unit_price": self.unit_price, "cost": self.cost, "explanation": self.explanation,
        }  # fmt: skip


@dataclass
class Plan:
    compliance: ComplianceResult
    price_cea: Decimal
    price_ccer: Decimal
    steps: list[Step] = field(default_factory=list)
    surplus_allowances_tco2: int = 0

    @property
    def cost(self) -> Decimal:
        return yuan(sum((s.cost for s in self.steps if s.action == "surrender"), Decimal(0)))

    @property
    def purchases(self) -> Decimal:
        return yuan(sum((s.cost for s in self.steps if s.action == "buy"), Decimal(0)))

    @property
    def baseline_cost(self) -> Decimal:
        return yuan(self.compliance.obligation_tco2 * self.price_cea)

    def surrendered(self, kind: str) -> int:
        return sum(
            s.quantity for s in self.steps if s.action == "surrender" and s.source.startswith(kind)
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.compliance.year, "credit_code": self.compliance.credit_code,
            "obligation_tco2": self.compliance.obligation_tco2,
            "offset_cap_tco2": self.compliance.offset_cap_tco2,
            "price_cea": self.price_cea, "price_ccer": self.price_ccer,
            "steps": [s.as_dict() for s in self.steps],
            "allowances_surrendered_tco2": self.surrendered("allowance"),
            "ccer_surrendered_tco2": self.surrendered("CCER"),
            "cost": self.cost, "purchases": self.purchases, "baseline_cost": self.baseline_cost,
            "saving": self.baseline_cost - self.cost,
            "surplus_allowances_tco2": self.surplus_allowances_tco2,
            "draft": self.compliance.draft,
        }  # fmt: skip

    def trace(self) -> TraceNode:
        root = TraceNode(
            "compliance plan", self.cost, "CNY", formula="Σ surrendered × market price"
        )
        root.add(*(TraceNode(f"{s.action} {s.source}", s.quantity, "t", formula=f"× CNY {s.unit_price}",
                             note=s.explanation) for s in self.steps))  # fmt: skip
        root.add(TraceNode("baseline: allowances only", self.baseline_cost, "CNY"))
        return root.add(self.compliance.trace())


def plan(inp: ComplianceInput, verified: int, price_cea: Decimal, price_ccer: Decimal) -> Plan:
    for name, price in (("price_cea", price_cea), ("price_ccer", price_ccer)):
        if price < 0:
            raise InputError.one(Location(field=name), f"{name} must not be negative", f"{name} 不能为负",
                                 "give the price in CNY per tonne", "请填写每吨价格（元）")  # fmt: skip
    status = assess(
        inp.model_copy(update={"surrendered": None, "ccer_surrendered": None}), verified
    )
    out = Plan(status, yuan(price_cea), yuan(price_ccer))
    ccer = _offsets(inp, status, out)
    _allowances(inp, status, out, status.obligation_tco2 - ccer)
    return out


def _offsets(inp: ComplianceInput, status: ComplianceResult, out: Plan) -> int:
    target = status.offset_cap_tco2 if out.price_ccer < out.price_cea else 0
    if target == 0:
        why = "CCER is not cheaper than allowances" if status.offset_cap_tco2 else "no CCER room"
        out.steps.append(Step("skip", "CCER", 0, out.price_ccer, why))
        return 0
    lots = sorted((lot for lot in inp.ccer_lots if lot.lot_id not in status.ccer_refused),
                  key=lambda lot: (not lot.legacy, lot.registered))  # fmt: skip
    left = target
    for lot in lots:
        take = min(left, lot.quantity)
        if take:
            why = (
                "legacy CCER (usable until its lapse date)" if lot.legacy else "held eligible CCER"
            )
            out.steps.append(Step("surrender", f"CCER lot {lot.lot_id}", take, out.price_ccer, why))
            left -= take
    if left:
        out.steps.append(
            Step("buy", "CCER", left, out.price_ccer, "CCER cheaper than CEA, up to the 5 % cap")
        )
        out.steps.append(
            Step("surrender", "CCER bought", left, out.price_ccer, "within the offset cap")
        )
    return target


def _allowances(inp: ComplianceInput, status: ComplianceResult, out: Plan, need: int) -> None:
    sources: list[tuple[str, int, str]] = []
    if status.carry_over and status.carry_over.amount_tco2:
        terms = status.carry_over.used.value
        sources.append((f"allowance carry-over → {terms['into_vintage']}", status.carry_over.amount_tco2,
                        f"convert vintages {terms['vintage_from']}–{terms['vintage_to']} (apply by "
                        f"{terms['application_deadline']}); unusable for later years otherwise"))  # fmt: skip
    for vintage, quantity in sorted(status.usable.items()):
        sources.append(
            (
                f"allowance vintage {r.vintage_label(vintage)}",
                quantity,
                "held; oldest vintage first",
            )
        )
    for source, available, why in sources:
        take = min(need, available)
        if take:
            out.steps.append(Step("surrender", source, take, out.price_cea, why))
            need -= take
        out.surplus_allowances_tco2 += available - take
    if need:
        if status.borrowing.allowed:
            out.steps.append(Step("note", "borrowing", min(need, status.borrowing.max_tco2), out.price_cea,
                                  "may borrow instead of buying: " + status.borrowing.reason))  # fmt: skip
        out.steps.append(
            Step("buy", "allowance", need, out.price_cea, "to close the remaining gap")
        )
        out.steps.append(
            Step("surrender", "allowance bought", need, out.price_cea, "current vintage")
        )
    if out.surplus_allowances_tco2:
        out.steps.append(Step("keep or sell", "allowance", out.surplus_allowances_tco2, out.price_cea,
                              "usable holdings left after compliance"))  # fmt: skip
