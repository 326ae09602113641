"""Results of cement clinker accounting: what was computed and from what.

Each result keeps the inputs and parameter values it used; ``trace()`` explains a figure
afterwards and ``as_dict()`` gives the figures worked cases and ``--json`` print.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from chinaets.mrv.cement.schema import CLINKER_TYPES, materials
from chinaets.mrv.industry.combustion import FuelResult
from chinaets.rules import TraceNode
from chinaets.rules.parameters import UsedValue
from chinaets.rules.trace import product_node, version_zh, versions_node

Method = Literal["default_factor", "composition"]


@dataclass(slots=True)
class ClinkerPart:
    """Clinker of one type made by a line in the year, and its process CO2."""

    clinker_type: str
    quantity: float
    factor: UsedValue
    tco2: float

    def trace(self) -> TraceNode:
        return product_node(
            CLINKER_TYPES[self.clinker_type][1], self.tco2,
            ("Q", self.quantity, "clinker_output"), ("EF", self.factor),
            CLINKER_TYPES[self.clinker_type][0],
        )  # fmt: skip


@dataclass(slots=True)
class DeductionPart:
    """An alternative raw material used by a line in the year, and the CO2 it deducts."""

    material: str
    quantity: float
    factor: UsedValue
    tco2: float

    def trace(self) -> TraceNode:
        material = materials()[self.material]
        return product_node(
            f"{material.en} ({material.zh})", self.tco2,
            ("Q", self.quantity, "alt_raw_materials"), ("D", self.factor), material.zh,
        )  # fmt: skip


@dataclass(slots=True)
class CompositionMonth:
    """One month of the composition method."""

    month: int
    clinker_t: float
    kiln_head_dust_t: float
    bypass_dust_t: float
    cao_pct: float
    mgo_pct: float
    noncarbonate_cao_pct: float
    noncarbonate_mgo_pct: float
    factor: float  # tCO2 per t of clinker and dust
    tco2: float

    def trace(self) -> TraceNode:
        return TraceNode(
            f"month {self.month}", self.tco2, "tCO2",
            formula=f"(Q + dust_head + dust_bypass) × [(CaO − CaO_nc) × 44/56 + (MgO − MgO_nc) × "
            f"44/40] = ({self.clinker_t:g} + {self.kiln_head_dust_t:g} + {self.bypass_dust_t:g}) "
            f"× [({self.cao_pct:g}% − {self.noncarbonate_cao_pct:g}%) × 44/56 + ({self.mgo_pct:g}% "
            f"− {self.noncarbonate_mgo_pct:g}%) × 44/40]",
            label_zh=f"{self.month} 月",
            formula_zh=f"(Q + 窑头粉尘 + 旁路放风粉尘) × [(CaO − CaO_nc) × 44/56 + (MgO − MgO_nc) × "
            f"44/40] = ({self.clinker_t:g} + {self.kiln_head_dust_t:g} + {self.bypass_dust_t:g}) "
            f"× [({self.cao_pct:g}% − {self.noncarbonate_cao_pct:g}%) × 44/56 + ({self.mgo_pct:g}% "
            f"− {self.noncarbonate_mgo_pct:g}%) × 44/40]",
        )  # fmt: skip


@dataclass(slots=True)
class ProcessResult:
    """A line's clinker process (calcination) emissions under the method in force."""

    method: Method
    version: str
    gross_tco2: float
    deducted_tco2: float
    tco2: float
    floored: bool
    clinker: list[ClinkerPart] = field(default_factory=list)
    deductions: list[DeductionPart] = field(default_factory=list)
    composition: list[CompositionMonth] = field(default_factory=list)

    def trace(self) -> TraceNode:
        if self.method == "composition":
            node = TraceNode(
                "process emissions (composition method)", self.tco2, "tCO2", formula="Σ months",
                reference=self.version, label_zh="过程排放（成分分析法）", formula_zh="Σ 各月",
                reference_zh=version_zh(self.version),
            )  # fmt: skip
            return node.add(*(m.trace() for m in self.composition))
        node = TraceNode(
            "process emissions (clinker factor method)", self.tco2, "tCO2",
            formula=f"max(0, Σ Q × EF − Σ Q_alt × D) = max(0, {self.gross_tco2:g} − "
            f"{self.deducted_tco2:g})", reference=self.version,
            note="deductions exceed the clinker emissions: floored at 0" if self.floored else "",
            label_zh="过程排放（熟料排放因子法）", reference_zh=version_zh(self.version),
            note_zh="替代原料扣减量超过熟料排放：取 0" if self.floored else "",
        )  # fmt: skip
        gross = TraceNode(
            "clinker", self.gross_tco2, "tCO2", formula="Σ types Q × EF",
            label_zh="熟料", formula_zh="Σ 品种 Q × EF",
        )  # fmt: skip
        gross.add(*(c.trace() for c in self.clinker))
        deducted = TraceNode(
            "deductions", self.deducted_tco2, "tCO2", formula="Σ Q_alt × D", label_zh="扣减"
        )
        deducted.add(*(d.trace() for d in self.deductions))
        return node.add(gross, deducted)

    def as_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "gross_tco2": self.gross_tco2,
            "deducted_tco2": self.deducted_tco2,
            "tco2": self.tco2,
            "floored": self.floored,
            "clinker": {
                c.clinker_type: {"quantity": c.quantity, "tco2": c.tco2} for c in self.clinker
            },
            "deductions": {
                d.material: {"quantity": d.quantity, "tco2": d.tco2} for d in self.deductions
            },
            "composition": {
                str(m.month): {"factor": m.factor, "tco2": m.tco2} for m in self.composition
            },
        }


@dataclass(slots=True)
class LineResult:
    """One clinker production line: fuel combustion plus process emissions."""

    unit_id: str
    clinker_t: float
    fuels: list[FuelResult]
    fuel_tco2: float
    process: ProcessResult
    total_tco2: float
    intensity: float | None  # tCO2 per t clinker

    def trace(self) -> TraceNode:
        node = TraceNode(
            f"line {self.unit_id}",
            self.total_tco2,
            "tCO2",
            formula="fuel combustion + process",
            label_zh=f"生产线 {self.unit_id}",
            formula_zh="燃料燃烧 + 过程",
        )
        fuel = TraceNode(
            "fuel combustion",
            self.fuel_tco2,
            "tCO2",
            formula="Σ fuels",
            label_zh="燃料燃烧",
            formula_zh="Σ 燃料",
        )
        fuel.add(*(f.trace() for f in self.fuels))
        return node.add(fuel, self.process.trace())

    def as_dict(self) -> dict[str, Any]:
        return {
            "unit_id": self.unit_id,
            "clinker_t": self.clinker_t,
            "fuel_tco2": self.fuel_tco2,
            "process_tco2": self.process.tco2,
            "total_tco2": self.total_tco2,
            "intensity": self.intensity,
            "fuels": {f.fuel: f.as_dict() for f in self.fuels},
            "process": self.process.as_dict(),
        }


@dataclass(slots=True)
class EntityResult:
    """The entity's emissions for the data year: the sum of its lines."""

    year: int
    credit_code: str
    name: str
    province: str
    lines: list[LineResult]
    clinker_t: float
    fuel_tco2: float
    process_tco2: float
    total_tco2: float
    obligation_tco2: int
    formula_versions: dict[str, str]

    def trace(self) -> TraceNode:
        root = TraceNode(
            f"{self.name} ({self.credit_code}) {self.year}", self.obligation_tco2, "tCO2",
            formula="Σ lines (fuel combustion + process), rounded to whole tonnes",
            label_zh=f"{self.name} ({self.credit_code}) {self.year} 年",
            formula_zh="Σ 生产线（燃料燃烧 + 过程），取整到吨",
        )  # fmt: skip
        root.add(*(line.trace() for line in self.lines))
        versions = versions_node(self.formula_versions)
        return root.add(versions)

    def as_dict(self) -> dict[str, Any]:
        return {
            "sector": "cement",
            "year": self.year,
            "credit_code": self.credit_code,
            "name": self.name,
            "province": self.province,
            "clinker_t": self.clinker_t,
            "fuel_tco2": self.fuel_tco2,
            "process_tco2": self.process_tco2,
            "total_tco2": self.total_tco2,
            "obligation_tco2": self.obligation_tco2,
            "formula_versions": self.formula_versions,
            "lines": {line.unit_id: line.as_dict() for line in self.lines},
        }
