"""Results of iron & steel accounting: what was computed and from what.

Each result keeps the inputs and parameter values it used, so that ``trace()`` can explain it
afterwards, and ``as_dict()`` gives the figures worked cases and ``--json`` print.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chinaets.mrv.industry.combustion import FuelResult
from chinaets.rules.parameters import UsedValue
from chinaets.rules.trace import TraceNode, input_node, product_node, versions_node


@dataclass(slots=True)
class MaterialLine:
    """A carbonate, electrode, purchased material (added) or product (deducted) of the year."""

    code: str
    kind: str  # carbonate, electrode, material, product, unlisted
    quantity: float
    ef: UsedValue | None  # None: not in table A.2, not accounted
    tco2: float  # positive; products are deducted by the enterprise balance

    @property
    def accounted(self) -> bool:
        return self.ef is not None

    def trace(self) -> TraceNode:
        if self.ef is None:
            return TraceNode(self.code, 0.0, "tCO2", note="not in table A.2: not accounted")
        where = "products" if self.kind == "product" else "materials"
        return product_node(self.code, self.tco2, ("AD", self.quantity, where), ("EF", self.ef))

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "quantity": self.quantity,
            "emission_factor": None if self.ef is None else self.ef.value,
            "accounted": self.accounted,
            "tco2": self.tco2,
        }


@dataclass(slots=True)
class ProcessResult:
    """A process's carbon in fuels in minus carbon in fuels out (formula 2)."""

    process_id: str
    process: str
    name: str
    inputs: list[FuelResult]
    outputs: list[FuelResult]
    tco2: float

    def trace(self) -> TraceNode:
        node = TraceNode(
            f"process {self.process_id} ({self.process})", self.tco2, "tCO2",
            formula="Σ FC_in × NCV × CC × 44/12 − Σ FC_out × NCV × CC × 44/12 (formula 2)",
        )  # fmt: skip
        ins = TraceNode("inputs", sum(x.tco2 for x in self.inputs), "tCO2")
        outs = TraceNode("outputs", sum(x.tco2 for x in self.outputs), "tCO2")
        ins.add(*(x.trace() for x in self.inputs))
        outs.add(*(x.trace() for x in self.outputs))
        return node.add(ins, outs)

    def as_dict(self) -> dict[str, Any]:
        return {
            "process": self.process,
            "name": self.name,
            "tco2": self.tco2,
            "inputs": {x.fuel: x.as_dict() for x in self.inputs},
            "outputs": {x.fuel: x.as_dict() for x in self.outputs},
        }


@dataclass(slots=True)
class UnitResult:
    """A co-firing power unit (formula 3); units covered as power sector are outside the
    boundary (their fuel is deducted from the enterprise's net consumption)."""

    unit_id: str
    name: str
    covered_by_power_sector: bool
    fuels: list[FuelResult]
    tco2: float

    def trace(self) -> TraceNode:
        node = TraceNode(
            f"power unit {self.unit_id}", self.tco2, "tCO2",
            formula="Σ FC × NCV × CC × OF × 44/12 (formula 3)",
            note="covered as power sector: outside the steel boundary"
            if self.covered_by_power_sector else "",
        )  # fmt: skip
        return node.add(*(x.trace() for x in self.fuels))

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "covered_by_power_sector": self.covered_by_power_sector,
            "tco2": self.tco2,
            "fuels": {x.fuel: x.as_dict() for x in self.fuels},
        }


@dataclass(slots=True)
class EntityResult:
    """The enterprise mass balance (formula 1), its processes, units and "other" (formula 4),
    crude steel output and intensity for the data year."""

    year: int
    credit_code: str
    name: str
    province: str
    route: str
    fuels: list[FuelResult]
    fuel_parts: dict[str, dict[str, float]]  # purchased, sold, stock increase, to power sector
    materials: list[MaterialLine]
    products: list[MaterialLine]
    fuel_tco2: float
    carbonate_tco2: float
    electrode_tco2: float
    material_tco2: float
    product_tco2: float  # deducted
    enterprise_tco2: float
    processes: list[ProcessResult]
    units: list[UnitResult]
    process_tco2: float
    unit_tco2: float  # units inside the boundary only
    other_tco2: float
    crude_steel_t: float
    intensity: float | None  # tCO2 per t crude steel
    obligation_tco2: int
    formula_versions: dict[str, str]

    def trace(self) -> TraceNode:
        root = TraceNode(
            f"{self.name} ({self.credit_code}) {self.year}", self.obligation_tco2, "tCO2",
            formula="enterprise emissions (formula 1), rounded to whole tonnes",
        )  # fmt: skip
        root.add(self._enterprise_trace(), self._split_trace(), self._intensity_trace())
        versions = versions_node(self.formula_versions)
        return root.add(versions)

    def _enterprise_trace(self) -> TraceNode:
        node = TraceNode(
            "enterprise (carbon mass balance)", self.enterprise_tco2, "tCO2",
            formula="fuels + carbonates + electrodes + materials − products (formula 1)",
        )  # fmt: skip
        parts = (
            ("fossil fuels, net consumption", self.fuel_tco2, self.fuels, ()),
            ("carbonates", self.carbonate_tco2, (), ("carbonate",)),
            ("electrodes", self.electrode_tco2, (), ("electrode",)),
            (
                "purchased carbon-bearing materials",
                self.material_tco2,
                (),
                ("material", "unlisted"),
            ),
        )
        for label, value, fuel_lines, kinds in parts:
            child = TraceNode(label, value, "tCO2")
            child.add(*(self._fuel_trace(x) for x in fuel_lines))
            child.add(*(m.trace() for m in self.materials if m.kind in kinds))
            node.add(child)
        deducted = TraceNode("carbon-bearing products (deducted)", -self.product_tco2, "tCO2")
        return node.add(deducted.add(*(m.trace() for m in self.products)))

    def _fuel_trace(self, line: FuelResult) -> TraceNode:
        node = line.trace()
        parts = TraceNode(
            "FC net consumption", line.quantity,
            formula="purchased − sold − stock increase − to power-sector units (formula 1)",
        )  # fmt: skip
        parts.add(*(input_node(k, v, where="fuels") for k, v in self.fuel_parts[line.fuel].items()))
        return node.add(parts)

    def _split_trace(self) -> TraceNode:
        node = TraceNode(
            "processes, power units and other",
            self.enterprise_tco2,
            "tCO2",
            formula="Σ processes + Σ units + other",
        )
        processes = TraceNode("processes (formula 2)", self.process_tco2, "tCO2")
        units = TraceNode("co-firing power units (formula 3)", self.unit_tco2, "tCO2")
        processes.add(*(p.trace() for p in self.processes))
        units.add(*(u.trace() for u in self.units))
        other = TraceNode(
            "other (formula 4)", self.other_tco2, "tCO2",
            formula=f"{self.enterprise_tco2:,.2f} − {self.process_tco2:,.2f} − {self.unit_tco2:,.2f}",
        )  # fmt: skip
        return node.add(processes, units, other)

    def _intensity_trace(self) -> TraceNode:
        return TraceNode(
            "intensity", self.intensity, "tCO2/t crude steel",
            formula=f"{self.enterprise_tco2:,.2f} / {self.crude_steel_t:,.2f} t crude steel",
        )  # fmt: skip

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "credit_code": self.credit_code,
            "name": self.name,
            "province": self.province,
            "route": self.route,
            "fuel_tco2": self.fuel_tco2,
            "carbonate_tco2": self.carbonate_tco2,
            "electrode_tco2": self.electrode_tco2,
            "material_tco2": self.material_tco2,
            "product_tco2": self.product_tco2,
            "enterprise_tco2": self.enterprise_tco2,
            "process_tco2": self.process_tco2,
            "unit_tco2": self.unit_tco2,
            "other_tco2": self.other_tco2,
            "crude_steel_t": self.crude_steel_t,
            "intensity": self.intensity,
            "obligation_tco2": self.obligation_tco2,
            "formula_versions": self.formula_versions,
            "fuels": {x.fuel: {**x.as_dict(), **self.fuel_parts[x.fuel]} for x in self.fuels},
            "materials": {m.code: m.as_dict() for m in self.materials},
            "products": {m.code: m.as_dict() for m in self.products},
            "processes": {p.process_id: p.as_dict() for p in self.processes},
            "units": {u.unit_id: u.as_dict() for u in self.units},
        }
