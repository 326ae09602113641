"""Free-allocation adjustment per tonne of good (SEFA; IR 2025/2620 Art. 1, Annex pts 2–5)::

    actual data:  SEFA_g = CBAM_y × CSCF_y × BM_A(g) + Σ_i m_i × SEFA_i      (recursive over precursors)
    default data: SEFA_g = CBAM_y × CSCF_y × BM_B(g)                          (whole good, Column B)

A purchased precursor counts with the Column B benchmark of its code (its supplier's own SEFA is
not part of the goods file).
"""

from __future__ import annotations

from chinaets.cbam.embedded import PrecursorUse, ProcessSee
from chinaets.cbam.law import NO_ROUTE, CbamLaw
from chinaets.rules.trace import TraceNode, parameter_node

R8 = "Implementing Regulation (EU) 2025/2620 Annex pts 2–5"


def factor(law: CbamLaw) -> tuple[float, TraceNode]:
    cbam, cscf = law.cbam_factor(), law.cscf()
    value = float(cbam.value) * float(cscf.value)
    node = TraceNode("CBAM_y × CSCF_y", value, formula=f"{cbam.value} × {cscf.value}", reference=R8)
    return value, node.add(parameter_node(cbam, "CBAM factor"), parameter_node(cscf, "CSCF"))


def sefa_actual(law: CbamLaw, cn: str, see: ProcessSee, processes: dict[str, ProcessSee]) -> TraceNode:
    f, f_node = factor(law)
    bm = law.benchmark("A", cn, see.category, see.route)
    own = f * float(bm.value)
    own_node = TraceNode(
        f"SFA_Proc {cn}", own, "tCO2e/t", formula=f"{f:g} × BM_A {bm.value}", reference=R8
    ).add(f_node, parameter_node(bm, "BM_A"))
    parts = [_precursor(law, p, see.activity_t, processes) for p in see.precursors]
    total = own + sum(float(p.value) for p in parts)
    node = TraceNode(
        f"SEFA {cn} (actual data)", total, "tCO2e/t", formula="SFA_Proc + Σ m_i × SEFA_i", reference=R8
    )
    return node.add(own_node, *parts)


def _precursor(law: CbamLaw, use: PrecursorUse, activity_t: float, processes: dict[str, ProcessSee]) -> TraceNode:
    m = use.row.mass_t / activity_t
    if use.basis == "own":
        inner = sefa_actual(law, use.row.cn_code, processes[use.category], processes)
    else:
        f, f_node = factor(law)
        route = use.row.route or use.default_route or NO_ROUTE
        bm = law.benchmark("B", use.row.cn_code, use.category, route)
        inner = TraceNode(
            f"SEFA {use.row.cn_code} (purchased, Column B)", f * float(bm.value), "tCO2e/t",
            formula=f"{f:g} × BM_B {bm.value}", reference=R8,
        ).add(f_node, parameter_node(bm, "BM_B"))  # fmt: skip
    value = m * float(inner.value)
    return TraceNode(
        f"m × SEFA precursor {use.row.cn_code}", value, "tCO2e/t",
        formula=f"{use.row.mass_t:,.1f} t / {activity_t:,.1f} t × {float(inner.value):.5f}",
    ).add(inner)


def sefa_default(law: CbamLaw, cn: str, category: str, route: str) -> TraceNode:
    f, f_node = factor(law)
    bm = law.benchmark("B", cn, category, route)
    return TraceNode(
        f"SEFA {cn} (default values, Column B)", f * float(bm.value), "tCO2e/t",
        formula=f"{f:g} × BM_B {bm.value}", reference=R8,
    ).add(f_node, parameter_node(bm, "BM_B"))  # fmt: skip
