"""The operating China power units of Global Energy Monitor's trackers, as the fleet sees them.

Reads the attributed subsets in ``chinaets/data/power/`` (see ``DATA_NOTICE.md``) and maps
GEM's vocabulary to the power guideline's: coal type to fuel, combustion technology to boiler
type, plant names and captive-use flags to condensing or CHP, rated MW and fuel to the
allocation category (rules reference §2.4).
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from chinaets.core.china import normalise_province

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "power"
COAL_FILE = DATA_DIR / "gcpt_china_operating_units.csv"
GAS_FILE = DATA_DIR / "gogpt_china_operating_gas_units.csv"

BTU_PER_KWH_TO_GJ_PER_MWH = 1.055056e-3  # 1 Btu = 1055.056 J; per kWh -> per MWh x 1000

# GEM coal type -> guideline fuel. China's coal classification (GB/T 5751) has no
# sub-bituminous class: such coal is sold as long-flame or non-caking bituminous (烟煤), and
# bituminous thermal coal is most of what Chinese plants burn, so 'unknown' is bituminous too.
# 'waste coal' is coal gangue or coal slime (chosen per plant, see `_waste_coal_fuel`).
COAL_FUEL = {
    "bituminous": "bituminous",
    "bituminous with CCS": "bituminous",
    "subbituminous": "bituminous",
    "unknown": "bituminous",
    "anthracite": "anthracite",
    "lignite": "lignite",
}
# Dry north and north-west: most units there are air-cooled (direct or indirect dry cooling).
AIR_COOLED_PROVINCES = frozenset(
    {"Inner Mongolia", "Shanxi", "Shaanxi", "Ningxia", "Gansu", "Xinjiang", "Qinghai"}
)
# Typical site altitude by province, m (not site data: GEM has none). Only the 2026 oxidation
# rates depend on it, through the altitude band.
PROVINCE_ALTITUDE_M = {"Qinghai": 2300.0, "Tibet": 3650.0, "Yunnan": 1800.0, "Guizhou": 1100.0,
                       "Gansu": 1500.0, "Ningxia": 1100.0}  # fmt: skip
# Gas heat rates (GEM gives none): LHV generation heat rates of Chinese F-class combined-cycle
# units (about 53 % efficient) and simple-cycle gas turbines (about 35 %).
GAS_HEAT_RATE_GJ_PER_MWH = {"combined cycle": 6.8, "unknown": 6.8, "gas turbine": 10.3}
GAS_CAPACITY_FACTOR = 0.27  # about 2,400 h a year: China's gas fleet, CEC statistics 2023
# GEM heat rates follow US practice (Sargent & Lundy estimates) and so are on the gross
# (higher) calorific value; the guideline's NCV basis needs about 5 % less heat for bituminous.
GEM_HEAT_RATE_GCV_TO_NCV = 0.95


@dataclass(frozen=True, slots=True)
class FleetUnit:
    """One generating unit of the national data set, in the guideline's terms."""

    unit_id: str
    plant_key: str
    plant_name: str
    plant_name_local: str
    unit_name: str
    owner: str
    parent: str
    province: str
    rated_mw: float
    start_year: int | None
    technology: str
    gem_fuel: str
    fuel: str
    cfb: bool
    chp: bool
    cooling: str
    altitude_m: float
    capacity_factor: float
    heat_rate_gj_per_mwh: float

    @property
    def category(self) -> str:
        """Allocation category I–IV, classified by the allocation rules (`category_of`) of the
        latest power plan (the threshold is the same in every year: ≥ 400 MW is category I)."""
        return _category(self.fuel, self.rated_mw, self.cfb)

    @property
    def boiler_type(self) -> str:
        if self.fuel == "natural_gas":
            return "gas_turbine"
        return "cfb" if self.cfb else "pulverized"


@cache
def _category(fuel: str, rated_mw: float, cfb: bool) -> str:
    from chinaets.allocation.power import category_of
    from chinaets.allocation.rules import latest_rules

    return category_of(latest_rules("power"), fuel, rated_mw, cfb)[0]


@cache
def fleet_units() -> tuple[FleetUnit, ...]:
    """Every operating coal and gas unit, coal first, in file order."""
    return (*_coal_units(), *_gas_units())


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _province(name: str) -> str:
    province = normalise_province(name)
    if province is None:  # the subset script only keeps rows of mainland provinces
        raise ValueError(f"GEM province '{name}' is not a province of mainland China")
    return province


def _year(text: str) -> int | None:
    return int(float(text)) if text else None


def _is_chp(plant_name: str, plant_name_local: str, industry: str, residential: str) -> bool:
    """热电 (heat and power) or Cogen/CHP in the plant's name, or GEM's captive columns say the
    unit supplies heat to industry or homes."""
    named = "热电" in plant_name_local or any(w in plant_name.lower() for w in ("cogen", "chp"))
    return named or residential in ("heat", "both") or industry == "both"


def _waste_coal_fuel(plant_key: str) -> str:
    """Waste coal is gangue at about three plants in five and slime at the rest: fixed per
    plant by a hash so every run (and every seed) agrees."""
    digest = hashlib.sha256(plant_key.encode()).digest()
    return "coal_gangue" if digest[0] < 154 else "coal_slime"


def _coal_units() -> list[FleetUnit]:
    units = []
    for row in _read(COAL_FILE):
        province = _province(row["province"])
        plant_key = row["gem_location_id"]
        waste = row["coal_type"] == "waste coal"
        fuel = _waste_coal_fuel(plant_key) if waste else COAL_FUEL[row["coal_type"]]
        units.append(
            FleetUnit(
                unit_id=row["gem_unit_id"],
                plant_key=plant_key,
                plant_name=row["plant_name"],
                plant_name_local=row["plant_name_local"],
                unit_name=row["unit_name"],
                owner=row["owner"],
                parent=row["parent"],
                province=province,
                rated_mw=float(row["capacity_mw"]),
                start_year=_year(row["start_year"]),
                technology=row["combustion_technology"],
                gem_fuel=row["coal_type"],
                fuel=fuel,
                # Gangue and slime burn in fluidised beds in practice, whatever GEM's steam cycle
                cfb=row["combustion_technology"] == "CFB" or waste,
                chp=_is_chp(
                    row["plant_name"],
                    row["plant_name_local"],
                    row["captive_industry_use"],
                    row["captive_residential_use"],
                ),
                cooling="air" if province in AIR_COOLED_PROVINCES else "water",
                altitude_m=PROVINCE_ALTITUDE_M.get(province, 0.0),
                capacity_factor=float(row["capacity_factor"]),
                heat_rate_gj_per_mwh=float(row["heat_rate_btu_per_kwh"])
                * BTU_PER_KWH_TO_GJ_PER_MWH
                * GEM_HEAT_RATE_GCV_TO_NCV,
            )
        )
    return units


def _gas_units() -> list[FleetUnit]:
    units = []
    for row in _read(GAS_FILE):
        province = _province(row["province"])
        plant_key = "GOGPT:" + row["plant_name"]
        local = row["plant_name_local"].split(", ")[0]
        units.append(
            FleetUnit(
                # GEM's gas map file has no unit ids: a stable one from plant and unit name
                unit_id="GAS"
                + hashlib.sha256(f"{row['plant_name']}|{row['unit_name']}".encode())
                .hexdigest()[:10]
                .upper(),
                plant_key=plant_key,
                plant_name=row["plant_name"],
                plant_name_local=local,
                unit_name=row["unit_name"],
                owner=row["owner"],
                parent=row["parent"],
                province=province,
                rated_mw=float(row["capacity_mw"]),
                start_year=_year(row["start_year"]),
                technology=row["technology"],
                gem_fuel=row["fuel_type"],
                fuel="natural_gas",
                cfb=False,
                chp=_is_chp(row["plant_name"], local, "", ""),
                cooling="water",
                altitude_m=PROVINCE_ALTITUDE_M.get(province, 0.0),
                capacity_factor=GAS_CAPACITY_FACTOR,
                heat_rate_gj_per_mwh=GAS_HEAT_RATE_GJ_PER_MWH[row["technology"]],
            )
        )
    return units
