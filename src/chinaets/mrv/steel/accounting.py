"""Iron & steel emissions accounting: a validated report in, explained emissions out.

Every balance is kept as the report tables keep it: per fuel (or material) for the year, with
the table's rounded quantity (2 dp), NCV (3 dp, month-weighted by quantity) and emissions (2 dp);
totals add the rounded lines (rules reference industry §2.1–§2.2)::

    enterprise (1) = Σ fuels FC_net × NCV × CC × 44/12 + carbonates + electrodes + materials
                     − crude steel and sold pig iron, crude benzene, tar        (A.2 factors)
    process (2)    = Σ fuels in − Σ fuels out                                   (× NCV × CC × 44/12)
    unit (3)       = Σ fuels FC × NCV × CC × OF × 44/12
    other (4)      = enterprise − Σ processes − Σ units inside the boundary
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from chinaets.mrv.industry import rules as industry_rules
from chinaets.mrv.industry.combustion import FuelResult, fuel_month
from chinaets.mrv.industry.ncv import annual_ncv
from chinaets.mrv.industry.rules import Decimals, fuel_defaults
from chinaets.mrv.industry.schema import NcvSample, fuels
from chinaets.mrv.steel import formulas as f
from chinaets.mrv.steel.results import EntityResult, MaterialLine, ProcessResult, UnitResult
from chinaets.mrv.steel.schema import (
    ENTERPRISE,
    MaterialUse,
    ProductOutput,
    SteelReport,
    materials,
)
from chinaets.rules import ParametersAt
from chinaets.rules.lawbook import LawBook

Monthly = dict[int, float]
Samples = Mapping[tuple[str, int], Sequence[NcvSample]]


LAW = LawBook("steel", "钢铁", Path(__file__).resolve().parent, base=industry_rules.LAW)
"""The steel law book: the industrial sectors' shared parameters and the steel ones."""
parameters = LAW.parameters
PARAMETER_DIR = LAW.parameter_dir


@dataclass(frozen=True)
class SteelRules:
    """Everything in force for one data year, looked up once per report."""

    p: ParametersAt
    decimals: Decimals
    fuel_co2: f.FuelCarbon
    unit_combustion: f.UnitCombustion
    net_consumption: f.NetConsumption

    @classmethod
    def for_year(cls, year: int) -> SteelRules:
        p = parameters().at(dt.date(year, 1, 1))
        return cls(
            p=p,
            decimals=Decimals.at(p),
            fuel_co2=f.fuel_co2.at(p.when),
            unit_combustion=f.unit_combustion.at(p.when),
            net_consumption=f.net_consumption.at(p.when),
        )

    def round(self, value: float, quantity: str) -> float:
        return self.decimals.round(value, quantity)

    def listed(self, parameter: str) -> Mapping[str, object]:
        value = self.p.dated(parameter).value
        assert isinstance(value, Mapping)
        return value


def samples_by_fuel_month(samples: Iterable[NcvSample]) -> dict[tuple[str, int], list[NcvSample]]:
    """Measured NCVs apply to a fuel wherever it is used in the month."""
    out: dict[tuple[str, int], list[NcvSample]] = defaultdict(list)
    for s in samples:
        out[(s.fuel, s.month)].append(s)
    return out


def account(report: SteelReport) -> EntityResult:
    """Emissions of one iron & steel entity for its data year."""
    rules = SteelRules.for_year(report.year)
    ncv = samples_by_fuel_month(report.ncv_samples)
    fuel_lines, parts = enterprise_fuels(rules, ncv, report)
    material_lines = material_balance(rules, report.materials)
    product_lines = product_balance(rules, report.products)
    processes = process_balances(rules, ncv, report)
    units = unit_balances(rules, ncv, report)
    terms = _EnterpriseTerms.of(rules, fuel_lines, material_lines, product_lines)
    process_tco2 = rules.round(sum(p.tco2 for p in processes), "emissions")
    inside = [u for u in units if not u.covered_by_power_sector]  # power-sector units are outside
    unit_tco2 = rules.round(sum(u.tco2 for u in inside), "emissions")
    crude = _crude_steel_t(rules, report.products)
    enterprise = terms.enterprise
    return EntityResult(
        year=report.year,
        credit_code=report.entity.credit_code,
        name=report.entity.name,
        province=report.entity.province,
        route=report.entity.route,
        fuels=fuel_lines,
        fuel_parts=parts,
        materials=material_lines,
        products=product_lines,
        fuel_tco2=terms.fuel,
        carbonate_tco2=terms.carbonate,
        electrode_tco2=terms.electrode,
        material_tco2=terms.material,
        product_tco2=terms.product,
        enterprise_tco2=enterprise,
        processes=processes,
        units=units,
        process_tco2=process_tco2,
        unit_tco2=unit_tco2,
        other_tco2=rules.round(enterprise - process_tco2 - unit_tco2, "emissions"),
        crude_steel_t=crude,
        intensity=rules.round(enterprise / crude, "intensity") if crude > 0 else None,
        obligation_tco2=int(rules.round(enterprise, "entity_total")),
        formula_versions=f.versions_at(rules.p),
    )


def _crude_steel_t(rules: SteelRules, products: Iterable[ProductOutput]) -> float:
    return rules.round(sum(p.quantity for p in products if p.product == "crude_steel"), "output")


@dataclass(frozen=True)
class _EnterpriseTerms:
    """Formula (1) term by term, each the rounded sum of its table's rounded lines."""

    fuel: float
    carbonate: float
    electrode: float
    material: float
    product: float
    enterprise: float

    @classmethod
    def of(
        cls,
        rules: SteelRules,
        fuel_lines: Sequence[FuelResult],
        material_lines: Sequence[MaterialLine],
        product_lines: Sequence[MaterialLine],
    ) -> _EnterpriseTerms:
        def total(kinds: tuple[str, ...]) -> float:
            return rules.round(sum(m.tco2 for m in material_lines if m.kind in kinds), "emissions")

        fuel = rules.round(sum(x.tco2 for x in fuel_lines), "emissions")
        carbonate, electrode = total(("carbonate",)), total(("electrode",))
        material = total(("material",))
        product = rules.round(sum(m.tco2 for m in product_lines), "emissions")
        enterprise = rules.round(fuel + carbonate + electrode + material - product, "emissions")
        return cls(fuel, carbonate, electrode, material, product, enterprise)


def fuel_line(
    rules: SteelRules,
    ncv: Samples,
    place: str,
    fuel: str,
    monthly: Monthly,
    oxidised: bool = False,
) -> FuelResult:
    """One fuel of the year at one place: quantity, NCV weighted over the months by quantity
    (each month measured or default, by the shared industrial rules), table A.1 carbon
    content, and its CO2 from the table's rounded values."""
    defaults = fuel_defaults(rules.p, fuel)
    months = [
        fuel_month(fuel, m, q, ncv.get((fuel, m), ()), defaults.ncv)
        for m, q in sorted(monthly.items())
    ]
    quantity = rules.round(sum(m.quantity for m in months), "fuel_quantity")
    ncv_value = rules.round(annual_ncv([(m.quantity, m.ncv) for m in months]), "ncv")
    cc = float(defaults.carbon_content.value)
    oxidation = defaults.oxidation if oxidised else None
    if oxidation is None:
        tco2 = rules.fuel_co2(quantity, ncv_value, cc)
    else:
        tco2 = rules.unit_combustion(quantity, ncv_value, cc, float(oxidation.value))
    sources = {m.ncv_source for m in months}
    return FuelResult(
        unit_id=place,
        fuel=fuel,
        quantity=quantity,
        ncv=ncv_value,
        ncv_source=sources.pop() if len(sources) == 1 else "mixed",
        carbon_content=defaults.carbon_content,
        oxidation=oxidation,
        default_ncv=defaults.ncv,
        tco2=rules.round(tco2, "emissions"),
        months=months,
    )


def _in_table_order(by_fuel: Mapping[str, Monthly]) -> list[str]:
    order = {code: i for i, code in enumerate(fuels())}
    return sorted(by_fuel, key=lambda code: order.get(code, len(order)))


def enterprise_fuels(
    rules: SteelRules, ncv: Samples, report: SteelReport
) -> tuple[list[FuelResult], dict[str, dict[str, float]]]:
    """Formula (1) fuel terms on net consumption, and each fuel's purchased, sold, stock and
    power-sector parts; fuel burned by units covered as power sector leaves the boundary."""
    covered = {u.unit_id for u in report.power_units if u.covered_by_power_sector}
    parts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    net: dict[str, Monthly] = defaultdict(lambda: defaultdict(float))
    for row in report.fuels:
        parts[row.fuel]["purchased"] += row.purchased
        parts[row.fuel]["sold"] += row.sold
        parts[row.fuel]["stock_increase"] += row.stock_increase
        net[row.fuel][row.month] += rules.net_consumption(
            row.purchased, row.sold, row.stock_increase, 0.0
        )
    for use in report.unit_fuels:
        if use.unit_id in covered:
            parts[use.fuel]["to_power_sector"] += use.quantity
            net[use.fuel][use.month] += rules.net_consumption(0.0, 0.0, 0.0, use.quantity)
    order = _in_table_order(net)
    lines = [fuel_line(rules, ncv, ENTERPRISE, fuel, net[fuel]) for fuel in order]
    rounded = {
        fuel: {k: rules.round(v, "fuel_quantity") for k, v in parts[fuel].items()} for fuel in order
    }
    return lines, rounded


def material_balance(rules: SteelRules, rows: Iterable[MaterialUse]) -> list[MaterialLine]:
    """Carbonates, electrodes and purchased materials × table A.2; unlisted ones are kept with
    no factor (reported, not accounted)."""
    totals: dict[str, float] = defaultdict(float)
    for row in rows:
        totals[row.material] += row.quantity
    known, listed = materials(), rules.listed("material_emission_factor")
    lines = []
    for code, quantity in totals.items():
        if code in known and code in listed:
            lines.append(
                _material_line(rules, code, known[code].kind or "material", quantity, True)
            )
        else:
            lines.append(_material_line(rules, code, "unlisted", quantity, False))
    return lines


def product_balance(rules: SteelRules, rows: Iterable[ProductOutput]) -> list[MaterialLine]:
    """Crude steel output and sold pig iron, crude benzene and tar × table A.2 (deducted)."""
    totals: dict[str, float] = defaultdict(float)
    for row in rows:
        totals[row.product] += row.quantity
    return [_material_line(rules, code, "product", q, True) for code, q in totals.items()]


def _material_line(
    rules: SteelRules, code: str, kind: str, quantity: float, accounted: bool
) -> MaterialLine:
    quantity = rules.round(quantity, "material")
    if not accounted:
        return MaterialLine(code, kind, quantity, None, 0.0)
    ef = rules.p.used("material_emission_factor", code)
    return MaterialLine(
        code, kind, quantity, ef, rules.round(quantity * float(ef.value), "emissions")
    )


def process_balances(rules: SteelRules, ncv: Samples, report: SteelReport) -> list[ProcessResult]:
    """Formula (2) for every declared process, in the report's order."""
    flows: dict[tuple[str, str], dict[str, Monthly]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(float))
    )
    for row in report.process_flows:
        flows[(row.process_id, row.direction)][row.fuel][row.month] += row.quantity
    out = []
    for process in report.processes:
        lines = {
            direction: [
                fuel_line(rules, ncv, process.process_id, fuel, by_fuel[fuel])
                for fuel in _in_table_order(by_fuel)
            ]
            for direction in ("in", "out")
            for by_fuel in [flows.get((process.process_id, direction), {})]
        }
        tco2 = sum(x.tco2 for x in lines["in"]) - sum(x.tco2 for x in lines["out"])
        out.append(
            ProcessResult(
                process.process_id, process.process, process.name, lines["in"], lines["out"],
                rules.round(tco2, "emissions"),
            )
        )  # fmt: skip
    return out


def unit_balances(rules: SteelRules, ncv: Samples, report: SteelReport) -> list[UnitResult]:
    """Formula (3) for every co-firing power unit, in the report's order."""
    by_unit: dict[str, dict[str, Monthly]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(float))
    )
    for row in report.unit_fuels:
        by_unit[row.unit_id][row.fuel][row.month] += row.quantity
    out = []
    for unit in report.power_units:
        used = by_unit.get(unit.unit_id, {})
        lines = [
            fuel_line(rules, ncv, unit.unit_id, fuel, used[fuel], oxidised=True)
            for fuel in _in_table_order(used)
        ]
        tco2 = rules.round(sum(x.tco2 for x in lines), "emissions")
        out.append(UnitResult(unit.unit_id, unit.name, unit.covered_by_power_sector, lines, tco2))
    return out
