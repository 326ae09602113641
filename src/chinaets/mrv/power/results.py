"""Results of power-sector accounting: what was computed and from what.

Each result keeps the inputs and parameter values it used, so that ``trace()`` can explain it
afterwards without slowing the computation down, and ``as_dict()`` gives the figures worked
cases and ``--json`` print.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from chinaets.core.terms import zh_term
from chinaets.mrv.power.schema import fuels
from chinaets.rules.parameters import UsedValue
from chinaets.rules.trace import TraceNode, input_node, parameter_node, versions_node

CarbonSource = str  # "measured", "default", "mixed", "not counted"


@dataclass(slots=True)
class FuelMonth:
    """One fuel in one month of one unit: a row of report table C.3."""

    month: int
    fuel: str
    quantity: float
    ncv: float
    ncv_source: str
    carbon: float  # tC per t or per 10^4 Nm3, as received
    carbon_source: CarbonSource
    oxidation: UsedValue | None
    tco2: float  # rounded as the report table rounds
    default_cc: UsedValue | None = None
    samples: list[str] = field(default_factory=list)
    rejected_samples: list[str] = field(default_factory=list)

    @property
    def carbon_content(self) -> float:
        """Carbon per unit heat (tC/GJ), column D of table C.3."""
        return self.carbon / self.ncv if self.ncv else 0.0

    def trace(self, unit_label: str) -> TraceNode:
        of = self.oxidation.value if self.oxidation else 0.0
        measure = fuels()[self.fuel].unit  # t, or 10^4 Nm3 for gas
        node = TraceNode(
            f"{self.fuel} month {self.month}",
            self.tco2,
            "tCO2",
            formula=f"FC × C_ar × OF × 44/12 = {self.quantity:g} × {self.carbon:.6g} × {of:g} × 44/12",
            label_zh=f"{fuels()[self.fuel].zh} {self.month} 月",
        )
        node.add(
            input_node(
                "FC consumption", self.quantity, measure, f"{unit_label} fuel_use", "FC 消耗量"
            )
        )
        carbon = TraceNode(
            "C_ar element carbon, as received",
            self.carbon,
            f"tC/{measure}",
            note=self.carbon_source,
            label_zh="C_ar 收到基元素碳含量",
            note_zh=zh_term(self.carbon_source),
        )
        if self.samples:
            carbon.add(
                input_node(
                    "lab samples used", ", ".join(self.samples), "", "lab_results", "采用的化验样品"
                )
            )
        if self.rejected_samples:
            carbon.add(
                TraceNode(
                    "lab samples replaced by the default",
                    ", ".join(self.rejected_samples),
                    label_zh="以缺省值替代的化验样品",
                )
            )
        if self.default_cc is not None:
            carbon.formula = "NCV × CC_default"
            carbon.add(parameter_node(self.default_cc, "CC default"))
        carbon.add(
            TraceNode(
                "NCV net calorific value",
                self.ncv,
                f"GJ/{measure}",
                note=self.ncv_source,
                label_zh="NCV 低位发热量",
                note_zh=zh_term(self.ncv_source),
            )
        )
        node.add(
            carbon,
            TraceNode(
                "CC carbon per unit heat",
                self.carbon_content,
                "tC/GJ",
                formula="C_ar / NCV",
                label_zh="CC 单位热值含碳量",
            ),
        )
        if self.oxidation is not None:
            node.add(parameter_node(self.oxidation, "OF oxidation rate"))
        return node

    def as_dict(self) -> dict[str, Any]:
        return {
            "month": self.month,
            "fuel": self.fuel,
            "quantity": self.quantity,
            "ncv": self.ncv,
            "ncv_source": self.ncv_source,
            "carbon": self.carbon,
            "carbon_content": self.carbon_content,
            "carbon_source": self.carbon_source,
            "oxidation_rate": self.oxidation.value if self.oxidation else None,
            "tco2": self.tco2,
        }


@dataclass(slots=True)
class UnitMonth:
    """Production of one unit in one month (report tables C.4–C.6)."""

    month: int
    generation_mwh: float
    heat_supplied_gj: float
    heat_source: str
    running_hours: float
    load_factor: float | None
    supplied_mwh: float | None
    purchased_mwh: float


@dataclass(slots=True)
class UnitResult:
    unit_id: str
    rated_mw: float
    fuel_months: list[FuelMonth]
    months: list[UnitMonth]
    direct_tco2: float
    generation_mwh: float
    heat_supplied_gj: float
    running_hours: float
    load_factor: float | None
    supplied_mwh: float | None
    heat_ratio: float
    purchased_mwh: float
    biomass_heat_share: float
    main_fuel: str = ""
    """The unit's declared main fuel and CFB boiler: what its allocation category rests on."""
    cfb: bool = False

    def by_fuel(self) -> dict[str, float]:
        totals: dict[str, float] = {}
        for fm in self.fuel_months:
            totals[fm.fuel] = totals.get(fm.fuel, 0.0) + fm.tco2
        return totals

    def trace(self) -> TraceNode:
        node = TraceNode(
            f"unit {self.unit_id}",
            self.direct_tco2,
            "tCO2",
            formula="Σ fuels Σ months E",
            formula_zh="Σ 燃料 Σ 月 E",
            label_zh=f"机组 {self.unit_id}",
        )
        for fuel, total in self.by_fuel().items():
            fuel_node = TraceNode(
                fuel,
                total,
                "tCO2",
                formula="Σ months",
                label_zh=fuels()[fuel].zh,
                formula_zh="Σ 各月",
            )
            fuel_node.add(*(fm.trace(self.unit_id) for fm in self.fuel_months if fm.fuel == fuel))
            node.add(fuel_node)
        if self.load_factor is not None:
            node.add(
                TraceNode(
                    "load factor", self.load_factor, "",
                    formula=f"generation / (rated × hours) = {self.generation_mwh:g} / "
                    f"({self.rated_mw:g} × {self.running_hours:g})",
                    label_zh="负荷率",
                    formula_zh=f"发电量 / (额定功率 × 运行小时) = {self.generation_mwh:g} / "
                    f"({self.rated_mw:g} × {self.running_hours:g})",
                )
            )  # fmt: skip
        return node

    def as_dict(self) -> dict[str, Any]:
        fuels: dict[str, Any] = {}
        for fm in self.fuel_months:
            entry = fuels.setdefault(fm.fuel, {"tco2": 0.0, "quantity": 0.0, "months": {}})
            entry["tco2"] += fm.tco2
            entry["quantity"] += fm.quantity
            entry["months"][str(fm.month)] = fm.as_dict()
        return {
            "unit_id": self.unit_id,
            "direct_tco2": self.direct_tco2,
            "generation_mwh": self.generation_mwh,
            "heat_supplied_gj": self.heat_supplied_gj,
            "running_hours": self.running_hours,
            "load_factor": self.load_factor,
            "supplied_mwh": self.supplied_mwh,
            "heat_ratio": self.heat_ratio,
            "purchased_mwh": self.purchased_mwh,
            "fuels": fuels,
        }


@dataclass(slots=True)
class EntityResult:
    """The entity's emissions for the data year, and which part the obligation covers."""

    year: int
    credit_code: str
    name: str
    province: str
    units: list[UnitResult]
    direct_tco2: float
    purchased_mwh: float
    indirect_tco2: float | None
    grid_factor: UsedValue | None
    indirect_in_obligation: UsedValue
    obligation_tco2: int
    formula_versions: dict[str, str]

    @property
    def total_tco2(self) -> float:
        return self.direct_tco2 + (self.indirect_tco2 or 0.0)

    def trace(self) -> TraceNode:
        root = TraceNode(
            f"{self.name} ({self.credit_code}) {self.year}",
            self.obligation_tco2,
            "tCO2",
            formula="direct + indirect if purchased electricity counts, rounded",
            label_zh=f"{self.name} ({self.credit_code}) {self.year} 年",
            formula_zh="直接排放 + 间接排放（购入电力计入履约时），取整",
        )
        direct = TraceNode(
            "direct emissions (fossil fuel combustion)",
            self.direct_tco2,
            "tCO2",
            formula="Σ units",
            formula_zh="Σ 机组",
            label_zh="直接排放（化石燃料燃烧）",
        )
        direct.add(*(u.trace() for u in self.units))
        root.add(direct)
        indirect = TraceNode(
            "indirect emissions (purchased electricity)",
            self.indirect_tco2,
            "tCO2",
            label_zh="间接排放（购入电力）",
        )
        if self.grid_factor is not None:
            indirect.formula = f"{self.purchased_mwh:g} MWh × EF_grid"
            indirect.add(parameter_node(self.grid_factor, "EF_grid"))
        else:
            indirect.note = "not accounted from 2026 data (auxiliary item only)"
            indirect.note_zh = "自 2026 年数据起不再核算（仅作辅助项）"
        root.add(
            indirect,
            parameter_node(self.indirect_in_obligation, "indirect counts toward obligation"),
        )
        versions = versions_node(self.formula_versions)
        root.add(versions)
        return root

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "credit_code": self.credit_code,
            "name": self.name,
            "province": self.province,
            "direct_tco2": self.direct_tco2,
            "purchased_mwh": self.purchased_mwh,
            "indirect_tco2": self.indirect_tco2,
            "indirect_in_obligation": self.indirect_in_obligation.value,
            "total_tco2": self.total_tco2,
            "obligation_tco2": self.obligation_tco2,
            "formula_versions": self.formula_versions,
            "units": {u.unit_id: u.as_dict() for u in self.units},
        }
