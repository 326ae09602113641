"""Results of a reporting sector's accounting: every emission source with the inputs and
parameter values it came from, per facility and for the enterprise.

``trace()`` explains any figure afterwards; ``as_dict()`` gives the figures worked cases and
``--json`` print (sources keyed ``<category>:<item>`` within a facility)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from chinaets.rules import TraceNode
from chinaets.rules.parameters import UsedValue
from chinaets.rules.trace import input_node, parameter_node, versions_node

Category = Literal["combustion", "process", "n2o", "ch4", "hfc", "recovery", "electricity", "heat"]
CATEGORIES: dict[str, tuple[str, str]] = {
    "combustion": ("化石燃料燃烧排放", "fossil fuel combustion"),
    "process": ("工业生产过程排放（CO2）", "industrial process CO2"),
    "n2o": ("过程N2O排放（CO2当量）", "process N2O (CO2e)"),
    "ch4": ("甲烷排放（CO2当量）", "CH4 (CO2e)"),
    "hfc": ("HFC-23排放（CO2当量）", "HFC-23 (CO2e)"),
    "recovery": ("CO2回收利用量（扣减）", "CO2 recovered (deducted)"),
    "electricity": ("净购入电力排放", "net purchased electricity"),
    "heat": ("净购入热力排放", "net purchased heat"),
}
"""Emission categories of the guideline's enterprise total (rules reference §2.1), in order."""

_ZH_HALF = re.compile(r" ?/ ")  # a source's label is "zh / en"


def chinese_name(label: str) -> str:
    """The Chinese half of a source's "zh / en" label."""
    return _ZH_HALF.split(label, maxsplit=1)[0]


@dataclass(frozen=True, slots=True)
class Term:
    """An input or a parameter value a source's formula used."""

    symbol: str
    value: float
    unit: str = ""
    table: str = ""
    used: UsedValue | None = None

    @classmethod
    def of(cls, symbol: str, used: UsedValue) -> Term:
        return cls(symbol, float(used.value), used.parameter.unit, used=used)

    def trace(self) -> TraceNode:
        if self.used is not None:
            return parameter_node(self.used, self.symbol)
        return input_node(self.symbol, self.value, self.unit, self.table)


@dataclass(slots=True)
class Source:
    """One emission source of one facility: a fuel, a carbonate, a flare, a nitric-acid plant …"""

    unit_id: str
    category: Category
    item: str
    label: str  # "zh / en", for traces and report tables
    gas: Literal["CO2", "N2O", "CH4", "HFC23"]
    gas_t: float  # tonnes of the gas (negative for recovered CO2)
    tco2e: float
    formula: str
    terms: tuple[Term, ...] = ()

    def trace(self) -> TraceNode:
        node = TraceNode(
            self.label,
            self.tco2e,
            "tCO2e",
            formula=self.formula,
            label_zh=chinese_name(self.label),
        )
        return node.add(*(t.trace() for t in self.terms))

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"gas": self.gas, "tco2e": self.tco2e}
        if self.gas != "CO2":
            out["gas_t"] = self.gas_t
        out.update({t.symbol: t.value for t in self.terms})
        return out


@dataclass(slots=True)
class FacilityResult:
    """One facility: its sources, totals by category, the supplementary table's CO2 and output."""

    unit_id: str
    name: str
    sources: list[Source]
    categories: dict[str, float]
    total_tco2e: float
    template_tco2: float
    output: float
    intensity: float | None
    template_parts: dict[str, float] = field(default_factory=dict)
    """What each counted category adds to the supplementary table's CO2."""

    def trace(self) -> TraceNode:
        node = TraceNode(
            f"facility {self.unit_id}",
            self.total_tco2e,
            "tCO2e",
            formula="Σ categories",
            label_zh=f"设施 {self.unit_id}",
            formula_zh="Σ 排放类别",
        )
        for category, value in self.categories.items():
            zh, en = CATEGORIES[category]
            sub = TraceNode(f"{en} / {zh}", value, "tCO2e", label_zh=zh)
            sub.add(*(s.trace() for s in self.sources if s.category == category))
            node.add(sub)
        return node

    def as_dict(self) -> dict[str, Any]:
        return {
            "unit_id": self.unit_id,
            "total_tco2e": self.total_tco2e,
            "template_tco2": self.template_tco2,
            "output": self.output,
            "intensity": self.intensity,
            **{f"{k}_tco2e": v for k, v in self.categories.items()},
            "sources": _keyed(self.sources),
        }


def _keyed(sources: list[Source]) -> dict[str, dict[str, Any]]:
    """Sources by ``category:item``; a repeated key (two flares of one refinery) gets ``#2`` …"""
    out: dict[str, dict[str, Any]] = {}
    for s in sources:
        key = base = f"{s.category}:{s.item}"
        n = 1
        while key in out:
            n += 1
            key = f"{base}#{n}"
        out[key] = s.as_dict()
    return out


@dataclass(slots=True)
class ReportingResult:
    """The enterprise's emissions for the data year: the guideline total (CO2e, every source)
    and the supplementary table's CO2 total, over the sector's denominator."""

    sector: str
    year: int
    credit_code: str
    name: str
    province: str
    industry_code: str
    energy_tce: float
    facilities: list[FacilityResult]
    categories: dict[str, float]
    total_tco2e: float
    template_tco2: float
    output: float
    output_unit: tuple[str, str]  # (en, zh) of the denominator
    intensity: float | None
    template_note: str
    template_categories: tuple[str, ...] = ()
    """The categories the supplementary table's CO2 total counts, in order."""
    formula_versions: Mapping[str, str] = field(default_factory=dict)
    products: list[tuple[str, str, float]] = field(default_factory=list)
    """The enterprise's products as reported: (Chinese name, unit, quantity), largest first."""
    annex: list[dict[str, Any]] = field(default_factory=list)
    """Further rows of the supplementary table the sector builds (aviation: per aircraft class)."""

    def trace(self) -> TraceNode:
        root = TraceNode(
            f"{self.name} ({self.credit_code}) {self.year}",
            self.total_tco2e,
            "tCO2e",
            formula="Σ facilities (combustion + process + non-CO2 × GWP − recovered + "
            "net electricity + net heat)",
            label_zh=f"{self.name} ({self.credit_code}) {self.year} 年",
            formula_zh="Σ 设施（化石燃料燃烧 + 工业生产过程 + 非CO2 × GWP − CO2回收利用 + "
            "净购入电力 + 净购入热力）",
        )
        root.add(*(f.trace() for f in self.facilities))
        template = TraceNode(
            "supplementary table CO2 / 补充数据表二氧化碳排放量",
            self.template_tco2,
            "tCO2",
            formula=self.template_note,
            label_zh="补充数据表二氧化碳排放量",
            formula_zh="Σ " + " + ".join(CATEGORIES[c][0] for c in self.template_categories),
        )
        intensity = TraceNode(
            "intensity / 排放强度",
            self.intensity,
            f"tCO2/{self.output_unit[0]}",
            formula=f"{self.template_tco2:g} / {self.output:g}",
            label_zh="排放强度",
            unit_zh=f"tCO2/{self.output_unit[1]}",
        )
        versions = versions_node(self.formula_versions)
        return root.add(template, intensity, versions)

    def as_dict(self) -> dict[str, Any]:
        return {
            "sector": self.sector,
            "year": self.year,
            "credit_code": self.credit_code,
            "name": self.name,
            "province": self.province,
            "energy_tce": self.energy_tce,
            "total_tco2e": self.total_tco2e,
            "template_tco2": self.template_tco2,
            "output": self.output,
            "output_unit": self.output_unit[0],
            "intensity": self.intensity,
            **{f"{k}_tco2e": v for k, v in self.categories.items()},
            "formula_versions": dict(self.formula_versions),
            "facilities": {f.unit_id: f.as_dict() for f in self.facilities},
            "annex": {str(r["code"]).replace(".", "_"): r["value"] for r in self.annex},
        }
