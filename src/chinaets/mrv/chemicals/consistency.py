"""Checks across the tables of a chemical report that make it unusable when they fail."""

from __future__ import annotations

from collections.abc import Iterator

from chinaets.inputs.schema_base import Issue
from chinaets.mrv.chemicals.schema import PRODUCTS, ChemicalReport
from chinaets.mrv.industry.consistency import duplicates
from chinaets.mrv.ndrc.consistency import common_issues

UNIT_TABLES = (
    "carbon_flows",
    "carbonates",
    "nitric_acid",
    "adipic_acid",
    "co2_recovery",
    "hcfc22",
)


def check_report(report: ChemicalReport) -> list[Issue]:
    return [
        *common_issues(report, PRODUCTS, UNIT_TABLES),
        *duplicates(
            "carbon_flows", [(r.unit_id, r.material, r.direction) for r in report.carbon_flows]
        ),
        *duplicates("carbonates", [(r.unit_id, r.carbonate) for r in report.carbonates]),
        *duplicates(
            "nitric_acid", [(r.unit_id, r.process, r.abatement) for r in report.nitric_acid]
        ),
        *duplicates("adipic_acid", [(r.unit_id, r.route, r.abatement) for r in report.adipic_acid]),
        *_hfc23_balance(report),
    ]


def _hfc23_balance(report: ChemicalReport) -> Iterator[Issue]:
    """Recovered and destroyed HFC-23 cannot exceed what the plant made (at the factor given,
    or 0.04 t/t — the IPCC Tier-1 default, the upper of the two candidates — when none is)."""
    for i, r in enumerate(report.hcfc22):
        made = r.hcfc22_t * (r.generation_factor if r.generation_factor is not None else 0.04)
        if r.recovered_t + r.destroyed_t > made:
            yield Issue(
                ("hcfc22", i, "destroyed_t"),
                f"HFC-23 recovered and destroyed ({r.recovered_t + r.destroyed_t:,.1f} t) exceed "
                f"what {r.hcfc22_t:,.0f} t of HCFC-22 can make ({made:,.1f} t)",
                f"HFC-23回收与销毁量（{r.recovered_t + r.destroyed_t:,.1f} t）超过 "
                f"{r.hcfc22_t:,.0f} t HCFC-22 可产生的量（{made:,.1f} t）",
                "check the units (t, not kg) and give the measured generation factor",
                "请核对单位（吨而非千克），并填写实测生成因子",
            )
