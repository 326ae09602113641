"""Allocation results: what each unit or line received, from what, and the entity's totals.

Results keep the parameter values they used (`UsedValue`), so ``trace()`` explains every figure
with its document, and ``as_dict()`` flags anything taken from a consultation draft.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from chinaets.allocation.power_formulas import Correction
from chinaets.allocation.rules import is_draft, uncertain
from chinaets.core.terms import zh_term
from chinaets.mrv.sectors import get_sector
from chinaets.rules.parameters import UsedValue
from chinaets.rules.trace import TraceNode, input_node, parameter_node, versions_node


class PartAllocation(Protocol):
    """A unit (power) or a line/process (industry): what the entity totals need."""

    @property
    def key(self) -> str: ...
    @property
    def final_tco2(self) -> int: ...
    @property
    def covered(self) -> bool: ...
    @property
    def verified_tco2(self) -> float: ...
    @property
    def pre_allocation_tco2(self) -> int | None: ...
    @property
    def used(self) -> list[UsedValue]: ...
    def trace(self) -> TraceNode: ...
    def as_dict(self) -> dict[str, Any]: ...


@dataclass(slots=True)
class UnitAllocation:
    """One generating unit's allocation for the data year."""

    unit_id: str
    treatment: str  # benchmark | verified | excluded
    treatment_reason: str
    category: str | None
    category_reason: str
    output_basis: str
    output_mwh: float
    heat_gj: float
    load_factor: float | None
    benchmark_e: UsedValue | None
    benchmark_h: UsedValue | None
    correction: Correction | None
    electricity_tco2: int
    heat_tco2: int
    initial_tco2: int
    verified_tco2: float
    gas_topup_tco2: int
    gas_relief_tco2: int
    final_tco2: int
    pre_allocation_tco2: int | None
    pre_allocation_formula: str
    used: list[UsedValue] = field(default_factory=list)
    category_reason_zh: str = ""
    pre_allocation_formula_zh: str = ""  # when the formula is words (none given)

    @property
    def key(self) -> str:
        return self.unit_id

    @property
    def covered(self) -> bool:
        return self.treatment != "excluded"

    def trace(self) -> TraceNode:
        category_zh = zh_term(self.category) if self.category else "—"
        formula, formula_zh = _UNIT_FORMULAS[self.treatment]
        node = TraceNode(
            f"unit {self.unit_id} ({self.category or '—'}, {self.treatment})",
            self.final_tco2, "t", formula=formula, note=self.treatment_reason,
            label_zh=f"机组 {self.unit_id}（{category_zh}，{_TREATMENT_ZH[self.treatment]}）",
            formula_zh=formula_zh, note_zh=zh_term(self.treatment_reason),
        )  # fmt: skip
        node.add(TraceNode("category", self.category, note=self.category_reason, label_zh="类别",
                           value_zh=category_zh, note_zh=self.category_reason_zh))  # fmt: skip
        if self.treatment == "benchmark":
            node.add(self._electricity_node(), self._heat_node())
        node.add(
            input_node(
                "unit verified emissions", self.verified_tco2, "tCO2", label_zh="机组核查排放量"
            )
        )
        if self.gas_topup_tco2:
            node.add(TraceNode("gas-unit top-up", self.gas_topup_tco2, "t",
                               formula="verified − initial", label_zh="燃气机组配额补足",
                               formula_zh="核查排放量 − 初始配额"))  # fmt: skip
        if self.gas_relief_tco2:
            node.add(TraceNode("gas-unit obligation relief", self.gas_relief_tco2, "t",
                               formula="surrender limited to allocation: verified − allocation",
                               label_zh="燃气机组清缴豁免",
                               formula_zh="清缴量以配额量为限：核查排放量 − 配额量"))  # fmt: skip
        node.add(
            TraceNode(
                "pre-allocation",
                self.pre_allocation_tco2,
                "t",
                formula=self.pre_allocation_formula,
                label_zh="预分配配额",
                formula_zh=self.pre_allocation_formula_zh,
                value_zh=_none_zh(self.pre_allocation_tco2),
            )
        )
        return node

    def _electricity_node(self) -> TraceNode:
        ff = self.correction.value if self.correction else 1.0
        be = self.benchmark_e.value if self.benchmark_e else 0.0
        basis = zh_term(self.output_basis)
        node = TraceNode("electricity allocation", self.electricity_tco2, "t",
                         formula=f"floor({self.output_mwh:g} × {be} × {ff:.6f})",
                         formula_zh=f"⌊{self.output_mwh:g} × {be} × {ff:.6f}⌋",
                         label_zh=f"{basis}配额")  # fmt: skip
        node.add(
            input_node(
                f"{self.output_basis} electricity", self.output_mwh, "MWh", label_zh=f"{basis}量"
            )
        )
        if self.benchmark_e:
            node.add(parameter_node(self.benchmark_e, "Be electricity benchmark"))
        if self.correction:
            node.add(correction_node(self.correction, self.load_factor))
        return node

    def _heat_node(self) -> TraceNode:
        bh = self.benchmark_h.value if self.benchmark_h else 0.0
        node = TraceNode(
            "heat allocation", self.heat_tco2, "t", formula=f"floor({self.heat_gj:g} × {bh})",
            label_zh="供热配额", formula_zh=f"⌊{self.heat_gj:g} × {bh}⌋",
        )  # fmt: skip
        node.add(input_node("heat supplied", self.heat_gj, "GJ", label_zh="供热量"))
        if self.benchmark_h:
            node.add(parameter_node(self.benchmark_h, "Bh heat benchmark"))
        return node

    def as_dict(self) -> dict[str, Any]:
        return {
            "unit_id": self.unit_id,
            "treatment": self.treatment,
            "treatment_reason": self.treatment_reason,
            "category": self.category,
            "output_basis": self.output_basis,
            "output_mwh": self.output_mwh,
            "heat_gj": self.heat_gj,
            "load_factor": self.load_factor,
            "benchmark_electricity": self.benchmark_e.value if self.benchmark_e else None,
            "benchmark_heat": self.benchmark_h.value if self.benchmark_h else None,
            "correction_factor": self.correction.value if self.correction else None,
            "electricity_tco2": self.electricity_tco2,
            "heat_tco2": self.heat_tco2,
            "initial_tco2": self.initial_tco2,
            "verified_tco2": self.verified_tco2,
            "gas_topup_tco2": self.gas_topup_tco2,
            "gas_relief_tco2": self.gas_relief_tco2,
            "allocation_tco2": self.final_tco2,
            "pre_allocation_tco2": self.pre_allocation_tco2,
        }


_TREATMENT_ZH = {"benchmark": "基准法", "verified": "按核查排放量分配", "excluded": "不予分配"}
_UNIT_FORMULAS = {  # treatment -> (formula, as a Chinese reader reads it)
    "benchmark": ("floor(Q × Be × Ff) + floor(Qh × Bh) (+ gas top-up)",
                  "⌊Q × Be × Ff⌋ + ⌊Qh × Bh⌋（燃气机组另补足；⌊⌋ 为向下取整）"),
    "verified": ("verified emissions", "核查排放量"),
    "excluded": ("not allocated", "不予分配"),
}  # fmt: skip


def _none_zh(value: object) -> str:
    """A figure that could not be computed (its inputs not given), as a Chinese reader reads it."""
    return "—" if value is None else ""


def correction_node(correction: Correction, load: float | None) -> TraceNode:
    node = TraceNode("Ff correction factor", correction.value, formula="Π factors, rounded",
                     label_zh="Ff 修正系数", formula_zh="Π 各修正系数，按规定位数修约")  # fmt: skip
    if load is not None:
        node.add(TraceNode("F load factor", load, formula="generation / (rated MW × hours)",
                           label_zh="F 负荷（出力）系数",
                           formula_zh="发电量 / (额定功率 × 运行小时数)"))  # fmt: skip
    for factor in correction.factors:
        child = TraceNode(factor.name, factor.value, formula=factor.formula,
                          label_zh=factor.name_zh, formula_zh=factor.formula_zh)  # fmt: skip
        child.add(*(parameter_node(u) for u in factor.used))
        node.add(child)
    if correction.decimals is not None:
        node.add(parameter_node(correction.decimals, "decimals"))
    return node


@dataclass(slots=True)
class EntityAllocation:
    """An entity's allocation for a data year: the sum of its parts, the 20 % gap cap,
    pre-allocation, deductions and the true-up."""

    sector: str
    year: int
    credit_code: str
    name: str
    province: str
    parts: list[Any]  # UnitAllocation | LineAllocation
    verified_tco2: int
    initial_tco2: int
    cap_topup_tco2: int
    cap_relief_tco2: int
    final_tco2: int
    obligation_tco2: int
    pre_allocation_tco2: int | None
    pre_allocation_given: bool
    deductions: list[tuple[str, int, str]]
    formula_versions: dict[str, str]
    used: list[UsedValue] = field(default_factory=list)

    @property
    def deductions_tco2(self) -> int:
        return sum(q for _, q, _ in self.deductions)

    @property
    def issued_tco2(self) -> int:
        """What the registry issues for the year once deductions are taken."""
        return max(0, self.final_tco2 - self.deductions_tco2)

    @property
    def true_up_tco2(self) -> int | None:
        """多退少补: positive = issue more after verification, negative = return the excess."""
        if self.pre_allocation_tco2 is None:
            return None
        return self.issued_tco2 - self.pre_allocation_tco2

    @property
    def surplus_tco2(self) -> int:
        """Allocation minus obligation: the net position before any trading."""
        return self.final_tco2 - self.obligation_tco2

    def gap_rate_pct(self, allocation: int) -> float:
        if self.verified_tco2 <= 0:
            return 0.0
        return round((self.verified_tco2 - allocation) / self.verified_tco2 * 100, 2)

    def all_used(self) -> list[UsedValue]:
        return self.used + [u for part in self.parts for u in part.used]

    def trace(self) -> TraceNode:
        draft = is_draft(self.all_used())
        root = TraceNode(
            f"{self.name} ({self.credit_code}) {self.sector} allocation {self.year}",
            self.final_tco2, "t", formula="max(Σ parts, (1 − cap) × verified)",
            note="DRAFT parameters: " + ", ".join(draft) if draft else "",
            label_zh=f"{self.name} ({self.credit_code}) {get_sector(self.sector).zh}行业 "
            f"{self.year}年度配额",
            formula_zh="max(Σ 各机组（生产线）配额, (1 − 缺口率上限) × 核查排放量)",
            note_zh="部分参数取自征求意见稿" if draft else "",
        )  # fmt: skip
        parts = TraceNode("Σ units / lines", self.initial_tco2, "t", label_zh="Σ 各机组（生产线）")
        parts.add(*(p.trace() for p in self.parts))
        root.add(parts, input_node("covered verified emissions", self.verified_tco2, "tCO2",
                                   label_zh="纳入配额管理的核查排放量"))  # fmt: skip
        root.add(*(parameter_node(u) for u in self.used))
        if self.cap_topup_tco2:
            root.add(TraceNode("20 % gap cap top-up", self.cap_topup_tco2, "t",
                               label_zh="缺口率上限补发配额"))  # fmt: skip
        if self.cap_relief_tco2:
            root.add(TraceNode("20 % gap cap: obligation relief", self.cap_relief_tco2, "t",
                               label_zh="缺口率上限：清缴豁免量"))  # fmt: skip
        root.add(TraceNode("obligation", self.obligation_tco2, "t", label_zh="应清缴量"))
        given = self.pre_allocation_given
        root.add(TraceNode("pre-allocation", self.pre_allocation_tco2, "t",
                           note="as given" if given else "Σ units", label_zh="预分配配额",
                           note_zh="输入中给定" if given else "Σ 各机组（生产线）",
                           value_zh=_none_zh(self.pre_allocation_tco2)))  # fmt: skip
        for kind, qty, note in self.deductions:
            # the note is the input's own words, shown as written
            root.add(TraceNode(f"deduction: {kind}", -qty, "t", note=note,
                               label_zh=f"核减：{zh_term(kind)}", note_zh=note))  # fmt: skip
        root.add(TraceNode("true-up", self.true_up_tco2, "t", formula="issued − pre-allocation",
                           label_zh="多退少补", formula_zh="实际发放量 − 预分配配额",
                           value_zh=_none_zh(self.true_up_tco2)))  # fmt: skip
        return root.add(versions_node(self.formula_versions))

    def as_dict(self) -> dict[str, Any]:
        used = self.all_used()
        return {
            "sector": self.sector,
            "year": self.year,
            "credit_code": self.credit_code,
            "name": self.name,
            "province": self.province,
            "verified_tco2": self.verified_tco2,
            "initial_tco2": self.initial_tco2,
            "gap_rate_before_cap_pct": self.gap_rate_pct(self.initial_tco2),
            "cap_topup_tco2": self.cap_topup_tco2,
            "cap_relief_tco2": self.cap_relief_tco2,
            "allocation_tco2": self.final_tco2,
            "gap_rate_pct": self.gap_rate_pct(self.final_tco2),
            "obligation_tco2": self.obligation_tco2,
            "surplus_tco2": self.surplus_tco2,
            "pre_allocation_tco2": self.pre_allocation_tco2,
            "deductions_tco2": self.deductions_tco2,
            "issued_tco2": self.issued_tco2,
            "true_up_tco2": self.true_up_tco2,
            "draft": bool(is_draft(used)),
            "draft_parameters": is_draft(used),
            "uncertain_parameters": uncertain(used),
            "formula_versions": self.formula_versions,
            "parts": {p.key: p.as_dict() for p in self.parts},
        }
