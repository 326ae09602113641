"""An entity's compliance for a data year: the obligation, what may count toward it, what did
(or could) count, the status and shortfall, and the penalty range if it falls short.

When the input lists what was surrendered, the status is about that; otherwise it is the
prospective status if the entity surrenders every eligible unit it holds (allowances of usable
vintages, the carry-over, borrowed allowances, eligible CCER within the 5 % cap).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from chinaets.compliance import rules as r
from chinaets.compliance.penalties import Penalty, failure_to_surrender, falsification, law_at
from chinaets.compliance.schema import ComplianceInput
from chinaets.core.errors import InputError, Location
from chinaets.core.terms import zh_term
from chinaets.rules.parameters import UsedValue
from chinaets.rules.trace import TraceNode, input_node, parameter_node


@dataclass
class ComplianceResult:
    year: int
    credit_code: str
    name: str
    deadline: dt.date
    verified_tco2: int
    relief_tco2: int
    obligation_tco2: int
    scope: str
    usable: dict[int, int]
    not_usable: dict[int, int]
    carry_over: r.CarryOver | None
    borrowing: r.Borrowing
    borrowed_tco2: int
    offset_cap_tco2: int
    ccer_eligible_tco2: int
    ccer_refused: dict[str, str]
    allowances_counted_tco2: int
    ccer_counted_tco2: int
    surrendered_given: bool
    penalties: list[Penalty] = field(default_factory=list)
    used: list[UsedValue] = field(default_factory=list)
    ccer_refused_zh: dict[str, str] = field(default_factory=dict)  # why, in Chinese

    @property
    def covered_tco2(self) -> int:
        return min(self.obligation_tco2, self.allowances_counted_tco2 + self.ccer_counted_tco2)

    @property
    def shortfall_tco2(self) -> int:
        return self.obligation_tco2 - self.covered_tco2

    @property
    def status(self) -> str:
        if self.shortfall_tco2 == 0:
            return "compliant"
        return "non_compliant" if self.covered_tco2 == 0 else "partially_compliant"

    @property
    def draft(self) -> bool:
        return any(u.dated.draft for u in self.used)

    def as_dict(self) -> dict[str, Any]:
        co = self.carry_over
        return {
            "year": self.year, "credit_code": self.credit_code, "name": self.name,
            "deadline": self.deadline.isoformat(), "scope": self.scope,
            "verified_tco2": self.verified_tco2, "obligation_relief_tco2": self.relief_tco2,
            "obligation_tco2": self.obligation_tco2,
            "usable_holdings": {r.vintage_label(v): q for v, q in sorted(self.usable.items())},
            "unusable_holdings": {r.vintage_label(v): q for v, q in sorted(self.not_usable.items())},
            "carry_over_tco2": co.amount_tco2 if co else None,
            "carry_over_limit_tco2": co.limit_tco2 if co else None,
            "borrowing_max_tco2": self.borrowing.max_tco2, "borrowed_tco2": self.borrowed_tco2,
            "offset_cap_tco2": self.offset_cap_tco2, "ccer_eligible_tco2": self.ccer_eligible_tco2,
            "ccer_refused": self.ccer_refused,
            "allowances_counted_tco2": self.allowances_counted_tco2,
            "ccer_counted_tco2": self.ccer_counted_tco2, "covered_tco2": self.covered_tco2,
            "status": self.status, "shortfall_tco2": self.shortfall_tco2,
            "basis": "surrendered" if self.surrendered_given else "holdings (prospective)",
            "penalties": {p.key: p.as_dict() for p in self.penalties}, "draft": self.draft,
        }  # fmt: skip

    def trace(self) -> TraceNode:
        covered, obliged = self.covered_tco2, self.obligation_tco2
        root = TraceNode(f"{self.name} ({self.credit_code}) compliance {self.year}", self.status,
                         formula=f"covered {covered} of obligation {obliged}",
                         label_zh=f"{self.name} ({self.credit_code}) {self.year}年度履约",
                         value_zh=zh_term(self.status),
                         formula_zh=f"应清缴 {obliged} 吨，已覆盖 {covered} 吨")  # fmt: skip
        obligation = TraceNode(
            "obligation", self.obligation_tco2, "t", formula="verified − relief", note=self.scope,
            label_zh="应清缴量", formula_zh="核查排放量 − 豁免量", note_zh=zh_term(self.scope),
        )  # fmt: skip
        obligation.add(
            input_node("verified emissions", self.verified_tco2, "tCO2", label_zh="核查排放量")
        )
        if self.relief_tco2:
            obligation.add(TraceNode("2019–2022 relief (gas units, 20 % cap)", self.relief_tco2,
                                     "t", label_zh="2019—2022年度豁免量（燃气机组、20%缺口率上限）"))  # fmt: skip
        allowances = TraceNode("allowances counted", self.allowances_counted_tco2, "t",
                               label_zh="计入的配额")  # fmt: skip
        allowances.add(
            *(
                TraceNode(
                    f"vintage {r.vintage_label(v)}",
                    q,
                    "t",
                    label_zh=f"{r.vintage_label(v)}年度配额",
                )
                for v, q in sorted(self.usable.items())
            )
        )
        if co := self.carry_over:
            allowances.add(TraceNode("carry-over into 2025", co.amount_tco2, "t",
                                     formula=f"min(T = {co.limit_tco2}, old holdings {co.old_holdings_tco2})",
                                     note=co.reason, label_zh="结转为2025年度配额",
                                     formula_zh=f"min(T = {co.limit_tco2}, 2019—2024年度配额持有量 {co.old_holdings_tco2})",
                                     note_zh=co.reason_zh))  # fmt: skip
        if self.borrowed_tco2:
            allowances.add(TraceNode("borrowed", self.borrowed_tco2, "t",
                                     note=self.borrowing.reason, label_zh="预支配额",
                                     note_zh=self.borrowing.reason_zh))  # fmt: skip
        ccer = TraceNode(
            "CCER counted", self.ccer_counted_tco2, "t", formula=f"≤ cap {self.offset_cap_tco2}",
            label_zh="计入的CCER", formula_zh=f"≤ 抵销上限 {self.offset_cap_tco2}",
        )  # fmt: skip
        ccer.add(
            *(TraceNode(f"lot {lot} refused", reason, label_zh=f"CCER 批次 {lot} 不予抵销",
                        value_zh=self.ccer_refused_zh.get(lot, ""))
              for lot, reason in self.ccer_refused.items())
        )  # fmt: skip
        shortfall = TraceNode("shortfall", self.shortfall_tco2, "t", label_zh="缺口")
        root.add(obligation, allowances, ccer, shortfall)
        root.add(*(parameter_node(u) for u in self.used), *(p.trace() for p in self.penalties))
        return root


def assess(inp: ComplianceInput, verified: int) -> ComplianceResult:
    p = r.rules_for(inp.year)
    end, deadline_used = r.deadline(p)
    used_on = inp.surrender_date or end
    obligation = max(0, verified - inp.obligation_relief_tco2)
    rule = r.vintage_rule(p)
    usable, not_usable = r.eligible_holdings(rule, inp.holdings)
    cap, cap_used = r.offset_cap(p, obligation)
    why = {
        lot.lot_id: both for lot in inp.ccer_lots if (both := r.ccer_refusal_both(p, lot, used_on))
    }
    refused = {lot: en for lot, (en, _) in why.items()}
    borrow = r.borrowing(p, verified, inp.allocation_tco2)
    if inp.borrowed_tco2 > borrow.max_tco2:
        raise InputError.one(Location(field="borrowed_tco2"),
                             f"borrowed {inp.borrowed_tco2} t exceeds what the rules allow ({borrow.max_tco2} t: {borrow.reason})",
                             f"预支量 {inp.borrowed_tco2} t 超过规定上限 {borrow.max_tco2} t",
                             "correct the borrowed quantity", "请更正预支量")  # fmt: skip
    co = r.carry_over(p, inp)
    allowances, ccer = _counted(inp, rule, usable, co, refused, cap)
    result = ComplianceResult(
        year=inp.year, credit_code=inp.entity.credit_code, name=inp.entity.name, deadline=end,
        verified_tco2=verified, relief_tco2=inp.obligation_relief_tco2, obligation_tco2=obligation,
        scope=str(p("obligation_scope")), usable=usable, not_usable=not_usable, carry_over=co,
        borrowing=borrow, borrowed_tco2=inp.borrowed_tco2, offset_cap_tco2=cap,
        ccer_eligible_tco2=sum(lot.quantity for lot in inp.ccer_lots if lot.lot_id not in refused),
        ccer_refused=refused, allowances_counted_tco2=allowances + inp.borrowed_tco2,
        ccer_counted_tco2=ccer, surrendered_given=inp.surrendered is not None,
        ccer_refused_zh={lot: zh for lot, (_, zh) in why.items()},
        used=[deadline_used, rule.used, cap_used, p.used("obligation_scope"), borrow.used]
        + ([co.used] if co else []),
    )  # fmt: skip
    result.penalties = _penalties(inp, result)
    return result


def _counted(
    inp: ComplianceInput, rule: r.VintageRule, usable: dict[int, int], co: r.CarryOver | None,
    refused: dict[str, str], cap: int,
) -> tuple[int, int]:  # fmt: skip
    if inp.surrendered is not None:
        allowances = sum(s.quantity for s in inp.surrendered if rule.allows(s.vintage))
    else:
        allowances = sum(usable.values()) + (co.amount_tco2 if co else 0)
    if inp.ccer_surrendered is not None:
        ccer = sum(u.quantity for u in inp.ccer_surrendered if u.lot_id not in refused)
    else:
        ccer = sum(lot.quantity for lot in inp.ccer_lots if lot.lot_id not in refused)
    return allowances, min(ccer, cap)


def _penalties(inp: ComplianceInput, result: ComplianceResult) -> list[Penalty]:
    out = []
    if result.shortfall_tco2 > 0:
        when = inp.violation_date or result.deadline + dt.timedelta(days=1)
        p = law_at(when)
        out.append(failure_to_surrender.at(when)(p, result.shortfall_tco2, inp.average_price))
        out[-1].notes.append(f"law in force on the violation date {when}")
        out[-1].notes_zh.append(f"适用违法行为发生之日（{when}）施行的规定")
    if inp.falsification is not None:
        when = inp.violation_date or result.deadline
        out.append(falsification.at(when)(law_at(when), inp.falsification))
    return out
