"""The national steel data set: GEM's operating steel plants as covered entities, each with a
synthetic but plausible year of monthly data (``SteelReport`` inputs), and the fleet's totals.

One entity per plant; its route is BF-BOF when it has blast-furnace iron or BOF capacity, EAF
otherwise. Each plant's year comes from its own ``random.Random`` seeded by (seed, year, plant
id), so a plant's data do not depend on which other plants are built (``limit``).

Per plant and month (t unless noted; gases in 10^4 Nm3)::

    crude steel  = capacity × utilisation (0.78–0.95) × seasonal shape / 12, split BOF / EAF
    hot metal    = BOF steel × 0.90–0.94, within the iron capacity
    BF           coke 0.34–0.38 t and injected coal 0.13–0.17 t per t hot metal in;
                 blast-furnace gas 0.14–0.16 (1,400–1,600 Nm3) per t hot metal out
    coking       (about half the plants) coking coal 1.28–1.33 t per t coke in; coke and
                 coke-oven gas 0.042–0.045 (420–450 Nm3) per t coke out; others buy coke
    sintering    coke breeze 0.05 t per t hot metal; limestone 0.08, dolomite 0.04 per t HM
    BOF          scrap 0.10–0.14 t per t steel; BOF gas 0.009–0.011 per t steel out
    EAF          scrap 1.05–1.12, pig iron 0–0.15, electrode 0.0022–0.0030,
                 silicomanganese 0.010–0.014 t per t steel; natural gas 0.0012–0.0018
    power unit   burns 50–60 % of the blast-furnace gas and 20–40 % of the coke-oven gas

These intensities put BF-BOF plants near 1.5–1.9 tCO2/t and EAF plants near 0.05–0.1 tCO2/t
under the guideline's default factors. The data are synthetic, not observed (DATA_NOTICE.md).
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from chinaets.core.china import normalise_province
from chinaets.demo.power_fleet import SEASONAL_SHAPE, credit_code_for
from chinaets.mrv.steel.accounting import account
from chinaets.mrv.steel.allocation_input import LINE_ID
from chinaets.mrv.steel.loader import parse_report
from chinaets.mrv.steel.results import EntityResult
from chinaets.mrv.steel.schema import SteelReport

DEFAULT_SEED = 20250325  # the GIST map file the fleet comes from
PLANTS_FILE = "gem_gist_china_operating_plants.csv"
UTILISATION = (0.78, 0.95)
CONTROL_PLAN = (
    ("fuel_quantity", "measured"),
    ("ncv", "default"),
    ("material_quantity", "measured"),
    ("product_quantity", "measured"),
)
"""The data-quality control plan every synthetic plant files: metered quantities, default NCVs."""

Report = dict[str, Any]


@dataclass(frozen=True, slots=True)
class SteelPlant:
    """An operating plant of the Global Iron and Steel Tracker, capacities in kt per year."""

    plant_id: str
    name: str
    province: str
    start_year: int | None
    bof_kt: float
    eaf_kt: float
    iron_kt: float
    bf_kt: float

    @property
    def route(self) -> str:
        return "bf_bof" if self.bof_kt > 0 or self.bf_kt > 0 else "eaf"

    @property
    def hot_metal_steel_kt(self) -> float:
        """Steelmaking fed with the plant's own hot metal: the BOFs, or, at a blast-furnace
        plant without BOFs, its EAFs (charged with hot metal)."""
        if self.route != "bf_bof":
            return 0.0
        return self.bof_kt if self.bof_kt > 0 else self.eaf_kt

    @property
    def scrap_eaf_kt(self) -> float:
        return self.eaf_kt if self.route == "eaf" or self.bof_kt > 0 else 0.0


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0


@cache
def steel_plants() -> tuple[SteelPlant, ...]:
    """Plants with steelmaking capacity in a known province, in the file's order."""
    text = resources.files("chinaets.data.steel").joinpath(PLANTS_FILE).read_text("utf-8")
    plants = []
    for row in csv.DictReader(text.splitlines()):
        province = normalise_province(row["province"])
        bof, eaf = _number(row["bof_ttpa"]), _number(row["eaf_ttpa"])
        bof += _number(row["other_steel_ttpa"])  # unspecified steelmaking: treated as BOF
        if province is None or bof + eaf <= 0:
            continue
        start = row["start_date"][:4]
        plants.append(
            SteelPlant(
                plant_id=row["plant_id"],
                name=row["plant_name_local"] or row["plant_name"],
                province=province,
                start_year=int(start) if start.isdigit() else None,
                bof_kt=bof if _number(row["iron_ttpa"]) > 0 else 0.0,
                eaf_kt=eaf + (bof if _number(row["iron_ttpa"]) <= 0 else 0.0),
                iron_kt=_number(row["iron_ttpa"]),
                bf_kt=_number(row["bf_ttpa"]),
            )
        )
    return tuple(plants)


def fleet_plants(year: int, limit: int | None = None) -> list[SteelPlant]:
    plants = [p for p in steel_plants() if p.start_year is None or p.start_year <= year]
    return plants if limit is None else plants[:limit]


def synthesise_report(plant: SteelPlant, year: int, seed: int = DEFAULT_SEED) -> Report:
    """The report input (plain data, as a JSON file holds it) of one plant."""
    rng = random.Random(f"{seed}:{year}:{plant.plant_id}")
    report: Report = {
        "year": year,
        "entity": {
            "credit_code": credit_code_for("steel:" + plant.plant_id, plant.province),
            "name": plant.name,
            "province": plant.province,
            "route": plant.route,
        },
        "processes": [],
        "power_units": [],
        "fuels": [],
        "materials": [],
        "products": [],
        "process_flows": [],
        "unit_fuels": [],
        "deposits": [],
    }
    utilisation = rng.uniform(*UTILISATION)
    if plant.route == "bf_bof":
        _integrated(rng, plant, utilisation, report)
    if plant.scrap_eaf_kt > 0:
        _electric(rng, plant, utilisation, report)
    _deposits(rng, year, report)
    report["control_plan"] = [
        {"parameter": name, "method": method, "department": "能源环保部"}
        for name, method in CONTROL_PLAN
    ]
    return report


def _monthly(rng: random.Random, annual_t: float) -> Iterator[tuple[int, float]]:
    for month, shape in enumerate(SEASONAL_SHAPE, 1):
        yield month, annual_t * shape * rng.uniform(0.96, 1.04) / 12


def _add(report: Report, table: str, **row: Any) -> None:
    for key in ("purchased", "sold", "quantity"):
        if key in row:
            row[key] = round(row[key], 2)
    report[table].append(row)


@dataclass(frozen=True, slots=True)
class _IntegratedRates:
    """A BF-BOF plant's intensities, drawn once for its year (t per t unless noted)."""

    coke: float  # BF coke per t hot metal
    pci: float  # injected coal per t hot metal
    bfg: float  # blast-furnace gas (10^4 Nm3) per t hot metal
    cog: float  # coke-oven gas (10^4 Nm3) per t coke
    coal_per_coke: float
    scrap: float  # per t BOF steel
    bfg_share: float  # of the blast-furnace gas, burnt in the power unit
    cog_share: float  # of the coke-oven gas, burnt in the power unit
    hm_per_steel: float
    boiler_coal: float  # per t steel, burnt in the power unit

    @classmethod
    def draw(cls, rng: random.Random) -> _IntegratedRates:
        # Draw in this order: a plant's synthetic data are fixed by the seed and must not move.
        coke, pci = rng.uniform(0.36, 0.40), rng.uniform(0.14, 0.17)
        bfg, cog = rng.uniform(0.14, 0.16), rng.uniform(0.042, 0.045)
        coal_per_coke, scrap = rng.uniform(1.28, 1.33), rng.uniform(0.10, 0.14)
        bfg_share, cog_share = rng.uniform(0.5, 0.6), rng.uniform(0.2, 0.4)
        hm_per_steel = rng.uniform(0.90, 0.94)
        boiler_coal = rng.uniform(0.03, 0.06)
        return cls(
            coke,
            pci,
            bfg,
            cog,
            coal_per_coke,
            scrap,
            bfg_share,
            cog_share,
            hm_per_steel,
            boiler_coal,
        )


def _integrated(rng: random.Random, plant: SteelPlant, utilisation: float, report: Report) -> None:
    """BF-BOF: coking (about half the plants), sintering, BF, BOF and a gas-fired power unit."""
    coking = rng.random() < 0.5
    report["processes"] += [
        *([{"process_id": "CK", "process": "coking"}] if coking else []),
        {"process_id": "SN", "process": "sintering"},
        {"process_id": "BF", "process": "ironmaking"},
        {"process_id": "BOF", "process": "bof"},
    ]
    report["power_units"].append({"unit_id": "PU1", "name": "煤气发电机组"})
    rates = _IntegratedRates.draw(rng)
    iron_cap = plant.iron_kt * 1000 * 1.1 / 12 if plant.iron_kt > 0 else float("inf")
    for month, steel in _monthly(rng, plant.hot_metal_steel_kt * 1000 * utilisation):
        hm = min(steel * rates.hm_per_steel, iron_cap)
        coke = hm * (rates.coke + 0.065)  # BF coke and sinter coke breeze
        _coke_month(report, rates, month, coke, coking)
        _ironmaking_month(report, rates, month, steel, hm)
        _steelmaking_month(rng, report, rates, month, steel)


def _coke_month(
    report: Report, rates: _IntegratedRates, month: int, coke: float, coking: bool
) -> None:
    """The month's coke: bought, or made on site (part of its gas fired in the power unit)."""
    if not coking:
        _add(report, "fuels", month=month, fuel="coke", purchased=coke)
        return
    coal = coke * rates.coal_per_coke
    _add(report, "fuels", month=month, fuel="washed_coking_coal", purchased=coal)
    _flow(report, "CK", month, "washed_coking_coal", "in", coal)
    _flow(report, "CK", month, "coke", "out", coke)
    _flow(report, "CK", month, "coke_oven_gas", "out", coke * rates.cog)
    _power_unit_fuel(report, month, "coke_oven_gas", coke * rates.cog * rates.cog_share)


def _ironmaking_month(
    report: Report, rates: _IntegratedRates, month: int, steel: float, hm: float
) -> None:
    """Sintering and the blast furnace; the power unit burns coal and blast-furnace gas."""
    coal = hm * rates.pci + steel * rates.boiler_coal
    _add(report, "fuels", month=month, fuel="bituminous", purchased=coal)
    _power_unit_fuel(report, month, "bituminous", steel * rates.boiler_coal)
    _flow(report, "SN", month, "coke", "in", hm * 0.065)
    _flow(report, "BF", month, "coke", "in", hm * rates.coke)
    _flow(report, "BF", month, "bituminous", "in", hm * rates.pci)
    _flow(report, "BF", month, "blast_furnace_gas", "out", hm * rates.bfg)
    _power_unit_fuel(report, month, "blast_furnace_gas", hm * rates.bfg * rates.bfg_share)


def _steelmaking_month(
    rng: random.Random, report: Report, rates: _IntegratedRates, month: int, steel: float
) -> None:
    """The BOF: its gas, fluxes, scrap and the crude steel."""
    _flow(report, "BOF", month, "bof_gas", "out", steel * rng.uniform(0.009, 0.011))
    _add(report, "materials", month=month, material="limestone", quantity=steel * 0.15)
    _add(report, "materials", month=month, material="dolomite", quantity=steel * 0.05)
    _add(report, "materials", month=month, material="scrap", quantity=steel * rates.scrap)
    _add(report, "products", month=month, product="crude_steel", quantity=steel)


def _power_unit_fuel(report: Report, month: int, fuel: str, quantity: float) -> None:
    _add(report, "unit_fuels", unit_id="PU1", month=month, fuel=fuel, quantity=quantity)


def _flow(report: Report, process: str, month: int, fuel: str, direction: str, q: float) -> None:
    _add(
        report,
        "process_flows",
        process_id=process,
        month=month,
        fuel=fuel,
        direction=direction,
        quantity=q,
    )


def _electric(rng: random.Random, plant: SteelPlant, utilisation: float, report: Report) -> None:
    """EAF steelmaking (a whole plant, or the EAF shop of an integrated plant)."""
    report["processes"].append({"process_id": "EAF", "process": "eaf"})
    scrap, pig = rng.uniform(1.05, 1.12), rng.uniform(0.0, 0.15)
    electrode, alloy, gas = (
        rng.uniform(0.0022, 0.003),
        rng.uniform(0.010, 0.014),
        rng.uniform(0.0012, 0.0018),
    )
    integrated = plant.route == "bf_bof"
    share = 1.0 if plant.route == "eaf" else rng.uniform(0.5, 0.8)  # EAF shops of BF-BOF plants
    for month, steel in _monthly(rng, plant.scrap_eaf_kt * 1000 * utilisation * share):
        materials = {
            "scrap": steel * scrap,
            "electrode": steel * electrode,
            "silicomanganese": steel * alloy,
        }
        if not integrated:
            materials["pig_iron"] = steel * pig
        for code, quantity in materials.items():
            _merge(report, "materials", ("month", month, "material", code), quantity)
        _merge(report, "products", ("month", month, "product", "crude_steel"), steel)
        _merge(report, "fuels", ("month", month, "fuel", "natural_gas"), steel * gas, "purchased")
        _flow(report, "EAF", month, "natural_gas", "in", steel * gas)


def _merge(
    report: Report, table: str, key: tuple[str, int, str, str], q: float, field: str = "quantity"
) -> None:
    """Add to the month's row of a code, or start one (a plant reports each code once a month)."""
    k1, v1, k2, v2 = key
    for row in report[table]:
        if row.get(k1) == v1 and row.get(k2) == v2:
            row[field] = round(row[field] + q, 2)
            return
    _add(report, table, **{k1: v1, k2: v2, field: q})


def _deposits(rng: random.Random, year: int, report: Report) -> None:
    """Monthly deposits 5–35 days after month end (the deadline is 40 days)."""
    import datetime as dt

    from chinaets.mrv.industry.deposits import month_end

    for month in range(1, 13):
        day = month_end(year, month) + dt.timedelta(days=rng.randint(5, 35))
        report["deposits"].append({"month": month, "deposited_on": day.isoformat()})


def build_fleet(
    year: int, seed: int = DEFAULT_SEED, limit: int | None = None
) -> tuple[list[SteelPlant], list[SteelReport]]:
    """Plants and their validated reports (through the one loader every input goes through)."""
    plants = fleet_plants(year, limit)
    reports = [parse_report(synthesise_report(p, year, seed), f"demo:{p.plant_id}") for p in plants]
    return plants, reports


# The fleet makes 0.14–0.16 × 10^4 Nm3 of blast-furnace gas per t of hot metal (see the module
# docstring); its reports carry no ironmaking output, so Qb is read back from the gas at the middle.
BFG_PER_T_HOT_METAL = 0.15


def allocation_line_values(result: EntityResult) -> dict[str, dict[str, float]]:
    """What the 2025–2026 plan's Table 2-2 needs of a fleet enterprise that its report does not
    carry: the ironmaking-process output Qb of the enterprise line (none for an EAF plant), for
    `chinaets.allocation.inputs.from_accounting`'s ``line_values``."""
    gas = sum(f.quantity for p in result.processes if p.process == "ironmaking"
              for f in p.outputs if f.fuel == "blast_furnace_gas")  # fmt: skip
    return {LINE_ID: {"ironmaking_output_t": gas / BFG_PER_T_HOT_METAL}} if gas > 0 else {}


@dataclass(frozen=True)
class SteelFleetTotals:
    """What the demo prints for the steel sector, beside the published check figures."""

    year: int
    entities: int
    crude_steel_t: float
    enterprise_tco2: float
    obligation_tco2: int
    by_route_tco2: dict[str, float]
    check_figures: dict[str, Any]

    @property
    def intensity(self) -> float:
        return self.enterprise_tco2 / self.crude_steel_t if self.crude_steel_t else 0.0

    @property
    def share_of_three_sectors(self) -> float:
        """The fleet's emissions over the published three-sector figure (about 3 Gt)."""
        published = float(self.check_figures["three_sectors"]["emissions_gt"]) * 1e9
        return self.enterprise_tco2 / published


def check_figures() -> dict[str, Any]:
    text = resources.files("chinaets.data.steel").joinpath("check_figures.yaml").read_text("utf-8")
    return dict(yaml.safe_load(text)["values"])


def fleet_results(
    year: int, seed: int = DEFAULT_SEED, limit: int | None = None
) -> list[EntityResult]:
    return [account(report) for report in build_fleet(year, seed, limit)[1]]


def fleet_totals(year: int, seed: int = DEFAULT_SEED, limit: int | None = None) -> SteelFleetTotals:
    """The steel fleet's accounted totals for a data year."""
    results = fleet_results(year, seed, limit)
    by_route: dict[str, float] = {}
    for r in results:
        by_route[r.route] = by_route.get(r.route, 0.0) + r.enterprise_tco2
    return SteelFleetTotals(
        year=year,
        entities=len(results),
        crude_steel_t=sum(r.crude_steel_t for r in results),
        enterprise_tco2=sum(r.enterprise_tco2 for r in results),
        obligation_tco2=sum(r.obligation_tco2 for r in results),
        by_route_tco2=by_route,
        check_figures=check_figures(),
    )
