"""Free-allocation adjustment per tonne of good (SEFA; IR 2025/2620 Art. 1, Annex pts 2–5)::

    actual data:  SEFA_g = CBAM_y × CSCF_y × BM_A(g) + Σ_i m_i × SEFA_i      (recursive over precursors)
    default data: SEFA_g = CBAM_y × CSCF_y × BM_B(g)                          (whole good, Column B)

A purchased precursor counts with the Column B benchmark of its code (its supplier's own SEFA is
not part of the goods file). Values are computed once per code and process; the trace is built
only when asked for.
"""

from __future__ import annotations

from chinaets.cbam.embedded import PrecursorUse, ProcessSee
from chinaets.cbam.law import NO_ROUTE, CbamLaw
from chinaets.rules.trace import TraceNode, parameter_node

R8 = "Implementing Regulation (EU) 2025/2620 Annex pts 2–5"


class Sefa:
    """The SEFA of the goods of one installation (values cached by CN code and category)."""

    def __init__(self, law: CbamLaw, processes: dict[str, ProcessSee]) -> None:
        self.law = law
        self.processes = processes
        self.factor = float(law.cbam_factor().value) * float(law.cscf().value)
        self._actual: dict[tuple[str, str], float] = {}

    def actual(self, cn: str, see: ProcessSee) -> float:
        key = (cn, see.category)
        if key not in self._actual:
            own = self.factor * float(self.law.benchmark("A", cn, see.category, see.route).value)
            self._actual[key] = own + sum(
                u.row.mass_t / see.activity_t * self._precursor(u) for u in see.precursors
            )
        return self._actual[key]

    def _precursor(self, use: PrecursorUse) -> float:
        if use.basis == "own":
            return self.actual(use.row.cn_code, self.processes[use.category])
        route = use.row.route or use.default_route or NO_ROUTE
        return self.factor * float(
            self.law.benchmark("B", use.row.cn_code, use.category, route).value
        )

    def default(self, cn: str, category: str, route: str) -> float:
        return self.factor * float(self.law.benchmark("B", cn, category, route).value)

    # --- traces -----------------------------------------------------------------------------

    def factor_trace(self) -> TraceNode:
        cbam, cscf = self.law.cbam_factor(), self.law.cscf()
        node = TraceNode(
            "CBAM_y × CSCF_y", self.factor, formula=f"{cbam.value} × {cscf.value}", reference=R8
        )
        return node.add(parameter_node(cbam, "CBAM factor"), parameter_node(cscf, "CSCF"))

    def actual_trace(self, cn: str, see: ProcessSee) -> TraceNode:
        bm = self.law.benchmark("A", cn, see.category, see.route)
        own = TraceNode(
            f"SFA_Proc {cn}", self.factor * float(bm.value), "tCO2e/t",
            formula=f"{self.factor:g} × BM_A {bm.value}", reference=R8,
        ).add(self.factor_trace(), parameter_node(bm, "BM_A"))  # fmt: skip
        node = TraceNode(
            f"SEFA {cn} (actual data)", self.actual(cn, see), "tCO2e/t",
            formula="SFA_Proc + Σ m_i × SEFA_i", reference=R8,
            label_zh=f"SEFA {cn}（实际数据）", formula_zh="SFA_Proc + Σ 各前体 m × SEFA",
        )  # fmt: skip
        return node.add(own, *(self._precursor_trace(u, see.activity_t) for u in see.precursors))

    def _precursor_trace(self, use: PrecursorUse, activity_t: float) -> TraceNode:
        if use.basis == "own":
            inner = self.actual_trace(use.row.cn_code, self.processes[use.category])
        else:
            route = use.row.route or use.default_route or NO_ROUTE
            inner = self.default_trace(use.row.cn_code, use.category, route)
        value = use.row.mass_t / activity_t * float(inner.value)
        return TraceNode(
            f"m × SEFA precursor {use.row.cn_code}",
            value,
            "tCO2e/t",
            formula=f"{use.row.mass_t:,.1f} t / {activity_t:,.1f} t × {float(inner.value):.5f}",
            label_zh=f"m × SEFA 前体 {use.row.cn_code}",
        ).add(inner)

    def default_trace(self, cn: str, category: str, route: str) -> TraceNode:
        bm = self.law.benchmark("B", cn, category, route)
        return TraceNode(
            f"SEFA {cn} (Column B)", self.factor * float(bm.value), "tCO2e/t",
            formula=f"{self.factor:g} × BM_B {bm.value}", reference=R8,
            label_zh=f"SEFA {cn}（B 列）",
        ).add(self.factor_trace(), parameter_node(bm, "BM_B"))  # fmt: skip
