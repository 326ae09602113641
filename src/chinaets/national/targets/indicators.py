"""The published national indicators: one row per published figure, with its basis and source.

Kinds of row (``unit`` and ``base_year`` say which):

- a change: ``base_year`` set, value in % against the base year (``% y/y`` for an annual rate,
  ``% vs base`` for a cumulative figure, e.g. the NDRC's −11.6 % for 2021–2024 vs 2020);
- a level: no ``base_year`` (total energy use, non-fossil share, capacity, forest stock).

``basis`` keeps figures that are not chain-consistent apart: ``as_published`` (the yearly
communiqué), ``official_cumulative`` (a cumulative figure published after a method change or
revision), ``raw_total_energy`` (energy intensity on the pre-2024 total-energy basis, derived),
``forest_inventory`` / ``annual_monitoring`` (two forest-stock methods).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from chinaets.core.errors import RulesError
from chinaets.core.labels import Lang, translated
from chinaets.core.sources import shown_url

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "national"
INDICATORS_FILE = DATA_DIR / "china_target_indicators.csv"

INDICATORS: dict[str, tuple[str, str]] = {
    "co2_per_gdp": ("CO2 per unit of GDP", "单位GDP二氧化碳排放"),
    "energy_per_gdp": ("Energy per unit of GDP", "单位GDP能耗"),
    "total_energy_consumption": ("Total energy consumption", "能源消费总量"),
    "non_fossil_share": ("Non-fossil share of energy use", "非化石能源消费比重"),
    "wind_solar_capacity": ("Wind + solar capacity", "风电光伏装机容量"),
    "forest_stock": ("Forest stock volume", "森林蓄积量"),
    "net_ghg": ("Net GHG emissions", "温室气体净排放量"),
}
"""Indicator key → (English, Chinese) name."""

BASES: dict[str, tuple[str, str]] = {
    "as_published": ("as published each year", "逐年公布值"),
    "official_cumulative": ("official cumulative figure", "官方累计值"),
    "raw_total_energy": ("old basis: total energy use (derived)", "原口径：能源消费总量（推算）"),
    "forest_inventory": ("national forest inventory", "全国森林资源清查"),
    "annual_monitoring": ("annual forest monitoring", "年度森林资源监测"),
}


@dataclass(frozen=True, slots=True)
class Observation:
    indicator: str
    year: int
    base_year: int | None
    value: float
    unit: str
    basis: str
    source: str
    url: str
    uncertain: str = ""
    unit_zh: str = ""  # when the unit has words
    uncertain_zh: str = ""

    def unit_in(self, lang: Lang) -> str:
        return translated(self.unit, self.unit_zh, lang)

    def why_uncertain(self, lang: Lang) -> str:
        """Why the figure is uncertain, as `lang` reads it ('' when it is not)."""
        return translated(self.uncertain, self.uncertain_zh, lang)

    @property
    def is_change(self) -> bool:
        return self.base_year is not None

    @property
    def is_annual(self) -> bool:
        return self.base_year == self.year - 1

    @property
    def factor(self) -> float:
        """The change as a multiplier: −3.8 % → 0.962."""
        return 1 + self.value / 100


@cache
def load_observations(path: Path = INDICATORS_FILE) -> tuple[Observation, ...]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return tuple(_observation(path, i + 2, row) for i, row in enumerate(rows))


def _observation(path: Path, line: int, row: dict[str, str]) -> Observation:
    try:
        observation = Observation(
            indicator=row["indicator"],
            year=int(row["year"]),
            base_year=int(row["base_year"]) if row["base_year"] else None,
            value=float(row["value"]),
            unit=row["unit"],
            basis=row["basis"],
            source=row["source"],
            url=shown_url(row["url"]),
            uncertain=row["uncertain"],
            unit_zh=row.get("unit_zh") or "",
            uncertain_zh=row.get("uncertain_zh") or "",
        )
    except (KeyError, ValueError) as exc:
        raise RulesError(f"{path.name} line {line}: {exc} / 第 {line} 行格式错误") from None
    if observation.indicator not in INDICATORS or observation.basis not in BASES:
        raise RulesError(
            f"{path.name} line {line}: unknown indicator or basis "
            f"'{observation.indicator}'/'{observation.basis}' / 第 {line} 行指标或口径未知"
        )
    return observation


def series(indicator: str, basis: str | None = None) -> list[Observation]:
    """The observations of one indicator (one basis), oldest first."""
    rows = [o for o in load_observations() if o.indicator == indicator]
    if basis is not None:
        rows = [o for o in rows if o.basis == basis]
    return sorted(rows, key=lambda o: (o.year, o.base_year or 0))


def levels(indicator: str) -> dict[str, list[Observation]]:
    """Level observations by basis, oldest first."""
    out: dict[str, list[Observation]] = {}
    for o in series(indicator):
        if not o.is_change:
            out.setdefault(o.basis, []).append(o)
    return out
