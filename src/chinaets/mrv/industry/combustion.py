"""Fossil fuel combustion, shared by the three industrial sectors::

    E = FC × NCV × CC × OF × 44/12           (cement, aluminium; steel formula (3))
    E = FC × NCV × CC × 44/12                (steel enterprise formula (1): with_oxidation=False)

per line or process and fuel, from the report table's rounded annual figures: FC (t or
10^4 Nm3), NCV weighted by monthly consumption, CC and OF from Table A.1.

A month's NCV is measured when it has qualifying measurements, else the default: coke always
takes the default, and solid-fuel batches count only from a CMA/CNAS laboratory. Checks (not
this module) turn a measured series that falls back to the default into a finding.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from chinaets.mrv.industry.ncv import annual_ncv, monthly_ncv
from chinaets.mrv.industry.rules import CO2_PER_C, Decimals, fuel_defaults, is_coke, is_solid
from chinaets.mrv.industry.schema import FuelUse, NcvSample, fuels
from chinaets.mrv.industry.units import ncv_to_canonical
from chinaets.rules import ParametersAt, TraceNode
from chinaets.rules.parameters import UsedValue
from chinaets.rules.trace import input_node, parameter_node

QUALIFIED_SOLID_LABS = ("cma", "cnas")
"""Purchased solid fuels: per-batch measurement by a CMA/CNAS laboratory (rules reference §2.1)."""

_SOURCES_ZH = {"measured": "实测", "default": "缺省值", "mixed": "部分月份实测、部分缺省值"}


@dataclass(slots=True)
class FuelMonth:
    """One fuel in one month of a line or process."""

    month: int
    quantity: float
    ncv: float
    ncv_source: str  # "measured" or "default"
    samples: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # samples not counted, with the reason
    ignored_zh: list[str] = field(default_factory=list)  # the same in Chinese


@dataclass(slots=True)
class FuelResult:
    """One fuel of one line or process for the year: a row of the fuel combustion table."""

    unit_id: str
    fuel: str
    quantity: float  # rounded as the table rounds
    ncv: float  # consumption-weighted, rounded
    ncv_source: str  # "measured", "default" or "mixed"
    carbon_content: UsedValue
    oxidation: UsedValue | None
    default_ncv: UsedValue
    tco2: float
    months: list[FuelMonth]

    @property
    def heat_gj(self) -> float:
        return self.quantity * self.ncv

    def trace(self) -> TraceNode:
        of = f" × {self.oxidation.value:g}" if self.oxidation else ""
        fuel = fuels()[self.fuel]
        node = TraceNode(
            f"{self.fuel} ({fuel.zh}) at {self.unit_id}", self.tco2, "tCO2",
            formula=f"FC × NCV × CC{' × OF' if self.oxidation else ''} × 44/12 = "
            f"{self.quantity:g} × {self.ncv:g} × {self.carbon_content.value:g}{of} × 44/12",
            label_zh=f"{fuel.zh}（{'全厂' if self.unit_id == 'enterprise' else self.unit_id}）",
        )  # fmt: skip
        node.add(input_node("FC consumption", self.quantity, fuel.unit, "fuel_use", "FC 消耗量"))
        ncv = TraceNode(
            "NCV net calorific value", self.ncv, "GJ/unit",
            formula="Σ months (FC_m × NCV_m) / Σ FC_m", note=self.ncv_source,
            label_zh="NCV 低位发热量", unit_zh="GJ/单位", formula_zh="Σ 月 (FC_m × NCV_m) / Σ FC_m",
            note_zh=_SOURCES_ZH.get(self.ncv_source, self.ncv_source),
        )  # fmt: skip
        for m in self.months:
            month = TraceNode(
                f"month {m.month}", m.ncv, "GJ/unit", note=m.ncv_source,
                label_zh=f"{m.month} 月", unit_zh="GJ/单位",
                note_zh=_SOURCES_ZH.get(m.ncv_source, m.ncv_source),
            )  # fmt: skip
            if m.samples:
                samples = ", ".join(m.samples)
                month.add(input_node("measurements", samples, "", "ncv_samples", "实测批次"))
            if m.ignored:
                month.add(
                    TraceNode(
                        "measurements not counted",
                        "; ".join(m.ignored),
                        label_zh="未采用的实测批次",
                        value_zh="；".join(m.ignored_zh),
                    )
                )
            ncv.add(month)
        if self.ncv_source != "measured":
            ncv.add(parameter_node(self.default_ncv, "NCV default (Table A.1)"))
        node.add(ncv, parameter_node(self.carbon_content, "CC carbon per unit heat"))
        if self.oxidation is not None:
            node.add(parameter_node(self.oxidation, "OF oxidation rate"))
        return node

    def as_dict(self) -> dict[str, Any]:
        return {
            "fuel": self.fuel,
            "quantity": self.quantity,
            "ncv": self.ncv,
            "ncv_source": self.ncv_source,
            "carbon_content": self.carbon_content.value,
            "oxidation_rate": self.oxidation.value if self.oxidation else None,
            "tco2": self.tco2,
        }


def account_fuels(
    p: ParametersAt,
    decimals: Decimals,
    unit_id: str,
    rows: Sequence[FuelUse],
    samples: Sequence[NcvSample],
    with_oxidation: bool = True,
) -> list[FuelResult]:
    """Every fuel of one line or process, in the order of Table A.1."""
    by_fuel: dict[str, list[FuelUse]] = defaultdict(list)
    for row in rows:
        by_fuel[row.fuel].append(row)
    measured: dict[tuple[str, int], list[NcvSample]] = defaultdict(list)
    for s in samples:
        measured[(s.fuel, s.month)].append(s)
    order = list(fuels())
    return [
        fuel_result(p, decimals, unit_id, fuel, by_fuel[fuel], measured, with_oxidation)
        for fuel in sorted(by_fuel, key=order.index)
    ]


def fuel_result(
    p: ParametersAt,
    decimals: Decimals,
    unit_id: str,
    fuel: str,
    rows: Sequence[FuelUse],
    measured: dict[tuple[str, int], list[NcvSample]],
    with_oxidation: bool,
) -> FuelResult:
    defaults = fuel_defaults(p, fuel)
    months = [
        fuel_month(fuel, r.month, r.quantity, measured.get((fuel, r.month), []), defaults.ncv)
        for r in sorted(rows, key=lambda r: r.month)
    ]
    quantity = decimals.round(sum(m.quantity for m in months), "fuel_quantity")
    ncv = decimals.round(annual_ncv([(m.quantity, m.ncv) for m in months]), "ncv")
    oxidation = defaults.oxidation if with_oxidation else None
    cc = float(defaults.carbon_content.value)
    of = float(oxidation.value) if oxidation else 1.0
    sources = {m.ncv_source for m in months}
    return FuelResult(
        unit_id=unit_id,
        fuel=fuel,
        quantity=quantity,
        ncv=ncv,
        ncv_source=sources.pop() if len(sources) == 1 else "mixed",
        carbon_content=defaults.carbon_content,
        oxidation=oxidation,
        default_ncv=defaults.ncv,
        tco2=decimals.round(quantity * ncv * cc * of * CO2_PER_C, "emissions"),
        months=months,
    )


def fuel_month(
    fuel: str, month: int, quantity: float, samples: Sequence[NcvSample], default_ncv: UsedValue
) -> FuelMonth:
    """The month's NCV: measured from the qualifying samples, else the Table A.1 default."""
    used: list[tuple[float | None, float]] = []
    names, ignored, ignored_zh = [], [], []
    for s in samples:
        reason, reason_zh = _not_counted(fuel, s)
        if reason:
            ignored.append(f"{s.batch_id}: {reason}")
            ignored_zh.append(f"{s.batch_id}：{reason_zh}")
            continue
        used.append((s.received_t, ncv_to_canonical(s.ncv, s.ncv_unit)))
        names.append(s.batch_id)
    if not used:
        ncv = float(default_ncv.value)
        return FuelMonth(month, quantity, ncv, "default", [], ignored, ignored_zh)
    ncv = monthly_ncv(used, is_solid(fuel))
    return FuelMonth(month, quantity, ncv, "measured", names, ignored, ignored_zh)


def _not_counted(fuel: str, sample: NcvSample) -> tuple[str, str]:
    """Why a batch's NCV is not counted, in English and Chinese ('' when it is)."""
    if is_coke(fuel):
        return "coke always takes the default NCV", "焦炭一律采用低位发热量缺省值"
    if is_solid(fuel) and sample.lab not in QUALIFIED_SOLID_LABS:
        return (
            "solid-fuel batches must be tested by a CMA/CNAS laboratory",
            "固体燃料批次须由 CMA/CNAS 实验室检测",
        )
    return "", ""
