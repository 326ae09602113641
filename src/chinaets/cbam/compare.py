"""One good's figures: actual SEE against the EU default with the year's mark-up, the
free-allocation adjustment, the carbon price deduction, and the certificates and their cost::

    SEE_default,y = DV_total × (1 + markup_y)                                  (IR 2025/2621 Annex I)
    N_g           = max(0, Q × (SEE − SEFA) − Reduction_CP)                    (Reg. 2023/956 Art. 22)
    cost          = N_g × P_cert;  saving = cost(defaults) − cost(actual data)
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from chinaets.cbam.embedded import ProcessSee
from chinaets.cbam.goods import GoodRow
from chinaets.cbam.law import CbamLaw
from chinaets.cbam.price import CarbonPrice
from chinaets.cbam.sefa import Sefa
from chinaets.core.terms import zh_term
from chinaets.rules.parameters import UsedValue
from chinaets.rules.trace import TraceNode, input_node, parameter_node

CENT = Decimal("0.01")
SEE_DECIMALS = 5  # IR 2025/2547 Annex II A.1(8): SEE with at most 5 decimals
R9 = "Implementing Regulation (EU) 2025/2621 Annex I as replaced by IR 2026/1740"
ART22 = "Regulation (EU) 2023/956 Art. 21–22 (as amended by Regulation (EU) 2025/2083)"


def money(value: float) -> Decimal:
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(slots=True)
class GoodResult:
    row: GoodRow
    process: ProcessSee
    default: UsedValue
    default_route: str
    markup: UsedValue
    sefa: Sefa
    sefa_actual: float
    sefa_default: float
    cp_eur_per_t: float
    certificate_price: UsedValue

    @property
    def cn_code(self) -> str:
        return self.row.cn_code

    @property
    def see_default(self) -> float:
        return float(self.default.value) * (1 + float(self.markup.value))

    @property
    def price(self) -> float:
        return float(self.certificate_price.value)

    @property
    def net_actual(self) -> float:
        """Certificates per t with actual data (after SEFA and the carbon price paid)."""
        p = self.process
        return max(0.0, p.see_total - self.sefa_actual - self.cp_eur_per_t / self.price)

    @property
    def net_default(self) -> float:
        return max(0.0, self.see_default - self.sefa_default)

    @property
    def certificates_actual(self) -> float:
        return self.row.exported_t * self.net_actual

    @property
    def certificates_default(self) -> float:
        return self.row.exported_t * self.net_default

    @property
    def cost_actual_eur(self) -> Decimal:
        return money(self.certificates_actual * self.price)

    @property
    def cost_default_eur(self) -> Decimal:
        return money(self.certificates_default * self.price)

    @property
    def saving_eur(self) -> Decimal:
        return self.cost_default_eur - self.cost_actual_eur

    def trace(self) -> TraceNode:
        p = self.process
        category = zh_term(p.category)
        node = TraceNode(
            f"good {self.cn_code} ({p.category}, route {p.route})", self.row.exported_t,
            "t exported", label_zh=f"商品 {self.cn_code}（{category}，路线 {p.route}）",
            unit_zh="t（出口量）",
        )  # fmt: skip
        see = TraceNode(
            "SEE actual", p.see_total, "tCO2e/t", formula=f"SEE of the {p.category} process "
            "(see production processes)", reference=R9, label_zh="SEE 实际值",
            formula_zh=f"{category}工序的 SEE（见生产工序）",
        )  # fmt: skip
        dv = TraceNode(
            "SEE default with mark-up", self.see_default, "tCO2e/t",
            formula=f"DV {self.default.value} × (1 + {self.markup.value})", reference=R9,
            label_zh="SEE 默认值（含加成）",
        ).add(parameter_node(self.default, "DV total"), parameter_node(self.markup, "mark-up"))  # fmt: skip
        q = f"{self.row.exported_t:,.1f}"
        certs = TraceNode(
            "certificates (actual / default)", self.certificates_actual, "certificates",
            formula=f"Q × max(0, SEE − SEFA − CP/P) = {q} × {self.net_actual:.5f}; "
            f"defaults: {q} × {self.net_default:.5f} = {self.certificates_default:,.2f}",
            reference=ART22, label_zh="CBAM 证书（按实际数据；默认值见公式）",
            formula_zh=f"Q × max(0, SEE − SEFA − CP/P) = {q} × {self.net_actual:.5f}；"
            f"按默认值：{q} × {self.net_default:.5f} = {self.certificates_default:,.2f}",
        ).add(parameter_node(self.certificate_price, "P_cert"),
              input_node("CP paid", self.cp_eur_per_t, "EUR/t good", label_zh="CP 已支付碳价"))  # fmt: skip
        saving = TraceNode(
            "saving", float(self.saving_eur), "EUR",
            formula=f"{self.cost_default_eur} − {self.cost_actual_eur}",
            label_zh="节省（默认值成本 − 实际数据成本）",
        )  # fmt: skip
        sefa = self.sefa.actual_trace(self.cn_code, p)
        sefa_default = self.sefa.default_trace(self.cn_code, p.category, self.default_route)
        return node.add(see, dv, sefa, sefa_default, certs, saving)

    def as_dict(self) -> dict[str, Any]:
        p, r = self.process, SEE_DECIMALS
        return {
            "cn_code": self.cn_code, "category": p.category, "route": p.route,
            "produced_t": self.row.produced_t, "exported_t": self.row.exported_t,
            "see_direct": round(p.see_direct, r), "see_indirect": round(p.see_indirect, r),
            "see_total": round(p.see_total, r),
            "default_share": round(p.default_see / p.see_total, r) if p.see_total else 0.0,
            "default_value": self.default.value, "default_route": self.default_route,
            "markup": self.markup.value, "see_default": round(self.see_default, r),
            "sefa_actual": round(self.sefa_actual, r),
            "sefa_default": round(self.sefa_default, r),
            "carbon_price_eur_per_t": round(self.cp_eur_per_t, 4),
            "certificate_price_eur": self.price,
            "certificates_actual": round(self.certificates_actual, r),
            "certificates_default": round(self.certificates_default, r),
            "cost_actual_eur": str(self.cost_actual_eur), "cost_default_eur": str(self.cost_default_eur),
            "saving_eur": str(self.saving_eur),
        }  # fmt: skip


def compare_good(
    law: CbamLaw, row: GoodRow, see: ProcessSee, sefa: Sefa, price: CarbonPrice
) -> GoodResult:
    default, route = law.default_value(row.cn_code, see.route)
    return GoodResult(
        row=row, process=see, default=default, default_route=route,
        markup=law.markup(see.category), sefa=sefa,
        sefa_actual=sefa.actual(row.cn_code, see),
        sefa_default=sefa.default(row.cn_code, see.category, route),
        cp_eur_per_t=see.covered_see * price.eur_per_tco2,
        certificate_price=law.certificate_price(),
    )  # fmt: skip
