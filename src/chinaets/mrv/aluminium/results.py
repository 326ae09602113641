"""Results of aluminium smelting accounting: what was computed and from what."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chinaets.core.terms import zh_term
from chinaets.mrv.aluminium.formulas import AnodeFactor, PfcFactors
from chinaets.mrv.aluminium.schema import CARBONATES
from chinaets.mrv.industry.combustion import FuelResult
from chinaets.rules import TraceNode
from chinaets.rules.parameters import UsedValue
from chinaets.rules.trace import input_node, parameter_node, product_node, versions_node

_ANODE_ZH = {
    "net_anode_consumption": "阳极净耗",
    "anode_sulphur": "阳极硫分",
    "anode_ash": "阳极灰分",
}
_PFC_METHODS_ZH = {"slope": "斜率法", "default": "缺省值法"}


@dataclass(slots=True)
class ProcessMonth:
    """One month of an electrolysis process: output, anode CO2 and PFCs."""

    month: int
    output_t: float
    anode: AnodeFactor
    anode_tco2: float
    pfc: PfcFactors
    cf4_t: float
    c2f6_t: float
    pfc_tco2e: float

    def trace(self) -> TraceNode:
        a = self.anode
        node = TraceNode(
            f"month {self.month}",
            self.anode_tco2 + self.pfc_tco2e,
            "tCO2e",
            label_zh=f"{self.month} 月",
        )
        anode = TraceNode(
            "anode consumption", self.anode_tco2, "tCO2",
            formula=f"P × NC × (1 − S − Ash) × 44/12 = {self.output_t:g} × {a.net_anode:g} × "
            f"(1 − {a.sulphur:g} − {a.ash:g}) × 44/12",
            note=", ".join(f"{k} {v}" for k, v in a.sources.items()),
            label_zh="阳极消耗",
            note_zh="，".join(f"{_ANODE_ZH.get(k, k)}{zh_term(v)}" for k, v in a.sources.items()),
        )  # fmt: skip
        anode.add(*(parameter_node(u) for u in a.defaults))
        pfc = TraceNode(
            f"PFCs ({self.pfc.method})", self.pfc_tco2e, "tCO2e",
            formula=f"P × (EF_CF4 × GWP_CF4 + EF_C2F6 × GWP_C2F6) / 1000; EF_CF4 = "
            f"{self.pfc.cf4_kg_per_t:.6g}, EF_C2F6 = {self.pfc.c2f6_kg_per_t:.6g} kg/t Al",
            label_zh=f"全氟化碳（{_PFC_METHODS_ZH.get(self.pfc.method, self.pfc.method)}）",
        )  # fmt: skip
        if self.pfc.aem is not None:
            aem = input_node("AEM", self.pfc.aem, "min/cell-day", "anode_effects")
            aem.unit_zh = "分钟/槽·日"
            pfc.add(aem)
        pfc.add(*(parameter_node(u) for u in self.pfc.used))
        return node.add(
            input_node("P aluminium liquid", self.output_t, "t", "aluminium_output", "P 铝液产量"),
            anode,
            pfc,
        )


@dataclass(slots=True)
class ProcessResult:
    """One process of the enterprise for the year."""

    unit_id: str
    kind: str
    output_t: float
    fuels: list[FuelResult]
    fuel_tco2: float
    anode_tco2: float
    cf4_t: float
    c2f6_t: float
    pfc_tco2e: float
    total_tco2e: float
    months: list[ProcessMonth]

    @property
    def intensity(self) -> float | None:
        """Direct tCO2e per t of aluminium liquid."""
        return self.total_tco2e / self.output_t if self.output_t > 0 else None

    @property
    def anode_factor(self) -> float | None:
        return self.anode_tco2 / self.output_t if self.output_t > 0 else None

    @property
    def pfc_intensity(self) -> float | None:
        return self.pfc_tco2e / self.output_t if self.output_t > 0 else None

    def trace(self) -> TraceNode:
        node = TraceNode(
            f"{self.kind} process {self.unit_id}", self.total_tco2e, "tCO2e",
            formula="fuel combustion + anode consumption + PFCs",
            label_zh=f"{'电解' if self.kind == 'electrolysis' else '其他'}工序 {self.unit_id}",
            formula_zh="燃料燃烧 + 阳极消耗 + 全氟化碳",
        )  # fmt: skip
        fuel = TraceNode(
            "fuel combustion", self.fuel_tco2, "tCO2", formula="Σ fuels",
            label_zh="燃料燃烧", formula_zh="Σ 燃料",
        )  # fmt: skip
        fuel.add(*(f.trace() for f in self.fuels))
        node.add(fuel)
        if self.months:
            months = TraceNode(
                "anode and PFCs", self.anode_tco2 + self.pfc_tco2e, "tCO2e", formula="Σ months",
                label_zh="阳极消耗与全氟化碳", formula_zh="Σ 各月",
            )  # fmt: skip
            node.add(months.add(*(m.trace() for m in self.months)))
        return node

    def as_dict(self) -> dict[str, Any]:
        return {
            "unit_id": self.unit_id,
            "kind": self.kind,
            "output_t": self.output_t,
            "fuel_tco2": self.fuel_tco2,
            "anode_tco2": self.anode_tco2,
            "cf4_t": self.cf4_t,
            "c2f6_t": self.c2f6_t,
            "pfc_tco2e": self.pfc_tco2e,
            "total_tco2e": self.total_tco2e,
            "intensity": self.intensity,
            "anode_factor": self.anode_factor,
            "pfc_intensity": self.pfc_intensity,
            "fuels": {f.fuel: f.as_dict() for f in self.fuels},
        }


@dataclass(slots=True)
class CarbonatePart:
    material: str
    quantity: float
    factor: UsedValue
    tco2: float

    def trace(self) -> TraceNode:
        return product_node(
            CARBONATES[self.material][1], self.tco2,
            ("Q", self.quantity, "carbonates"), ("EF", self.factor), CARBONATES[self.material][0],
        )  # fmt: skip


@dataclass(slots=True)
class EntityResult:
    """The enterprise's emissions; the electrolysis processes are the compliance perimeter."""

    year: int
    credit_code: str
    name: str
    province: str
    gwp_set: str
    gwp: tuple[UsedValue, UsedValue]
    processes: list[ProcessResult]
    carbonates: list[CarbonatePart]
    output_t: float
    electrolysis_tco2e: float
    carbonate_tco2: float
    total_tco2e: float
    obligation_tco2e: int
    formula_versions: dict[str, str]

    def trace(self) -> TraceNode:
        root = TraceNode(
            f"{self.name} ({self.credit_code}) {self.year}", self.obligation_tco2e, "tCO2e",
            formula="Σ electrolysis processes, rounded to whole tonnes (allocation perimeter)",
            label_zh=f"{self.name} ({self.credit_code}) {self.year} 年",
            formula_zh="Σ 电解工序，取整到吨（配额分配范围）",
        )  # fmt: skip
        electrolysis = TraceNode(
            "electrolysis processes", self.electrolysis_tco2e, "tCO2e", label_zh="电解工序"
        )
        electrolysis.add(*(p.trace() for p in self.processes if p.kind == "electrolysis"))
        enterprise = TraceNode(
            "enterprise total", self.total_tco2e, "tCO2e",
            formula="Σ processes + carbonates",
            label_zh="企业合计", formula_zh="Σ 工序 + 碳酸盐",
        )  # fmt: skip
        enterprise.add(*(p.trace() for p in self.processes if p.kind != "electrolysis"))
        carbonates = TraceNode("carbonates", self.carbonate_tco2, "tCO2", label_zh="碳酸盐")
        enterprise.add(carbonates.add(*(c.trace() for c in self.carbonates)))
        gwp = TraceNode(f"GWP set {self.gwp_set}", label_zh=f"GWP 取值（{self.gwp_set}）")
        gwp.add(*(parameter_node(u) for u in self.gwp))
        versions = versions_node(self.formula_versions)
        return root.add(electrolysis, enterprise, gwp, versions)

    def as_dict(self) -> dict[str, Any]:
        return {
            "sector": "aluminium",
            "year": self.year,
            "credit_code": self.credit_code,
            "name": self.name,
            "province": self.province,
            "gwp_set": self.gwp_set,
            "gwp": {"CF4": self.gwp[0].value, "C2F6": self.gwp[1].value},
            "output_t": self.output_t,
            "electrolysis_tco2e": self.electrolysis_tco2e,
            "carbonate_tco2": self.carbonate_tco2,
            "total_tco2e": self.total_tco2e,
            "obligation_tco2e": self.obligation_tco2e,
            "formula_versions": self.formula_versions,
            "processes": {p.unit_id: p.as_dict() for p in self.processes},
            "carbonates": {
                c.material: {"quantity": c.quantity, "tco2": c.tco2} for c in self.carbonates
            },
        }
