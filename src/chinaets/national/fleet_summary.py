"""The national summary of a sector's fleet (entities, units, capacity, output, emissions),
nationally, by province and by allocation category, read from the read model.

The demo prints it for its synthetic power fleet; the figures are the read model's, so the
summary is the same whichever engine answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chinaets.national.readmodel import ReadModel

CAPACITY = ("rated", "MW")
"""The unit figure summed as capacity (a power unit's rated power, `PerimeterUnit.values`)."""


@dataclass(frozen=True, slots=True)
class SummaryRow:
    key: str
    entities: int
    units: int
    capacity_gw: float
    generation_twh: float
    mt_co2: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "entities": self.entities, "units": self.units, "capacity_gw": self.capacity_gw,
            "generation_twh": self.generation_twh, "mt_co2": self.mt_co2,
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class NationalSummary:
    year: int
    sector: str
    total: SummaryRow
    by_province: list[SummaryRow]
    by_category: list[SummaryRow]

    def as_dict(self) -> dict[str, Any]:
        def rows(items: list[SummaryRow]) -> list[dict[str, Any]]:
            return [{"key": r.key, **r.as_dict()} for r in items]

        return {
            "year": self.year,
            "sector": self.sector,
            "total": self.total.as_dict(),
            "by_province": rows(self.by_province),
            "by_category": rows(self.by_category),
        }


def national_summary(model: ReadModel, year: int, sector: str) -> NationalSummary:
    """Entities, units, GW, TWh (the units' output in MWh / 1e6) and Mt CO2 of `sector`."""

    def rows(by: str | None) -> list[SummaryRow]:
        return [
            SummaryRow(
                str(r["key"]),
                int(r["entities"]),
                int(r["units"]),
                (r["measure"] or 0.0) / 1e3,
                (r["output"] or 0.0) / 1e6,
                (r["emissions_t"] or 0.0) / 1e6,
            )
            for r in model.unit_summary(year, sector, by, CAPACITY)
        ]

    total = rows(None)
    if not total:
        raise ValueError(f"no {sector} results for {year} in the read model")
    categories = sorted(rows("category"), key=lambda r: r.key)
    return NationalSummary(year, sector, total[0], rows("province"), categories)
