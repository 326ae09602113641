"""The trace of a process's specific embedded emissions: its attributed emissions, each precursor
(mass × SEE, own or purchased, actual or default) and the electricity counted, with their sources."""

from __future__ import annotations

from chinaets.cbam.embedded import SEE_REF, PrecursorUse, ProcessSee
from chinaets.core.terms import zh_term
from chinaets.rules.trace import TraceNode, input_node, parameter_node

BASIS_ZH = {"own": "自产", "actual": "供应商实际数据", "default": "欧盟默认值"}
INDIRECT_REF = "Regulation (EU) 2023/956 Art. 7(1) and Annex II; IR 2025/2547 Annex II D.4"


def see_trace(see: ProcessSee) -> TraceNode:
    direct, indirect = f"{see.embedded_direct_tco2:,.2f}", f"{see.embedded_indirect_tco2:,.2f}"
    node = TraceNode(
        f"SEE {see.category} (route {see.route})", see.see_total, "tCO2e/t",
        formula=f"(direct {direct} + indirect {indirect}) / AL {see.activity_t:,.2f} t",
        reference=SEE_REF, label_zh=f"SEE {zh_term(see.category)}（路线 {see.route}）",
        formula_zh=f"(直接 {direct} + 间接 {indirect}) / AL {see.activity_t:,.2f} t",
    )  # fmt: skip
    node.add(input_node("AL activity level", see.activity_t, "t", "goods file, produced_t",
                        label_zh="AL 活动水平（产量）"))  # fmt: skip
    node.add(see.process.trace(), _indirect(see))
    node.add(*(_precursor(u) for u in see.precursors))
    return node


def _indirect(see: ProcessSee) -> TraceNode:
    counted = bool(see.indirect_counted.value)
    node = TraceNode(
        "indirect emissions (electricity)",
        see.indirect_tco2,
        "tCO2e",
        formula="Σ E_el × EF_el" if counted else "not counted: Annex II good (direct only)",
        reference=INDIRECT_REF,
        label_zh="间接排放（电力）",
        formula_zh="Σ E_el × EF_el" if counted else "不计入：附件二商品（仅计直接排放）",
    )
    node.add(parameter_node(see.indirect_counted, "indirect counted"))
    node.add(
        *(
            input_node("E_el", e.mwh, "MWh", f"goods file, ef_basis {e.ef_basis or '-'}")
            for e in see.electricity
        )
    )
    if see.ef_el is not None and counted:
        node.add(parameter_node(see.ef_el, "EF_el default"))
    return node


def _precursor(use: PrecursorUse) -> TraceNode:
    default = use.basis == "default"
    origin = use.row.origin.upper()
    node = TraceNode(
        f"precursor {use.row.cn_code} ({use.basis}, origin {origin})",
        use.embedded_tco2, "tCO2e",
        formula=f"M × (SEE_dir + SEE_ind) = {use.row.mass_t:,.1f} t × ({use.see_direct:.5f} + {use.see_indirect:.5f})",
        note="EU default: supplier data missing" if default else "",
        label_zh=f"前体 {use.row.cn_code}（{BASIS_ZH.get(use.basis, use.basis)}，原产地 "
        f"{'本企业' if origin == 'OWN' else origin}）",
        note_zh="使用欧盟默认值：缺少供应商数据" if default else "",
    )  # fmt: skip
    if use.default is not None:
        node.add(parameter_node(use.default, "DV of origin"))
    return node
