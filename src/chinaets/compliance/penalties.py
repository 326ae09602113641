"""Penalties by the law in force on the violation date (rules reference power §3.3)::

2021-02-01  MEE Measures (Order 19): Art. 40 failure to surrender CNY 20,000–30,000, deduct the
            unsurrendered quantity next year; Art. 39 false report CNY 10,000–30,000, deduct
            the falsified quantity
2024-05-01  Interim Regulations (Decree 775): Art. 24 5–10 × shortfall × average price of the
            month before the deadline, equal deduction next year; Art. 22 5–10 × gains (or
            CNY 500,000–2,000,000), persons CNY 50,000–200,000, cut 50–100 % of next year's
            allocation if not corrected
2026-08-15  Ecological Environment Code: no new deduction decisions for failure to surrender
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from chinaets.compliance.rules import parameters, terms
from chinaets.compliance.schema import Falsification
from chinaets.core.errors import InputError, Location
from chinaets.rules import DatedFormula, ParametersAt
from chinaets.rules.parameters import UsedValue
from chinaets.rules.trace import TraceNode, parameter_node

SURRENDER_ZH = "未按时足额清缴配额"
REF_MEASURES = "碳排放权交易管理办法（试行）（生态环境部令第19号）"
REF_REGULATIONS = "碳排放权交易管理暂行条例（国令第775号）"
CENT = Decimal("0.01")


def yuan(value: Decimal | int) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class Penalty:
    """A penalty range with the article it comes from and what it was computed on."""

    violation: str
    article: str
    fine_min: Decimal | None
    fine_max: Decimal | None
    basis: str
    deduction_next_year_tco2: int = 0
    allocation_cut: tuple[float, float] | None = None
    person_fine: tuple[Decimal, Decimal] | None = None
    notes: list[str] = field(default_factory=list)
    used: list[UsedValue] = field(default_factory=list)
    violation_zh: str = ""  # the violation, basis and notes as a Chinese reader reads them
    basis_zh: str = ""
    notes_zh: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return "failure_to_surrender" if "surrender" in self.violation else "falsification"

    def as_dict(self) -> dict[str, Any]:
        return {
            "violation": self.violation,
            "article": self.article,
            "fine_min": self.fine_min,
            "fine_max": self.fine_max,
            "basis": self.basis,
            "basis_zh": self.basis_zh,
            "deduction_next_year_tco2": self.deduction_next_year_tco2,
            "allocation_cut_share": list(self.allocation_cut) if self.allocation_cut else None,
            "person_fine": [str(x) for x in self.person_fine] if self.person_fine else None,
            "notes": self.notes,
        }

    def trace(self) -> TraceNode:
        rng = f"{self.fine_min}–{self.fine_max}" if self.fine_min is not None else "—"
        node = TraceNode(
            f"penalty: {self.violation}", rng, "CNY", formula=self.basis, reference=self.article,
            label_zh=f"处罚：{self.violation_zh}", unit_zh="元", formula_zh=self.basis_zh,
        )  # fmt: skip
        node.add(*(parameter_node(u) for u in self.used))
        if self.deduction_next_year_tco2:
            node.add(TraceNode("deduction from next year's allocation",
                               self.deduction_next_year_tco2, "t", label_zh="次年配额核减量"))  # fmt: skip
        zh = self.notes_zh + [""] * (len(self.notes) - len(self.notes_zh))
        node.add(
            *(
                TraceNode("note", n, label_zh="说明", value_zh=z)
                for n, z in zip(self.notes, zh, strict=True)
            )
        )
        return node


def law_at(when: dt.date) -> ParametersAt:
    first = parameters()["penalty_failure_to_surrender"].values[0].start
    if when < first:
        raise InputError.one(
            Location(field="violation_date"),
            f"no penalty rules in force on {when} (the Measures apply from {first})",
            f"{when} 无适用的处罚规定（《管理办法》自 {first} 起施行）",
            "check the violation date",
            "请检查违法行为日期",
        )
    return parameters().at(when)


SurrenderPenalty = Callable[[ParametersAt, int, Decimal | None], Penalty]
failure_to_surrender: DatedFormula[SurrenderPenalty] = DatedFormula(
    "penalty_failure_to_surrender", "Penalty range for failing to surrender in full"
)


def _deduction(p: ParametersAt, shortfall: int, penalty: Penalty) -> Penalty:
    deduct = p.used("penalty_surrender_deduction")
    penalty.used.append(deduct)
    if deduct.value:
        penalty.deduction_next_year_tco2 = shortfall
        penalty.notes.append("equal deduction from next year's allocation if not corrected")
        penalty.notes_zh.append("逾期未改正的，等量核减其下一年度配额")
    else:
        penalty.notes.append(
            f"no new next-year deduction for failure to surrender from {deduct.dated.start} "
            f"({deduct.dated.reference})"
        )
        penalty.notes_zh.append(  # the source is cited on the parameter's own line
            f"自 {deduct.dated.start} 起，对未足额清缴不再作出核减下一年度配额的决定"
        )
    return penalty


@failure_to_surrender.since("2021-02-01", REF_MEASURES + " 第四十条")
def measures_art40(p: ParametersAt, shortfall: int, price: Decimal | None) -> Penalty:
    used, t = terms(p, "penalty_failure_to_surrender")
    penalty = Penalty(
        "failure to surrender", str(t["article"]), yuan(int(str(t["fine_min"]))),
        yuan(int(str(t["fine_max"]))), "fixed fine", used=[used], violation_zh=SURRENDER_ZH,
        basis_zh="固定罚款",
    )  # fmt: skip
    return _deduction(p, shortfall, penalty)


@failure_to_surrender.since("2024-05-01", REF_REGULATIONS + " 第二十四条")
def regulations_art24(p: ParametersAt, shortfall: int, price: Decimal | None) -> Penalty:
    used, t = terms(p, "penalty_failure_to_surrender")
    lo, hi = int(str(t["multiple_min"])), int(str(t["multiple_max"]))
    penalty = Penalty("failure to surrender", str(t["article"]), None, None, "", used=[used],
                      violation_zh=SURRENDER_ZH)  # fmt: skip
    if price is None:
        penalty.basis = f"{lo}–{hi} × {shortfall} t × average price (not given)"
        penalty.basis_zh = f"{lo}–{hi} 倍 × {shortfall} 吨 × 均价（未提供）"
        penalty.notes.append(
            "give the average price of the month before the deadline to value the fine"
        )
        penalty.notes_zh.append("请提供清缴截止日前一个月的配额平均成交价，以计算罚款金额")
    else:
        value = shortfall * price
        penalty.fine_min, penalty.fine_max = yuan(lo * value), yuan(hi * value)
        penalty.basis = f"{lo}–{hi} × {shortfall} t × CNY {price}/t"
        penalty.basis_zh = f"{lo}–{hi} 倍 × {shortfall} 吨 × {price} 元/吨"
    return _deduction(p, shortfall, penalty)


FalsificationPenalty = Callable[[ParametersAt, Falsification], Penalty]
falsification: DatedFormula[FalsificationPenalty] = DatedFormula(
    "penalty_falsification", "Penalty range for a false, concealed or defective emission report"
)


@falsification.since("2021-02-01", REF_MEASURES + " 第三十九条")
def measures_art39(p: ParametersAt, case: Falsification) -> Penalty:
    used, t = terms(p, "penalty_falsification")
    return Penalty(
        "false or concealed emission report", str(t["article"]), yuan(int(str(t["fine_min"]))),
        yuan(int(str(t["fine_max"]))), "fixed fine",
        deduction_next_year_tco2=case.quantity_tco2,
        notes=["deduct the falsified/concealed quantity from next year's allocation if not corrected"],
        used=[used], violation_zh="虚报、瞒报温室气体排放报告", basis_zh="固定罚款",
        notes_zh=["逾期未改正的，在下一年度配额中核减虚报、瞒报部分"],
    )  # fmt: skip


@falsification.since("2024-05-01", REF_REGULATIONS + " 第二十二条")
def regulations_art22(p: ParametersAt, case: Falsification) -> Penalty:
    used, t = terms(p, "penalty_falsification")
    gains, threshold = case.illegal_gains, Decimal(str(t["gains_threshold"]))
    if gains is not None and gains >= threshold:
        lo, hi = int(str(t["gains_multiple_min"])), int(str(t["gains_multiple_max"]))
        fine, basis = (
            (yuan(lo * gains), yuan(hi * gains)),
            f"{lo}–{hi} × illegal gains CNY {gains} (confiscated)",
        )
        basis_zh = f"违法所得 {gains} 元的 {lo}–{hi} 倍（没收违法所得）"
    else:
        fine = (yuan(int(str(t["fine_min"]))), yuan(int(str(t["fine_max"]))))
        basis = f"no illegal gains or gains below CNY {threshold}"
        basis_zh = f"无违法所得或违法所得不足 {threshold} 元"
    return Penalty(
        "false or defective emission report", str(t["article"]), fine[0], fine[1], basis,
        allocation_cut=(float(str(t["cut_share_min"])), float(str(t["cut_share_max"]))),
        person_fine=(yuan(int(str(t["person_fine_min"]))), yuan(int(str(t["person_fine_max"])))),
        notes=["if not corrected: cut next year's allocation by 50–100 %; may order suspension"],
        used=[used], violation_zh="温室气体排放报告弄虚作假或存在重大缺陷", basis_zh=basis_zh,
        notes_zh=["逾期未改正的，核减其下一年度配额 50%–100%，可责令停产整治"],
    )  # fmt: skip
