"""Compliance rules as functions of the parameters in force for a data year: deadlines, usable
vintages, CCER eligibility and the 5 % cap, the 2025 carry-over and the 2021–2022 borrowing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from chinaets.allocation.rules import floor_product
from chinaets.compliance.schema import CcerLot, ComplianceInput, Holding
from chinaets.core.errors import InputError, Location
from chinaets.registry import vintages
from chinaets.rules import ParametersAt
from chinaets.rules.lawbook import LawBook
from chinaets.rules.parameters import UsedValue

LAW = LawBook("compliance", "履约清缴", Path(__file__).resolve().parent, base=vintages.LAW)
"""The compliance law book: its dated, cited parameters and worked cases, on the registry's law
of allowance vintages (usable vintages, borrowing, carry-over: `chinaets.registry.vintages`)."""
parameters = LAW.parameters
PARAMETER_DIR = LAW.parameter_dir


def rules_for(year: int) -> ParametersAt:
    first, last = compliance_years()
    if not first <= year <= last:
        raise InputError.one(
            Location(field="year"),
            f"no compliance rules for data year {year} (known: {first}–{last})",
            f"{year} 年度无履约规则（现有 {first}—{last} 年度）",
            f"choose a year from {first} to {last}",
            f"请选择 {first}—{last} 之间的年度",
        )
    return parameters().at(dt.date(year, 1, 1))


def compliance_years() -> tuple[int, int]:
    """First and last data year with compliance rules (parameter ``compliance_last_year``)."""
    known = parameters()["compliance_last_year"]
    return known.values[0].start.year, int(str(known.values[-1].value))


def terms(p: ParametersAt, name: str) -> tuple[UsedValue, dict[str, object]]:
    dated = p.dated(name)
    value = dict(dated.value)  # type: ignore[arg-type]
    return UsedValue(parameters()[name], dated, (), value), value


def deadline(p: ParametersAt) -> tuple[dt.date, UsedValue]:
    used = p.used("compliance_deadline")
    return dt.date.fromisoformat(str(used.value)), used


def vintage_label(vintage: int) -> str:
    return vintages.vintage_label(vintage)


@dataclass(frozen=True)
class VintageRule:
    earliest: int
    latest: int
    used: UsedValue

    def allows(self, vintage: int) -> bool:
        return self.earliest <= vintage <= self.latest


def vintage_rule(p: ParametersAt) -> VintageRule:
    used, t = terms(p, "usable_vintages")
    return VintageRule(int(str(t["earliest"])), int(str(t["latest"])), used)


def offset_cap(p: ParametersAt, obligation: int) -> tuple[int, UsedValue]:
    share = p.used("offset_cap_share")
    return floor_product(obligation, float(share.value)), share


def ccer_refusal(p: ParametersAt, lot: CcerLot, used_on: dt.date) -> str | None:
    """Why a CCER lot may not offset this year's obligation (None: it may)."""
    why = ccer_refusal_both(p, lot, used_on)
    return why[0] if why else None


def ccer_refusal_both(p: ParametersAt, lot: CcerLot, used_on: dt.date) -> tuple[str, str] | None:
    """Why a CCER lot may not offset this year's obligation, in English and Chinese."""
    _, t = terms(p, "offset_eligibility")
    if lot.from_ets_project:
        return ("from a project under ETS allowance management (Measures Art. 29)",
                "来自纳入全国碳排放权交易市场配额管理的项目（《管理办法》第二十九条）")  # fmt: skip
    if lot.legacy:
        until = dt.date.fromisoformat(str(t["legacy_usable_until"]))
        if used_on > until:
            return f"legacy CCER usable only until {until}", f"存量CCER仅可使用至 {until}"
        if t["new_only"]:
            since = t["new_registered_from"]
            return (f"only CCER registered from {since} count for this year",
                    f"本年度仅 {since} 起登记的CCER可用于抵销")  # fmt: skip
        return None
    start = dt.date.fromisoformat(str(t["new_registered_from"]))
    if lot.registered < start:
        return (f"registered {lot.registered}, before the relaunch of {start}; mark it legacy",
                f"登记于 {lot.registered}，早于 {start} 重启，应标为存量CCER")  # fmt: skip
    return None


@dataclass(frozen=True)
class CarryOver:
    eligible: bool
    reason: str
    limit_tco2: int  # T = floor(base + rate × net sales)
    old_holdings_tco2: int
    amount_tco2: int  # min(T, old holdings) if eligible
    used: UsedValue
    base: UsedValue
    reason_zh: str = ""


def carry_over(p: ParametersAt, inp: ComplianceInput) -> CarryOver | None:
    """The one-off conversion of 2019–2024 vintages into the 2025 vintage (附5), if it applies."""
    if "carry_over" not in parameters() or parameters()["carry_over"].values[0].start > p.when:
        return None
    used, t = terms(p, "carry_over")
    if inp.year != int(str(t["into_vintage"])):
        return None
    old = sum(
        h.quantity
        for h in inp.holdings
        if int(str(t["vintage_from"])) <= h.vintage <= int(str(t["vintage_to"]))
    )
    net_sales = max(0, inp.net_sales_tco2 or 0)
    base = p.used("carry_over_base_tco2", inp.sector)  # 10,000 t power; 100,000 t industry
    limit = floor_product(float(base.value) + float(str(t["net_sales_rate"])) * net_sales)
    met = inp.met_2023_on_time and inp.met_2024_on_time
    reason = "" if met else "2023 and 2024 obligations not both met on time"
    amount = min(limit, old) if not reason else 0
    return CarryOver(not reason, reason, limit, old, amount, used, base,
                     "" if met else "2023、2024年度未均按时足额清缴")  # fmt: skip


@dataclass(frozen=True)
class Borrowing:
    allowed: bool
    max_tco2: int
    reason: str
    used: UsedValue
    reason_zh: str = ""


def borrowing(p: ParametersAt, verified: int, allocation: int | None) -> Borrowing:
    """2021–2022: entities whose gap is ≥ 10 % may borrow up to 50 % of it from 2023 allowances."""
    used, t = terms(p, "borrowing")
    if not t["allowed"]:
        return Borrowing(False, 0, "no borrowing for this year", used, "本年度不得预支配额")
    if allocation is None:
        return Borrowing(False, 0, "allocation not given: borrowing cannot be sized", used,
                         "未提供配额量，无法确定可预支量")  # fmt: skip
    gap = verified - allocation
    least = float(str(t["min_gap_share"]))
    if verified <= 0 or gap < least * verified:
        return Borrowing(False, 0, f"gap {gap} t is below {least:.0%} of verified", used,
                         f"缺口 {gap} 吨低于核查排放量的 {least:.0%}")  # fmt: skip
    most = float(str(t["max_share_of_gap"]))
    limit = floor_product(gap, most)
    return Borrowing(True, limit, f"up to {most:.0%} of the {gap} t gap", used,
                     f"至多为缺口 {gap} 吨的 {most:.0%}")  # fmt: skip


def eligible_holdings(
    rule: VintageRule, holdings: list[Holding]
) -> tuple[dict[int, int], dict[int, int]]:
    """Holdings by vintage, split into usable for the year and not usable."""
    usable: dict[int, int] = {}
    other: dict[int, int] = {}
    for h in holdings:
        target = usable if rule.allows(h.vintage) else other
        target[h.vintage] = target.get(h.vintage, 0) + h.quantity
    return usable, other
