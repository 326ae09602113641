"""Carbon price effectively paid in China per tonne of embedded emissions (Regulation (EU)
2023/956 Art. 9 as replaced by Regulation (EU) 2025/2083; draft implementing act Ares(2026)4841230).

China allocates free, intensity-based allowances: the emissions covered by free allowances are a
rebate (draft Art. 8(1)); only the shortfall bought is a price paid::

    shortfall = max(0, E_obligation − A_free);  rebated = min(1, A_free / E_obligation)
    EFF_CP    = (1 − rebated) × p_paid / FX      [EUR per t of China-covered direct emissions]
    per good  = SEE_dir,covered × EFF_CP;  certificates deducted per t = per good / P_cert
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from chinaets.cbam.law import CbamLaw
from chinaets.rules.parameters import UsedValue
from chinaets.rules.trace import TraceNode, input_node, parameter_node

ART9 = "Regulation (EU) 2023/956 Art. 9 (as replaced by Regulation (EU) 2025/2083); draft IR Ares(2026)4841230 Art. 5–8, Annex I Eq. 6a, 12a"

EVIDENCE = (
    ("Allocation determination of the provincial authority for the year (free CEA allocated)",
     "省级生态环境主管部门年度配额分配核定文件（免费配额量）"),
    ("Verified emission report and verification conclusion for the year", "年度排放报告及核查结论"),
    ("Registry surrender record (CEA and CCER surrendered for the year)", "注册登记系统年度清缴记录（配额与 CCER）"),
    ("Purchase records of the CEA bought for the shortfall, or the exchange's yearly average price",
     "为补足缺口购买配额的交易记录，或交易所年度成交均价"),
    ("ECB yearly average CNY/EUR rate; certification by an independent person (Art. 9(2))",
     "欧洲央行人民币年度平均汇率；独立第三方证明（第 9(2) 条）"),
)  # fmt: skip


@dataclass(slots=True)
class CarbonPrice:
    obligation_tco2: float
    allocation_tco2: float
    price: UsedValue | float
    fx: UsedValue | float
    surrender_due: str
    notes: list[tuple[str, str]] = field(default_factory=list)

    @property
    def shortfall_tco2(self) -> float:
        return max(0.0, self.obligation_tco2 - self.allocation_tco2)

    @property
    def rebated_share(self) -> float:
        if self.obligation_tco2 <= 0:
            return 1.0
        return min(1.0, self.allocation_tco2 / self.obligation_tco2)

    @property
    def price_cny(self) -> float:
        return float(self.price.value if isinstance(self.price, UsedValue) else self.price)

    @property
    def fx_cny_per_eur(self) -> float:
        return float(self.fx.value if isinstance(self.fx, UsedValue) else self.fx)

    @property
    def eur_per_tco2(self) -> float:
        """Effective price per t of China-covered emissions, net of the free-allocation rebate."""
        return (1 - self.rebated_share) * self.price_cny / self.fx_cny_per_eur

    def trace(self) -> TraceNode:
        rebated, fx = f"{self.rebated_share:.5f}", f"{self.fx_cny_per_eur:g}"
        node = TraceNode(
            "effective carbon price paid per t covered", self.eur_per_tco2, "EUR/tCO2",
            formula=f"(1 − rebated {rebated}) × {self.price_cny:g} CNY / {fx}", reference=ART9,
            label_zh="每吨覆盖排放实际支付的碳价",
            formula_zh=f"(1 − 免费配额返还比例 {rebated}) × {self.price_cny:g} CNY / {fx}",
        )  # fmt: skip
        node.add(
            input_node("E obligation (verified, Chinese perimeter)", self.obligation_tco2, "tCO2",
                       label_zh="E 应清缴量（核查排放量，中国履约边界）"),
            input_node("A free allocation", self.allocation_tco2, "t CEA", label_zh="A 免费配额"),
            TraceNode("shortfall", self.shortfall_tco2, "t", formula="max(0, E − A)",
                      label_zh="缺口"),
        )  # fmt: skip
        given = {"p paid": "p 配额购买价格（元/吨）", "FX": "FX 汇率（元/欧元）"}
        for label, v in (("p paid", self.price), ("FX", self.fx)):
            node.add(parameter_node(v, label) if isinstance(v, UsedValue)
                     else input_node(label, v, label_zh=given[label]))  # fmt: skip
        return node

    def as_dict(self) -> dict[str, Any]:
        return {
            "obligation_tco2": self.obligation_tco2,
            "allocation_tco2": self.allocation_tco2,
            "shortfall_tco2": self.shortfall_tco2,
            "rebated_share": self.rebated_share,
            "price_cny_per_t": self.price_cny,
            "fx_cny_per_eur": self.fx_cny_per_eur,
            "eur_per_tco2_covered": self.eur_per_tco2,
            "surrender_due": self.surrender_due,
            "evidence": [{"en": en, "zh": zh} for en, zh in EVIDENCE],
            "notes": [{"en": en, "zh": zh} for en, zh in self.notes],
        }


def carbon_price(
    law: CbamLaw, obligation: float, allocation: float,
    price_cny: float | None = None, fx: float | None = None,
) -> CarbonPrice:  # fmt: skip
    dates = law.table("dates")
    due = str(dates.get(f"china_{law.production_year}_surrender_due", ""))
    out = CarbonPrice(
        obligation, allocation, law.cea_price() if price_cny is None else price_cny,
        law.fx() if fx is None else fx, due,
    )  # fmt: skip
    if out.shortfall_tco2 == 0:
        out.notes.append((
            "Free allocation covers all covered emissions: no price effectively paid, no deduction",
            "免费配额覆盖全部履约排放：无实际支付碳价，不得扣减",
        ))  # fmt: skip
    if due and due > str(dates["first_declaration_due"]):
        out.notes.append((
            f"The Chinese surrender for {law.production_year} is due {due}, after the declaration",
            f"{law.production_year} 年度中国配额清缴截止于 {due}，晚于 CBAM 申报",
        ))  # fmt: skip
    if not due:
        out.notes.append((
            f"No Chinese surrender date recorded for {law.production_year}: the price is not yet "
            "effectively paid at declaration (UNCERTAIN how late claims work)",
            f"尚无 {law.production_year} 年度中国清缴日期：申报时碳价尚未实际支付",
        ))  # fmt: skip
    return out
