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
from chinaets.core.terms import zh_term
from chinaets.rules.trace import TraceNode


@dataclass
class Step:
    action: str
    source: str
    quantity: int
    unit_price: Decimal
    explanation: str
    source_zh: str  # the source and the explanation as a Chinese reader reads them
    explanation_zh: str

    @property
    def cost(self) -> Decimal:
        return yuan(self.quantity * self.unit_price)

    def as_dict(self) -> dict[str, Any]:
        return {
            "action": self.action, "source": self.source, "quantity": self.quantity,
            "unit_price": self.unit_price, "cost": self.cost, "explanation": self.explanation,
            "source_zh": self.source_zh, "explanation_zh": self.explanation_zh,
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
            "compliance plan", self.cost, "CNY", formula="Σ surrendered × market price",
            label_zh=f"{self.compliance.year}年度履约方案", unit_zh="元",
            formula_zh="Σ 清缴量 × 市场价格",
        )  # fmt: skip
        root.add(*(TraceNode(f"{s.action} {s.source}", s.quantity, "t", formula=f"× CNY {s.unit_price}",
                             note=s.explanation, label_zh=f"{zh_term(s.action)} {s.source_zh}",
                             formula_zh=f"× {s.unit_price} 元/吨", note_zh=s.explanation_zh)
                   for s in self.steps))  # fmt: skip
        root.add(TraceNode("baseline: allowances only", self.baseline_cost, "CNY",
                           label_zh="对照：仅使用配额", unit_zh="元"))  # fmt: skip
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
        why, why_zh = (("CCER is not cheaper than allowances", "CCER 价格不低于配额") if status.offset_cap_tco2
                       else ("no CCER room", "无 CCER 抵销额度"))  # fmt: skip
        out.steps.append(Step("skip", "CCER", 0, out.price_ccer, why, "CCER", why_zh))
        return 0
    lots = sorted((lot for lot in inp.ccer_lots if lot.lot_id not in status.ccer_refused),
                  key=lambda lot: (not lot.legacy, lot.registered))  # fmt: skip
    left = target
    for lot in lots:
        take = min(left, lot.quantity)
        if take:
            why, why_zh = (("legacy CCER (usable until its lapse date)", "原有 CCER（有效期内可用）")
                           if lot.legacy else ("held eligible CCER", "持有的合格 CCER"))  # fmt: skip
            out.steps.append(Step("surrender", f"CCER lot {lot.lot_id}", take, out.price_ccer, why,
                                  f"CCER 批次 {lot.lot_id}", why_zh))  # fmt: skip
            left -= take
    if left:
        out.steps.append(
            Step(
                "buy",
                "CCER",
                left,
                out.price_ccer,
                "CCER cheaper than CEA, up to the 5 % cap",
                "CCER",
                "CCER 价格低于配额，以 5% 上限为限",
            )
        )
        out.steps.append(
            Step(
                "surrender",
                "CCER bought",
                left,
                out.price_ccer,
                "within the offset cap",
                "购入的 CCER",
                "在抵销上限以内",
            )
        )
    return target


def _allowances(inp: ComplianceInput, status: ComplianceResult, out: Plan, need: int) -> None:
    sources: list[tuple[str, int, str, str, str]] = []
    if status.carry_over and status.carry_over.amount_tco2:
        t = status.carry_over.used.value
        sources.append((f"allowance carry-over → {t['into_vintage']}", status.carry_over.amount_tco2,
                        f"convert vintages {t['vintage_from']}–{t['vintage_to']} (apply by "
                        f"{t['application_deadline']}); unusable for later years otherwise",
                        f"结转配额 → {t['into_vintage']}",
                        f"{t['vintage_from']}–{t['vintage_to']} 年度配额转换（{t['application_deadline']} "
                        "前申请）；否则不能用于以后年度"))  # fmt: skip
    for vintage, quantity in sorted(status.usable.items()):
        label = r.vintage_label(vintage)
        sources.append((f"allowance vintage {label}", quantity, "held; oldest vintage first",
                        f"{label} 年度配额", "持有配额，先用最早年度"))  # fmt: skip
    for source, available, why, source_zh, why_zh in sources:
        take = min(need, available)
        if take:
            out.steps.append(Step("surrender", source, take, out.price_cea, why, source_zh, why_zh))
            need -= take
        out.surplus_allowances_tco2 += available - take
    if need:
        if status.borrowing.allowed:
            out.steps.append(Step("note", "borrowing", min(need, status.borrowing.max_tco2), out.price_cea,
                                  "may borrow instead of buying: " + status.borrowing.reason,
                                  "预借配额",
                                  f"可预借配额代替购买，上限 {status.borrowing.max_tco2:,} 吨"))  # fmt: skip
        out.steps.append(
            Step(
                "buy",
                "allowance",
                need,
                out.price_cea,
                "to close the remaining gap",
                "配额",
                "补足剩余缺口",
            )
        )
        out.steps.append(
            Step(
                "surrender",
                "allowance bought",
                need,
                out.price_cea,
                "current vintage",
                "购入的配额",
                "当年度配额",
            )
        )
    if out.surplus_allowances_tco2:
        out.steps.append(Step("keep or sell", "allowance", out.surplus_allowances_tco2, out.price_cea,
                              "usable holdings left after compliance", "配额",
                              "履约后剩余的可用配额"))  # fmt: skip
