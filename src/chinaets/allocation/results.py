"""Allocation results: what each unit or line received, from what, and the entity's totals.

Results keep the parameter values they used (`UsedValue`), so ``trace()`` explains every figure
with its document, and ``as_dict()`` flags anything taken from a consultation draft.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from chinaets.allocation.power_formulas import Correction
from chinaets.allocation.rules import is_draft, uncertain
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

    @property
    def key(self) -> str:
        return self.unit_id

    @property
    def covered(self) -> bool:
        return self.treatment != "excluded"

    def trace(self) -> TraceNode:
        node = TraceNode(
            f"unit {self.unit_id} ({self.category or '—'}, {self.treatment})",
            self.final_tco2, "t", formula=self._formula(), note=self.treatment_reason,
        )  # fmt: skip
        node.add(TraceNode("category", self.category, note=self.category_reason))
        if self.treatment == "benchmark":
            node.add(self._electricity_node(), self._heat_node())
        node.add(input_node("unit verified emissions", self.verified_tco2, "tCO2"))
        if self.gas_topup_tco2:
            node.add(
                TraceNode("gas-unit top-up", self.gas_topup_tco2, "t", formula="verified − initial")
            )
        if self.gas_relief_tco2:
            node.add(TraceNode("gas-unit obligation relief", self.gas_relief_tco2, "t",
                               formula="surrender limited to allocation: verified − allocation"))  # fmt: skip
        node.add(
            TraceNode(
                "pre-allocation", self.pre_allocation_tco2, "t", formula=self.pre_allocation_formula
            )
        )
        return node

    def _formula(self) -> str:
        if self.treatment == "benchmark":
            return "floor(Q × Be × Ff) + floor(Qh × Bh) (+ gas top-up)"
        return "verified emissions" if self.treatment == "verified" else "not allocated"

    def _electricity_node(self) -> TraceNode:
        ff = self.correction.value if self.correction else 1.0
        be = self.benchmark_e.value if self.benchmark_e else 0.0
        node = TraceNode("electricity allocation", self.electricity_tco2, "t",
                         formula=f"floor({self.output_mwh:g} × {be} × {ff:.6f})")  # fmt: skip
        node.add(input_node(f"{self.output_basis} electricity", self.output_mwh, "MWh"))
        if self.benchmark_e:
            node.add(parameter_node(self.benchmark_e, "Be electricity benchmark"))
        if self.correction:
            node.add(correction_node(self.correction, self.load_factor))
        return node

    def _heat_node(self) -> TraceNode:
        bh = self.benchmark_h.value if self.benchmark_h else 0.0
        node = TraceNode(
            "heat allocation", self.heat_tco2, "t", formula=f"floor({self.heat_gj:g} × {bh})"
        )
        node.add(input_node("heat supplied", self.heat_gj, "GJ"))
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


def correction_node(correction: Correction, load: float | None) -> TraceNode:
    node = TraceNode("Ff correction factor", correction.value, formula="Π factors, rounded")
    if load is not None:
        node.add(TraceNode("F load factor", load, formula="generation / (rated MW × hours)"))
    for factor in correction.factors:
        child = TraceNode(factor.name, factor.value, formula=factor.formula)
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
        root = TraceNode(
            f"{self.name} ({self.credit_code}) {self.sector} allocation {self.year}",
            self.final_tco2, "t", formula="max(Σ parts, (1 − cap) × verified)",
            note="DRAFT parameters: " + ", ".join(is_draft(self.all_used())) if is_draft(self.all_used()) else "",
        )  # fmt: skip
        parts = TraceNode("Σ units / lines", self.initial_tco2, "t")
        parts.add(*(p.trace() for p in self.parts))
        root.add(parts, input_node("covered verified emissions", self.verified_tco2, "tCO2"))
        root.add(*(parameter_node(u) for u in self.used))
        if self.cap_topup_tco2:
            root.add(TraceNode("20 % gap cap top-up", self.cap_topup_tco2, "t"))
        if self.cap_relief_tco2:
            root.add(TraceNode("20 % gap cap: obligation relief", self.cap_relief_tco2, "t"))
        root.add(TraceNode("obligation", self.obligation_tco2, "t"))
        root.add(TraceNode("pre-allocation", self.pre_allocation_tco2, "t",
                           note="as given" if self.pre_allocation_given else "Σ units"))  # fmt: skip
        for kind, qty, note in self.deductions:
            root.add(TraceNode(f"deduction: {kind}", -qty, "t", note=note))
        root.add(TraceNode("true-up", self.true_up_tco2, "t", formula="issued − pre-allocation"))
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
