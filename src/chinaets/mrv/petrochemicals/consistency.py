"""Checks across the tables of a petrochemical report that make it unusable when they fail."""

from __future__ import annotations

from collections.abc import Iterator

from chinaets.inputs.schema_base import Issue
from chinaets.mrv.industry.consistency import duplicates
from chinaets.mrv.ndrc.consistency import common_issues
from chinaets.mrv.petrochemicals.schema import PROCESS_TABLES, PRODUCTS, PetroReport


def check_report(report: PetroReport) -> list[Issue]:
    return [
        *common_issues(report, PRODUCTS, tuple(PROCESS_TABLES)),
        *duplicates("regeneration", [(r.unit_id, r.unit_kind) for r in report.regeneration]),
        *_flare_inputs(report),
        *_periodic_inputs(report),
    ]


def _flare_inputs(report: PetroReport) -> Iterator[Issue]:
    for i, r in enumerate(report.flares):
        if r.kind == "accident" and (r.rate_10k_nm3_h == 0 or r.hours == 0) and r.gas_10k_nm3:
            yield Issue(
                ("flares", i, "rate_10k_nm3_h"),
                "an accident flare is computed from its flow rate and duration, not gas_10k_nm3",
                "事故火炬按流量和持续时间计算，不使用 gas_10k_nm3",
                "give rate_10k_nm3_h and hours, or set kind to normal",
                "请填写 rate_10k_nm3_h 和 hours，或将 kind 改为 normal",
            )


def _periodic_inputs(report: PetroReport) -> Iterator[Issue]:
    for i, r in enumerate(report.regeneration):
        if r.unit_kind == "periodic" and r.carbon_before_pct >= 100:
            yield Issue(
                ("regeneration", i, "carbon_before_pct"),
                "carbon on the catalyst before regeneration must be below 100 %",
                "再生前催化剂含碳量须小于100%",
                "give the carbon content in percent of the catalyst mass",
                "请按催化剂质量百分比填写含碳量",
            )
        if r.unit_kind == "periodic" and r.carbon_after_pct > r.carbon_before_pct:
            yield Issue(
                ("regeneration", i, "carbon_after_pct"),
                f"carbon after regeneration ({r.carbon_after_pct:g} %) exceeds carbon before "
                f"({r.carbon_before_pct:g} %)",
                f"再生后含碳量（{r.carbon_after_pct:g}%）高于再生前（{r.carbon_before_pct:g}%）",
                "regeneration burns carbon off: check that before and after are not swapped",
                "再生烧去积碳：请检查再生前后是否填反",
            )
