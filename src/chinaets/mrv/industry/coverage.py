"""Who is on the list of key emitting entities (rules reference §1.1; MEE Order 19 Art. 8, 11).

An entity of a covered sector is listed once its annual direct emissions reach 26,000 tCO2e;
it is removed after two consecutive years below, or when it ceases production. Years missing
from the history break a run of years below (two consecutive years must both be known).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from chinaets.rules import ParameterSet

Status = Literal["listed", "to_be_removed", "not_listed"]


@dataclass(frozen=True)
class CoverageDecision:
    """The list status after a data year, with the reasons in both languages."""

    year: int
    status: Status
    en: str
    zh: str
    reference: str


def coverage_decision(
    params: ParameterSet, history: Mapping[int, float], year: int, ceased: bool = False
) -> CoverageDecision:
    """The status after data year `year`, from the yearly direct emissions (tCO2e) so far."""
    p = params.at(dt.date(year, 1, 1))
    threshold = float(p("inclusion_threshold_tco2e"))
    need = int(p("removal_years_below"))
    ref = f"{p.used('inclusion_threshold_tco2e').dated.reference}; {p.used('removal_years_below').dated.reference}"
    if ceased:
        return CoverageDecision(
            year, "to_be_removed", f"production ceased in {year}", f"{year} 年已停产", ref
        )
    known = {y: e for y, e in history.items() if y <= year}
    if year in known and known[year] >= threshold:
        return CoverageDecision(
            year, "listed",
            f"{known[year]:,.0f} tCO2e in {year} reaches the {threshold:,.0f} tCO2e threshold",
            f"{year} 年排放 {known[year]:,.0f} tCO2e，达到 {threshold:,.0f} tCO2e 门槛", ref,
        )  # fmt: skip
    if not any(e >= threshold for e in known.values()):
        return CoverageDecision(
            year, "not_listed",
            f"never at or above {threshold:,.0f} tCO2e up to {year}",
            f"截至 {year} 年从未达到 {threshold:,.0f} tCO2e", ref,
        )  # fmt: skip
    below = _years_below(known, year, threshold)
    if below > need:
        removed = year - below + need
        return CoverageDecision(
            year, "not_listed",
            f"removed after {removed} ({need} consecutive years below {threshold:,.0f} tCO2e) "
            f"and below since",
            f"已于 {removed} 年后移出名录（连续 {need} 年低于 {threshold:,.0f} tCO2e），此后仍低于门槛", ref,
        )  # fmt: skip
    if below == need:
        return CoverageDecision(
            year, "to_be_removed",
            f"{below} consecutive years below {threshold:,.0f} tCO2e ({year - below + 1}–{year})",
            f"连续 {below} 年低于 {threshold:,.0f} tCO2e（{year - below + 1}—{year} 年）", ref,
        )  # fmt: skip
    return CoverageDecision(
        year, "listed",
        f"below {threshold:,.0f} tCO2e for {below} year(s) only; removal needs {need} consecutive",
        f"仅 {below} 年低于 {threshold:,.0f} tCO2e，连续 {need} 年方移出名录", ref,
    )  # fmt: skip


def _years_below(known: Mapping[int, float], year: int, threshold: float) -> int:
    """Consecutive known years below the threshold, ending with `year`."""
    count, y = 0, year
    while y in known and known[y] < threshold:
        count, y = count + 1, y - 1
    return count


def coverage_history(
    params: ParameterSet, history: Mapping[int, float], ceased_in: int | None = None
) -> dict[int, CoverageDecision]:
    """The status after every year of the history (and the ceasing year, if given)."""
    years = sorted(set(history) | ({ceased_in} if ceased_in else set()))
    return {y: coverage_decision(params, history, y, ceased=(y == ceased_in)) for y in years}
