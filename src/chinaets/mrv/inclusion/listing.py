"""Who goes on which list for a data year (rules reference updates-2026.md §6; L27; N26 §四).

- A trading sector's enterprise is listed when its direct emissions reach the threshold
  (26,000 tCO2e): ``values["direct_tco2e"]`` where the sector gives it, else the total.
- A reporting sector's enterprise must report (and is a candidate for inclusion) when its total
  GHG emissions reach the threshold *or* its energy consumption reaches the proxy (10,000 tce).
- A captive plant burning its host's own secondary energy is listed with its host's sector when
  that sector is one of ``captive_host_sectors`` (steel, cement, aluminium), not with its own.

Every decision says why in both languages; enterprises within the margin of the line are flagged.
Nothing here names a sector: a sector's status comes from its `Sector`, the host sectors from the
dated parameter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from chinaets.mrv.sectors import Status, Summary, get_sector
from chinaets.rules import ParametersAt, ParameterSet
from chinaets.rules.lawbook import LawBook

PARAMETER_DIR = Path(__file__).parent / "parameters"
ListName = Literal["national_ets", "reporting", "none"]


LAW = LawBook("inclusion", "重点排放单位名录纳入", PARAMETER_DIR.parent)
"""The law book of the lists: threshold, energy proxy, captive-plant hosts, worked cases."""


def parameters() -> ParameterSet:
    return LAW.parameters()


@dataclass(frozen=True)
class CaptivePlant:
    """An enterprise (its credit code) that is a captive plant of a host enterprise."""

    credit_code: str
    host_credit_code: str
    burns_own_secondary_energy: bool


@dataclass(frozen=True)
class Decision:
    credit_code: str
    name: str
    province: str
    sector: str  # the enterprise's own sector
    listed_sector: str  # the list it goes on (the host's, for a captive plant)
    list: ListName
    basis_t: float  # the emissions the threshold is applied to
    energy_tce: float
    near_threshold: bool
    en: str
    zh: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "sector": self.sector,
            "listed_sector": self.listed_sector,
            "list": self.list,
            "basis_t": self.basis_t,
            "energy_tce": self.energy_tce,
            "near_threshold": self.near_threshold,
            "en": self.en,
            "zh": self.zh,
        }


StatusOf = Callable[[str], Status]


def decide(
    summaries: Iterable[Summary],
    year: int,
    captive: Iterable[CaptivePlant] = (),
    status_of: StatusOf | None = None,
) -> list[Decision]:
    """The decision for every enterprise, in the order given."""
    items = list(summaries)
    p = parameters().at(dt.date(year, 1, 1))
    status = status_of or (lambda name: get_sector(name).status)
    sector_by_code = {s.credit_code: s.sector for s in items}
    hosts = {c.credit_code: c for c in captive}
    return [_decide(p, s, status, _listed_sector(p, s, hosts, sector_by_code)) for s in items]


def _listed_sector(
    p: ParametersAt, s: Summary, hosts: Mapping[str, CaptivePlant], sectors: Mapping[str, str]
) -> str:
    link = hosts.get(s.credit_code)
    host_sectors = _hosts(p)
    if link is None or not link.burns_own_secondary_energy:
        return s.sector
    host = sectors.get(link.host_credit_code, "")
    return host if host in host_sectors else s.sector


def _hosts(p: ParametersAt) -> Mapping[str, Any]:
    value = p.dated("captive_host_sectors").value
    return value if isinstance(value, Mapping) else {}


def _decide(p: ParametersAt, s: Summary, status: StatusOf, listed: str) -> Decision:
    threshold = float(p("inclusion_threshold_tco2e"))
    margin = float(p("inclusion_near_margin")) * threshold
    energy = float(s.values.get("energy_tce", 0.0))
    if status(listed) == "trading":
        basis = float(s.values.get("direct_tco2e", s.total_emissions_t))
        hit = basis >= threshold
        what: ListName = "national_ets" if hit else "none"
        en, zh = _trading_reason(basis, threshold, hit, listed, s.sector)
    else:
        basis = s.total_emissions_t
        proxy = float(p("inclusion_energy_tce"))
        hit = basis >= threshold or energy >= proxy
        what = "reporting" if hit else "none"
        en, zh = _reporting_reason(basis, energy, threshold, proxy, hit)
    near = abs(basis - threshold) <= margin
    return Decision(
        s.credit_code, s.name, s.province, s.sector, listed, what, basis, energy, near, en, zh
    )


def _trading_reason(
    basis: float, threshold: float, hit: bool, listed: str, own: str
) -> tuple[str, str]:
    sign = ("≥", "达到") if hit else ("<", "未达到")
    en = f"direct emissions {basis:,.0f} t {sign[0]} {threshold:,.0f} t"
    zh = f"直接排放量 {basis:,.0f} 吨，{sign[1]} {threshold:,.0f} 吨门槛"
    if listed != own:
        en += f"; captive plant burning its host's secondary energy: listed with {listed}"
        zh += f"；掺烧自产二次能源的自备电厂，随主体纳入{get_sector(listed).zh}行业名录"
    en += "; on the national list" if hit else "; not listed"
    zh += "，纳入全国碳市场重点排放单位名录" if hit else "，不纳入名录"
    return en, zh


def _reporting_reason(
    basis: float, energy: float, threshold: float, proxy: float, hit: bool
) -> tuple[str, str]:
    en = f"GHG emissions {basis:,.0f} t, energy {energy:,.0f} tce (thresholds {threshold:,.0f} t or {proxy:,.0f} tce)"
    zh = f"温室气体排放量 {basis:,.0f} 吨，综合能源消费量 {energy:,.0f} 吨标煤（门槛 {threshold:,.0f} 吨或 {proxy:,.0f} 吨标煤）"
    if hit:
        return (
            en + ": reports with the supplementary data; reporting, not yet trading",
            zh + "：须报送排放报告及补充数据表；报告行业，尚未纳入交易",
        )
    return en + ": below both thresholds, no report required", zh + "：低于门槛，无需报送"
