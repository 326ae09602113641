"""Iron and steel: the Chinese enterprise balance (CETS-AG-03.01-V01-2024) as CBAM processes.

Chinese processes map to aggregated goods categories (sintering and pelletising: sintered ore;
ironmaking: pig iron; BOF and EAF: crude steel, one process for both routes, Art. 4(6)); the
remainder of the enterprise balance (formula 4: rolling and finishing) becomes iron or steel
products when the goods file declares such goods. Carbonates go to sintering (else ironmaking),
electrodes and carbon-bearing materials to steelmaking, carbon in crude steel and sold pig iron is
deducted where it leaves. Waste gases are corrected by Eq. 55; co-firing power units make
electricity, which Annex II goods do not count; the coke oven is a non-CBAM process unless the
``coking_attribution`` parameter says otherwise.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from chinaets.cbam.goods import GoodsInput
from chinaets.cbam.law import CbamLaw
from chinaets.cbam.model import ATTRIBUTION_REF, BoundaryNote, CbamProcess, Installation, term
from chinaets.cbam.sources import waste_gas
from chinaets.core.terms import zh_term
from chinaets.rules.trace import parameter_node

SECTOR_NAME = "steel"
GUIDELINE = "CETS-AG-03.01-V01-2024"
PROCESS_CATEGORY = {
    "sintering": "sintered_ore",
    "pelletising": "sintered_ore",
    "ironmaking": "pig_iron",
    "bof": "crude_steel",
    "eaf": "crude_steel",
}
PRODUCT_PROCESS = {"crude_steel": "crude_steel", "pig_iron": "pig_iron"}
ROLLING, COKING, POWER = "iron_steel_products", "coke_oven", "power_units"


class _Processes:
    """Processes by key with their Chinese-perimeter share, built term by term."""

    def __init__(self, route: str) -> None:
        self.route = route
        self.items: dict[str, CbamProcess] = {}

    def get(self, key: str, cbam: bool = True) -> CbamProcess:
        if key not in self.items:
            self.items[key] = CbamProcess(key, self.route if cbam else "-", [], cbam=cbam)
        return self.items[key]

    def chinese(
        self, key: str, label: tuple[str, str], value: float, formula: str, source: str
    ) -> None:
        """A term of the Chinese balance; `label` in English and Chinese, `formula` the
        guideline's ("formula (2)")."""
        process = self.get(key)
        formula_zh = formula.replace("formula", "公式")
        process.terms.append(term(label[0], value, formula, f"{GUIDELINE} {formula}",
                                  label_zh=label[1], formula_zh=formula_zh))  # fmt: skip
        process.china_covered_tco2 += value
        if source not in process.sources:
            process.sources.append(source)


def to_installation(
    result: Any, declared: set[str], goods: GoodsInput, law: CbamLaw
) -> Installation:
    route = law.route_for(result.route)
    procs = _Processes(route)
    coking_to_iron = bool(law.coking_to_pig_iron().value)
    gas_in: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])  # fuel -> [GJ, tCO2] burnt
    gas_out: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for p in result.processes:
        key = PROCESS_CATEGORY.get(p.process) or ("pig_iron" if coking_to_iron else COKING)
        if key == COKING:
            procs.get(COKING, cbam=False)
        label = (f"Chinese balance of process {p.process_id} ({p.process})",
                 f"中国核算工序 {p.process_id}（{zh_term(p.process)}）的碳平衡")  # fmt: skip
        procs.chinese(key, label, p.tco2, "formula (2)", p.process_id)
        _gas_terms(law, procs.get(key), p, gas_in, gas_out)
    remainder = ROLLING if ROLLING in declared else "other"
    materials = _materials(procs, result, remainder)
    _rolling(law, procs, result, remainder, materials, (gas_in, gas_out))
    _hot_metal(law, procs, goods)
    notes = _notes(procs, result)
    if COKING in procs.items and coking_to_iron is False:
        procs.items[COKING].terms.append(
            parameter_node(law.coking_to_pig_iron(), "coking_attribution")
        )
    return Installation(
        sector=SECTOR_NAME, sector_zh="钢铁", year=result.year, credit_code=result.credit_code,
        name=result.name, province=result.province, china_total_tco2=result.enterprise_tco2,
        china_obligation_tco2=float(result.obligation_tco2), processes=procs.items,
        boundary=notes, china_result=result,
    )  # fmt: skip


def _gas_terms(law: CbamLaw, process: CbamProcess, p: Any, gas_in: Any, gas_out: Any) -> None:
    for gas in p.outputs:
        if law.is_waste_gas(gas.fuel):
            process.terms.extend(waste_gas.exported(law, gas))
            gas_out[gas.fuel][0] += gas.heat_gj
            gas_out[gas.fuel][1] += gas.tco2
    for gas in p.inputs:
        if law.is_waste_gas(gas.fuel):
            process.terms.extend(waste_gas.imported(law, gas.fuel, gas.heat_gj, gas.tco2))
            gas_in[gas.fuel][0] += gas.heat_gj
            gas_in[gas.fuel][1] += gas.tco2


def _materials(procs: _Processes, result: Any, remainder: str) -> float:
    """Enterprise-level carbonates, electrodes and materials (added) and products (deducted),
    attributed on the physical relationship (Annex III A.2): where they are used or leave.
    Returns their net sum (part of formula (4)'s remainder in the Chinese split)."""
    present = set(procs.items)
    carbonates = ("sintered_ore", "pig_iron", "crude_steel")
    carbonate_to = next((k for k in carbonates if k in present), remainder)
    steel_to = "crude_steel" if "crude_steel" in present else remainder
    net = 0.0
    for m in result.materials:
        if m.tco2:
            key = carbonate_to if m.kind == "carbonate" else steel_to
            label = (f"{m.kind} {m.code}", f"{zh_term(m.kind)} {zh_term(m.code)}")
            procs.chinese(key, label, m.tco2, "formula (1)", "enterprise")
            net += m.tco2
    for m in result.products:
        if m.tco2:
            key = PRODUCT_PROCESS.get(m.code, COKING)
            key = key if key in present else remainder
            label = (f"carbon leaving in {m.code}", f"随{zh_term(m.code)}输出的碳")
            procs.chinese(key, label, -m.tco2, "formula (1)", "enterprise")
            net -= m.tco2
    return net


def _rolling(
    law: CbamLaw, procs: _Processes, result: Any, key: str, materials: float, gas: tuple[Any, Any]
) -> None:
    """Formula (4)'s remainder less the materials attributed above is rolling and finishing; the
    waste gas not burnt in processes or power units is taken as burnt there."""
    gas_in, gas_out = gas
    process = procs.get(key, cbam=key == ROLLING)
    label = ("other emissions (formula 4) less materials and products attributed",
             "其他排放（公式 4）扣除已归属的原料与产品")  # fmt: skip
    procs.chinese(key, label, result.other_tco2 - materials, "formula (4)", "enterprise")
    unit_gas = _unit_gas(law, result)
    for fuel, (heat, carbon) in gas_out.items():
        rest_heat = heat - gas_in[fuel][0] - unit_gas[fuel][0]
        if rest_heat > 0 and heat > 0:
            process.terms.extend(
                waste_gas.imported(law, fuel, rest_heat, carbon * rest_heat / heat)
            )
    power = procs.get(POWER, cbam=False)
    for fuel, (heat, carbon) in unit_gas.items():
        power.terms.extend(waste_gas.imported(law, fuel, heat, carbon))


def _hot_metal(law: CbamLaw, procs: _Processes, goods: GoodsInput) -> None:
    """The carbon of own hot metal charged to steelmaking leaves the pig-iron balance (where the
    Chinese process split leaves it) and enters crude steel's (IR 2025/2547 Annex II 3.13–3.15)."""
    charged = sum(
        row.mass_t for row in goods.precursors
        if row.own and law.category(row.cn_code) == "pig_iron" and law.category(row.consumed_by) == "crude_steel"
    )  # fmt: skip
    if not charged or "pig_iron" not in procs.items or "crude_steel" not in procs.items:
        return
    factor = law.hot_metal_carbon()
    moved = charged * float(factor.value)
    for key, sign in (("pig_iron", -1.0), ("crude_steel", 1.0)):
        mark = "−" if sign < 0 else "+"
        node = term(f"carbon in hot metal charged to steelmaking ({charged:,.0f} t)", sign * moved,
                    f"{mark} M_hot metal × C_hot metal", ATTRIBUTION_REF,
                    label_zh=f"装入炼钢工序的铁水（{charged:,.0f} t）中的碳",
                    formula_zh=f"{mark} M_铁水 × C_铁水")  # fmt: skip
        procs.items[key].terms.append(node.add(parameter_node(factor, "C_hot metal")))
        procs.items[key].china_covered_tco2 += sign * moved


def _unit_gas(law: CbamLaw, result: Any) -> dict[str, list[float]]:
    out: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for u in result.units:
        for f in u.fuels:
            if law.is_waste_gas(f.fuel):
                out[f.fuel][0] += f.heat_gj
                out[f.fuel][1] += f.tco2
    return out


def _notes(procs: _Processes, result: Any) -> list[BoundaryNote]:
    power = procs.items[POWER]
    power.terms.insert(
        0,
        term(
            "co-firing power units (formula 3)",
            result.unit_tco2,
            reference=f"{GUIDELINE} formula (3)",
            label_zh="掺烧自备电厂机组（公式 3）",
        ),
    )
    power.china_covered_tco2 += result.unit_tco2
    notes = [
        BoundaryNote(
            "Electricity made on site from waste gases: its emissions are not embedded in steel "
            "goods (Annex II goods count no electricity); the waste gas stays with its exporter "
            "less the natural-gas-equivalent credit (Eq. 55)",
            "自备电厂以废气发电：其排放不计入钢铁商品（附件二商品不计电力）；废气碳排放仍归属产出工序，"
            "扣减天然气当量抵扣（公式 55）",
            power.raw_direct_tco2,
        ),
        BoundaryNote(
            "China accounts the carbon mass balance with the guideline's default factors; the "
            "CBAM keeps the carbon of exported waste gases with their producer",
            "中国按指南缺省值进行碳质量平衡核算；CBAM 将输出废气中的碳保留在产生工序",
            sum(p.raw_direct_tco2 for p in procs.items.values()) - result.enterprise_tco2,
        ),
    ]
    names = {
        COKING: ("Coke oven", "焦化工序"),
        "other": ("Rolling and other processes", "轧钢及其他工序"),
    }
    for key, (en, zh) in names.items():
        if key in procs.items:
            notes.append(BoundaryNote(
                f"{en}: in the Chinese obligation, not embedded in any declared CBAM good",
                f"{zh}：计入中国履约排放，但不计入所申报的 CBAM 商品", procs.items[key].raw_direct_tco2,
            ))  # fmt: skip
    return notes
