"""Results of iron & steel accounting: what was computed and from what.

Each result keeps the inputs and parameter values it used, so that ``trace()`` can explain it
afterwards, and ``as_dict()`` gives the figures worked cases and ``--json`` print.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chinaets.core.terms import zh_term
from chinaets.mrv.industry.combustion import FuelResult
from chinaets.mrv.steel.schema import materials, products
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
            return TraceNode(
                self.code,
                0.0,
                "tCO2",
                note="not in table A.2: not accounted",
                label_zh=self.code,
                note_zh="不在表 A.2 中：不核算",
            )
        where = "products" if self.kind == "product" else "materials"
        codes = products() if self.kind == "product" else materials()
        zh = codes[self.code].zh if self.code in codes else self.code
        return product_node(self.code, self.tco2, ("AD", self.quantity, where), ("EF", self.ef), zh)

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "quantity": self.quantity,
            "emission_factor": None if self.ef is None else self.ef.value,
            "accounted": self.accounted,
            "tco2": self.tco2,
        }


_FUEL_PARTS_ZH = {  # the parts of a fuel's net consumption (formula 1), as report tables name them
    "purchased": "购入量", "sold": "外销量", "stock_increase": "库存增加量",
    "to_power_sector": "纳入发电行业机组消耗量",
}  # fmt: skip


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
            label_zh=f"工序 {self.process_id}（{zh_term(self.process)}）",
            formula_zh="Σ FC_in × NCV × CC × 44/12 − Σ FC_out × NCV × CC × 44/12（公式 2）",
        )  # fmt: skip
        ins = TraceNode("inputs", sum(x.tco2 for x in self.inputs), "tCO2", label_zh="输入")
        outs = TraceNode("outputs", sum(x.tco2 for x in self.outputs), "tCO2", label_zh="输出")
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
            label_zh=f"自备电厂机组 {self.unit_id}",
            formula_zh="Σ FC × NCV × CC × OF × 44/12（公式 3）",
            note_zh="已纳入发电行业：不在钢铁核算边界内" if self.covered_by_power_sector else "",
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
            label_zh=f"{self.name} ({self.credit_code}) {self.year} 年",
            formula_zh="企业排放量（公式 1），取整到吨",
        )  # fmt: skip
        root.add(self._enterprise_trace(), self._split_trace(), self._intensity_trace())
        versions = versions_node(self.formula_versions)
        return root.add(versions)

    def _enterprise_trace(self) -> TraceNode:
        node = TraceNode(
            "enterprise (carbon mass balance)", self.enterprise_tco2, "tCO2",
            formula="fuels + carbonates + electrodes + materials − products (formula 1)",
            label_zh="企业（碳质量平衡）",
            formula_zh="化石燃料 + 碳酸盐 + 电极 + 外购含碳原料 − 含碳产品（公式 1）",
        )  # fmt: skip
        parts = (
            (
                "fossil fuels, net consumption",
                "化石燃料（净消耗量）",
                self.fuel_tco2,
                self.fuels,
                (),
            ),
            ("carbonates", "碳酸盐", self.carbonate_tco2, (), ("carbonate",)),
            ("electrodes", "电极", self.electrode_tco2, (), ("electrode",)),
            (
                "purchased carbon-bearing materials",
                "外购含碳原料",
                self.material_tco2,
                (),
                ("material", "unlisted"),
            ),
        )
        for label, label_zh, value, fuel_lines, kinds in parts:
            child = TraceNode(label, value, "tCO2", label_zh=label_zh)
            child.add(*(self._fuel_trace(x) for x in fuel_lines))
            child.add(*(m.trace() for m in self.materials if m.kind in kinds))
            node.add(child)
        deducted = TraceNode(
            "carbon-bearing products (deducted)",
            -self.product_tco2,
            "tCO2",
            label_zh="含碳产品（扣除）",
        )
        return node.add(deducted.add(*(m.trace() for m in self.products)))

    def _fuel_trace(self, line: FuelResult) -> TraceNode:
        node = line.trace()
        parts = TraceNode(
            "FC net consumption", line.quantity,
            formula="purchased − sold − stock increase − to power-sector units (formula 1)",
            label_zh="FC 净消耗量",
            formula_zh="购入量 − 外销量 − 库存增加量 − 纳入发电行业机组消耗量（公式 1）",
        )  # fmt: skip
        parts.add(
            *(
                input_node(k, v, "", "fuels", _FUEL_PARTS_ZH.get(k, k))
                for k, v in self.fuel_parts[line.fuel].items()
            )
        )
        return node.add(parts)

    def _split_trace(self) -> TraceNode:
        node = TraceNode(
            "processes, power units and other",
            self.enterprise_tco2,
            "tCO2",
            formula="Σ processes + Σ units + other",
            label_zh="工序、自备电厂机组与其他",
            formula_zh="Σ 工序 + Σ 机组 + 其他",
        )
        processes = TraceNode(
            "processes (formula 2)", self.process_tco2, "tCO2", label_zh="工序（公式 2）"
        )
        units = TraceNode(
            "co-firing power units (formula 3)",
            self.unit_tco2,
            "tCO2",
            label_zh="掺烧自备电厂机组（公式 3）",
        )
        processes.add(*(p.trace() for p in self.processes))
        units.add(*(u.trace() for u in self.units))
        other = TraceNode(
            "other (formula 4)", self.other_tco2, "tCO2", label_zh="其他（公式 4）",
            formula=f"{self.enterprise_tco2:,.2f} − {self.process_tco2:,.2f} − {self.unit_tco2:,.2f}",
        )  # fmt: skip
        return node.add(processes, units, other)

    def _intensity_trace(self) -> TraceNode:
        return TraceNode(
            "intensity", self.intensity, "tCO2/t crude steel",
            formula=f"{self.enterprise_tco2:,.2f} / {self.crude_steel_t:,.2f} t crude steel",
            label_zh="吨粗钢排放强度", unit_zh="tCO2/t 粗钢",
            formula_zh=f"{self.enterprise_tco2:,.2f} / {self.crude_steel_t:,.2f} t 粗钢",
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
