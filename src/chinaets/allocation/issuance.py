"""What the registry issues, by the arithmetic of D25 Tables 1-5 and 2-5 (pure functions; the
registry operations are in `allocation.ledger`).

Pre-allocation (Table 1-5): ② deduction taken now = min(① pre-allocation, deductions due);
③ pre-allocation issued = ① − ②; ④ still to deduct = due − ②.

Determination (Table 2-5): ① true-up = determined − pre-allocated (多退少补, may be negative);
② returned deduction = what the pre-allocation stage deducted beyond the determined allocation
(note 8); ③ deduction at this stage = what remains due; ⑤ determined issue = ① + ② − ③ when
① + ② is positive (never below 0: note 6), else ① + ② (the entity returns that much);
⑦ remaining = ③ + ② − what ⑤ absorbed; ⑥ = ④ + ⑤.

Differentiated issuance (note 9, D25 §四(三)): everything goes to the provincial account, which
surrenders the obligation on the entity's behalf and passes on the rest, or leaves a shortfall.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class PreIssuance:
    """One row of Table 1-5."""

    pre_allocated: int  # ① 预分配配额
    deducted: int  # ② 配额调整（核减量）
    issued: int  # ③ 预分配实发配额
    remaining: int  # ④ 预分配配额发放后剩余待调整配额
    differentiated: bool = False

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def pre_issuance(
    pre_allocated: int, deductions_due: int, differentiated: bool = False
) -> PreIssuance:
    taken = min(pre_allocated, deductions_due)
    return PreIssuance(
        pre_allocated, taken, pre_allocated - taken, deductions_due - taken, differentiated
    )


@dataclass(frozen=True)
class DeterminedIssuance:
    """One row of Table 2-5 (power columns of the gap-cap exemption included)."""

    pre_allocated: int  # 重点排放单位预分配配额
    initial: int  # 重点排放单位初始配额
    gap_rate_pct: float  # 初始配额履约缺口率（%）
    cap_topup: int  # 履约缺口率上限豁免补发配额
    determined: int  # 重点排放单位核定配额
    true_up: int  # ① 多退少补配额
    returned: int  # ② 退回已核减配额
    deducted: int  # ③ 配额调整（核减量）
    pre_issued: int  # ④ 预分配实发配额
    determined_issued: int  # ⑤ 核定实发配额 (negative: returned by the entity)
    total_issued: int  # ⑥ 实发配额合计
    obligation: int  # 应清缴配额
    remaining: int  # ⑦ 核定配额发放后剩余待调整配额
    differentiated: bool = False

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class Determined:
    """What Table 2-5 needs of an entity's determined allocation."""

    initial: int
    gap_rate_pct: float
    cap_topup: int
    determined: int
    obligation: int


def determined_issuance(
    pre: PreIssuance, d: Determined, new_deductions: int = 0, differentiated: bool = False
) -> DeterminedIssuance:
    true_up = d.determined - pre.pre_allocated
    returned = max(0, pre.deducted - d.determined)
    due = pre.remaining + new_deductions
    base = true_up + returned
    absorbed = min(base, due) if base > 0 else 0
    issued = base - absorbed
    return DeterminedIssuance(
        pre_allocated=pre.pre_allocated, initial=d.initial, gap_rate_pct=d.gap_rate_pct,
        cap_topup=d.cap_topup, determined=d.determined, true_up=true_up, returned=returned,
        deducted=due, pre_issued=pre.issued, determined_issued=issued,
        total_issued=pre.issued + issued, obligation=d.obligation,
        remaining=due + returned - absorbed, differentiated=differentiated,
    )  # fmt: skip


@dataclass(frozen=True)
class Settlement:
    """Differentiated issuance settled by the province (Table 2-5 note 9)."""

    held_by_province: int
    surrendered_on_behalf: int
    passed_to_entity: int
    still_owed: int

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def settle_differentiated(total_issued: int, obligation: int) -> Settlement:
    surrendered = min(total_issued, obligation)
    return Settlement(
        total_issued, surrendered, total_issued - surrendered, obligation - surrendered
    )


@dataclass(frozen=True)
class Change:
    """A re-determination after a changed verification (D25 §四(二)3)."""

    previous: int
    determined: int
    previous_obligation: int
    obligation: int

    @property
    def to_issue(self) -> int:
        return max(0, self.determined - self.previous)

    @property
    def to_return(self) -> int:
        return max(0, self.previous - self.determined)


def redetermination(
    previous: int, determined: int, previous_obligation: int, obligation: int
) -> Change:
    return Change(previous, determined, previous_obligation, obligation)


def entity_issuance(e: Any, differentiated: bool = False) -> tuple[PreIssuance, DeterminedIssuance]:
    """Tables 1-5 and 2-5 rows of an `EntityAllocation`: its pre-allocation, the deductions of
    its input (borrowed, penalty, unpaid surrender …), the gap-cap columns and the obligation."""
    pre = pre_issuance(e.pre_allocation_tco2 or 0, e.deductions_tco2, differentiated)
    determined = Determined(e.initial_tco2, e.gap_rate_pct(e.initial_tco2), e.cap_topup_tco2,
                            e.final_tco2, e.obligation_tco2)  # fmt: skip
    return pre, determined_issuance(pre, determined, differentiated=differentiated)
