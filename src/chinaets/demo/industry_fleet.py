"""The national cement and aluminium data sets: seeded synthetic populations of covered
entities, each with a plausible year of monthly data (``CementReport`` / ``AluminiumReport``
inputs), whose national totals match published figures.

No plant list of either sector is public in a usable form, so the populations are drawn, not
read (``data/national/industry_check_figures.yaml`` holds the figures and the assumptions)::

    cement      962 entities (MEE 2025 list) of 1–4 clinker lines; line capacities lognormal
                (median 3,200 t/d, clipped to 2,500–12,000 t/d) scaled so that national
                capacity (310 days a year) × 0.70 utilisation = clinker, where
                clinker = OWID cement process CO2 (Global Carbon Budget) / 0.535 tCO2/t
    aluminium   97 smelters (MEE 2025 list), capacities lognormal (median 380 kt/a, clipped to
                100–1,000 kt/a) scaled so that national capacity × 0.93 = the NBS primary
                aluminium output; ceil(capacity / 600 kt) potlines each

Each line or smelter keeps a utilisation factor (0.85–1.15, normalised over the population) so
that the expected national output is the calibration figure exactly. An entity's monthly data
come from its own ``random.Random`` seeded by (seed, year, entity key), so they do not depend
on which other entities are built (``limit``); the month builders are the sectors' example
generators'. The data are synthetic, not observed (DATA_NOTICE.md).
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from chinaets.core.china import PROVINCES
from chinaets.demo.power_fleet import credit_code_for
from chinaets.mrv.aluminium import example as aluminium_example
from chinaets.mrv.aluminium.loader import parse_report as parse_aluminium
from chinaets.mrv.aluminium.schema import AluminiumReport
from chinaets.mrv.cement import example as cement_example
from chinaets.mrv.cement.accounting import parameters as cement_parameters
from chinaets.mrv.cement.loader import parse_report as parse_cement
from chinaets.mrv.cement.schema import CementReport

DEFAULT_SEED = 20250101  # the MEE 2025 market summary the entity counts come from
FIRST_YEAR = 2024  # cement and aluminium join the national ETS with data year 2024
FIGURES_FILE = "industry_check_figures.yaml"
OWID_FILE = "owid_co2_china_2005-2023.csv"
UTILISATION_SPREAD = (0.85, 1.15)
CLINKER_RATED_DAYS = 310
"""Annual clinker capacity is rated at 310 operating days (the Chinese industry convention)."""
AMPS_TO_T_PER_YEAR = 0.3356e-3 * 8760 * 0.93  # t Al per kA·year at 93 % current efficiency


@cache
def figures() -> dict[str, Any]:
    """The calibration figures and population assumptions (package data)."""
    text = resources.files("chinaets.data.national").joinpath(FIGURES_FILE).read_text("utf-8")
    return dict(yaml.safe_load(text))


def cement_process_co2(year: int) -> tuple[int, float]:
    """(year, Mt CO2) of China's cement process CO2 in the OWID file: the latest year not after
    `year` (the file ends in 2023)."""
    text = resources.files("chinaets.data.national").joinpath(OWID_FILE).read_text("utf-8")
    rows = [(int(r["year"]), r["cement_co2"]) for r in csv.DictReader(text.splitlines())]
    usable = [(y, float(v)) for y, v in rows if v and y <= year]
    if not usable:
        raise ValueError(f"no OWID cement CO2 figure for {year} or earlier")
    return max(usable)


def portland_factor(year: int) -> float:
    """The guideline's Portland clinker factor in force (tCO2/t)."""
    when = dt.date(max(year, FIRST_YEAR), 1, 1)
    return float(cement_parameters().at(when)("clinker_emission_factor", "portland"))


def clinker_target_t(year: int) -> float:
    """National clinker implied by the published process CO2: process CO2 / Portland factor."""
    return cement_process_co2(year)[1] * 1e6 / portland_factor(year)


def aluminium_target_t() -> float:
    return float(figures()["published"]["aluminium"]["primary_aluminium_t"]["value"])


# --- populations --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClinkerLine:
    unit_id: str
    capacity_t_per_day: float
    relative_utilisation: float  # the line's utilisation over the national mean


@dataclass(frozen=True, slots=True)
class Potline:
    unit_id: str
    capacity_t: float
    cells: int


@dataclass(frozen=True, slots=True)
class IndustryEntity:
    """A synthetic covered entity: cement lines or aluminium potlines."""

    sector: str
    key: str
    credit_code: str
    name: str
    province: str
    relative_utilisation: float
    lines: tuple[ClinkerLine, ...] = ()
    potlines: tuple[Potline, ...] = ()

    @property
    def capacity_t(self) -> float:
        """Design capacity, t per year."""
        return sum(x.capacity_t_per_day for x in self.lines) * CLINKER_RATED_DAYS + sum(
            p.capacity_t for p in self.potlines
        )


@dataclass(frozen=True, slots=True)
class Population:
    """A sector's entities and the national utilisation that meets the calibration figure."""

    sector: str
    entities: tuple[IndustryEntity, ...]
    target_t: float
    utilisation: float

    @property
    def capacity_t(self) -> float:
        return sum(e.capacity_t for e in self.entities)


def _weighted(rng: random.Random, weights: dict[Any, float]) -> Any:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _sizes(rng: random.Random, spec: dict[str, float], count: int, total: float) -> list[float]:
    """`count` lognormal sizes scaled so that, clipped to [min, max] and rounded to `step`,
    they sum to about `total` (the scale is found by fixed-point iteration, as clipping moves
    the sum)."""
    raw = [rng.lognormvariate(math.log(spec["median"]), spec["sigma"]) for _ in range(count)]

    def clipped(scale: float) -> list[float]:
        return [min(max(x * scale, spec["min"]), spec["max"]) for x in raw]

    scale = total / sum(raw)
    for _ in range(50):
        scale *= total / sum(clipped(scale))
    return [round(x / spec["step"]) * spec["step"] for x in clipped(scale)]


def _spreads(rng: random.Random, weights: Sequence[float]) -> list[float]:
    """Relative utilisations whose capacity-weighted mean is exactly 1."""
    spreads = [rng.uniform(*UTILISATION_SPREAD) for _ in weights]
    mean = sum(s * w for s, w in zip(spreads, weights, strict=True)) / sum(weights)
    return [s / mean for s in spreads]


def _entity(sector: str, index: int, province: str, spread: float, **units: Any) -> IndustryEntity:
    key = f"{sector}:{index:04d}"
    label = {"cement": "水泥熟料", "aluminium": "电解铝"}[sector]
    return IndustryEntity(
        sector=sector,
        key=key,
        credit_code=credit_code_for(key, province),
        name=f"{PROVINCES[province][0]}合成{label}企业{index:04d}",
        province=province,
        relative_utilisation=spread,
        **units,
    )


@cache
def cement_population(year: int, seed: int = DEFAULT_SEED) -> Population:
    """The covered clinker producers: 962 entities of 1–4 lines."""
    spec = figures()["assumptions"]["cement"]
    rng = random.Random(f"{seed}:cement-population")
    count = int(figures()["published"]["cement"]["entities"]["value"])
    provinces = [_weighted(rng, spec["province_weights"]) for _ in range(count)]
    line_counts = [int(_weighted(rng, spec["lines_per_entity"])) for _ in range(count)]
    target = clinker_target_t(year)
    capacity_t_per_day = target / spec["utilisation"] / CLINKER_RATED_DAYS
    sizes = iter(_sizes(rng, spec["line_capacity_t_per_day"], sum(line_counts), capacity_t_per_day))
    lines = [[ClinkerLine(f"L{i + 1}", next(sizes), 1.0) for i in range(n)] for n in line_counts]
    flat = [line for group in lines for line in group]
    spreads = iter(_spreads(rng, [x.capacity_t_per_day for x in flat]))
    entities = tuple(
        _entity("cement", i + 1, provinces[i], 1.0, lines=tuple(
            ClinkerLine(x.unit_id, x.capacity_t_per_day, next(spreads)) for x in group
        ))
        for i, group in enumerate(lines)
    )  # fmt: skip
    capacity = sum(e.capacity_t for e in entities)
    return Population("cement", entities, target, target / capacity)


@cache
def aluminium_population(seed: int = DEFAULT_SEED) -> Population:
    """The covered smelters: 97 entities of one to a few potlines."""
    spec = figures()["assumptions"]["aluminium"]
    rng = random.Random(f"{seed}:aluminium-population")
    count = int(figures()["published"]["aluminium"]["entities"]["value"])
    target = aluminium_target_t()
    sizes = _sizes(rng, spec["smelter_capacity_t"], count, target / spec["utilisation"])
    provinces = [_weighted(rng, spec["province_weights"]) for _ in range(count)]
    spreads = _spreads(rng, sizes)
    entities = tuple(
        _entity("aluminium", i + 1, provinces[i], spreads[i],
                potlines=_potlines(rng, size, spec))
        for i, size in enumerate(sizes)
    )  # fmt: skip
    capacity = sum(e.capacity_t for e in entities)
    return Population("aluminium", entities, target, target / capacity)


def _potlines(rng: random.Random, capacity: float, spec: dict[str, Any]) -> tuple[Potline, ...]:
    count = math.ceil(capacity / spec["potline_max_t"])
    amps = rng.choice(spec["cell_amperage_ka"])
    each = capacity / count
    cells = max(1, round(each / (amps * AMPS_TO_T_PER_YEAR)))
    return tuple(Potline(f"E{i + 1}", each, cells) for i in range(count))


# --- reports ----------------------------------------------------------------------------------


def _entity_row(entity: IndustryEntity) -> dict[str, Any]:
    return {"credit_code": entity.credit_code, "name": entity.name, "province": entity.province}


def _deposit_delays(rng: random.Random) -> list[int]:
    """Monthly deposits 5–35 days after month end (the deadline is 40 days)."""
    return [rng.randint(5, 35) for _ in range(12)]


@cache
def _cement_shape(year: int) -> tuple[float, ...]:
    """The month shape of clinker output, scaled so that its day-weighted mean is 1."""
    shape = figures()["assumptions"]["cement"]["monthly_shape"]
    days = [calendar.monthrange(year, m)[1] for m in range(1, 13)]
    mean = sum(s * d for s, d in zip(shape, days, strict=True)) / sum(days)
    return tuple(s / mean for s in shape)


def synthesise_cement(
    entity: IndustryEntity, utilisation: float, year: int, seed: int = DEFAULT_SEED
) -> dict[str, Any]:
    """The report input (plain data, as a JSON file holds it) of one clinker producer."""
    rng = random.Random(f"{seed}:{year}:{entity.key}")
    lines = [
        {"unit_id": x.unit_id, "capacity_t_per_day": x.capacity_t_per_day} for x in entity.lines
    ]
    data = cement_example.new_report(year, _entity_row(entity), lines)
    shape = _cement_shape(year)
    days_in_year = 366 if calendar.isleap(year) else 365
    for line in entity.lines:
        mean = utilisation * line.relative_utilisation * CLINKER_RATED_DAYS / days_in_year
        months = [mean * s * rng.uniform(0.96, 1.04) for s in shape]
        cement_example.line_months(rng, data, line.unit_id, line.capacity_t_per_day, year, months)
    data.update(cement_example.control_plan(year, _deposit_delays(rng)))
    return data


def synthesise_aluminium(
    entity: IndustryEntity, utilisation: float, year: int, seed: int = DEFAULT_SEED
) -> dict[str, Any]:
    """The report input of one smelter: its potlines, anode baking and limestone."""
    rng = random.Random(f"{seed}:{year}:{entity.key}")
    potlines = [
        aluminium_example.electrolysis(p.unit_id, p.capacity_t, p.cells) for p in entity.potlines
    ]
    data = aluminium_example.new_report(year, _entity_row(entity), potlines)
    mean = utilisation * entity.relative_utilisation
    for month in range(1, 13):
        total = 0.0
        for p in entity.potlines:
            output = round(p.capacity_t / 12 * mean * rng.uniform(0.97, 1.03), 2)
            aluminium_example.electrolysis_month(rng, data, p.unit_id, month, output)
            total += output
        aluminium_example.enterprise_month(rng, data, month, total)
    data.update(aluminium_example.control_plan(year, _deposit_delays(rng)))
    return data


def _check_year(year: int) -> None:
    if year < FIRST_YEAR:
        raise ValueError(
            f"cement and aluminium are covered from data year {FIRST_YEAR}, not {year}"
        )


def cement_raw(
    year: int, seed: int = DEFAULT_SEED, limit: int | None = None
) -> list[dict[str, Any]]:
    _check_year(year)
    population = cement_population(year, seed)
    return [
        synthesise_cement(e, population.utilisation, year, seed)
        for e in population.entities[:limit]
    ]


def aluminium_raw(
    year: int, seed: int = DEFAULT_SEED, limit: int | None = None
) -> list[dict[str, Any]]:
    _check_year(year)
    population = aluminium_population(seed)
    return [
        synthesise_aluminium(e, population.utilisation, year, seed)
        for e in population.entities[:limit]
    ]


def build_cement(
    year: int, seed: int = DEFAULT_SEED, limit: int | None = None
) -> list[CementReport]:
    """Validated reports of the first `limit` (all) clinker producers, through the loader."""
    return [
        parse_cement(r, f"demo:{r['entity']['credit_code']}") for r in cement_raw(year, seed, limit)
    ]


def build_aluminium(
    year: int, seed: int = DEFAULT_SEED, limit: int | None = None
) -> list[AluminiumReport]:
    """Validated reports of the first `limit` (all) smelters, through the loader."""
    return [
        parse_aluminium(r, f"demo:{r['entity']['credit_code']}")
        for r in aluminium_raw(year, seed, limit)
    ]
