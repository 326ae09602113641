"""Checks across the tables of a pulp and paper report that make it unusable when they fail."""

from __future__ import annotations

from collections.abc import Iterator

from chinaets.inputs.schema_base import Issue
from chinaets.mrv.industry.consistency import duplicates
from chinaets.mrv.ndrc.consistency import common_issues
from chinaets.mrv.paper.schema import PRODUCTS, PaperReport


def check_report(report: PaperReport) -> list[Issue]:
    return [
        *common_issues(report, PRODUCTS, ("limestone", "wastewater")),
        *duplicates("limestone", [(r.unit_id,) for r in report.limestone]),
        *_sludge_within_removed(report),
    ]


def _sludge_within_removed(report: PaperReport) -> Iterator[Issue]:
    for i, r in enumerate(report.wastewater):
        if r.sludge_cod_kg > r.tow_kg:
            yield Issue(
                ("wastewater", i, "sludge_cod_kg"),
                f"COD removed as sludge ({r.sludge_cod_kg:,.0f} kg) exceeds the COD removed "
                f"({r.tow_kg:,.0f} kg = water × (COD in − COD out))",
                f"以污泥形式去除的COD（{r.sludge_cod_kg:,.0f} kg）大于去除的COD总量（{r.tow_kg:,.0f} kg）",
                "give the sludge COD in kg for the year and the concentrations in kg/m3",
                "污泥COD填全年千克数，浓度填 kg/m3",
            )
