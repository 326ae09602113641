"""Allocation and compliance for a whole data set, summed by sector and unit category, beside
the published balance (2021–2022: allocation within about 0.03–0.25 % of verified emissions).

`national_balance(pairs)` takes the national power fleet's reports and accounting results
(``chinaets.demo.power_fleet.build_fleet`` then ``chinaets.mrv.power.accounting.account``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from chinaets.allocation import allocate
from chinaets.allocation.inputs import from_accounting
from chinaets.allocation.results import EntityAllocation
from chinaets.compliance.schema import ComplianceInput, Holding
from chinaets.compliance.status import ComplianceResult, assess
from chinaets.inputs.schema_base import Entity
from chinaets.mrv.power.results import EntityResult
from chinaets.mrv.power.schema import PowerReport
from chinaets.registry.vintages import first_year_of


@dataclass
class CategoryBalance:
    category: str
    units: int = 0
    verified_tco2: float = 0.0
    allocation_tco2: int = 0

    @property
    def surplus_tco2(self) -> float:
        return self.allocation_tco2 - self.verified_tco2

    def as_dict(self) -> dict[str, Any]:
        return {
            "category": self.category, "units": self.units, "verified_tco2": round(self.verified_tco2),
            "allocation_tco2": self.allocation_tco2, "surplus_tco2": round(self.surplus_tco2),
            "surplus_pct": _pct(self.surplus_tco2, self.verified_tco2),
        }  # fmt: skip


@dataclass
class NationalBalance:
    year: int
    entities: list[EntityAllocation]
    categories: dict[str, CategoryBalance] = field(default_factory=dict)
    compliance: list[ComplianceResult] = field(default_factory=list)

    @property
    def verified_tco2(self) -> int:
        return sum(e.verified_tco2 for e in self.entities)

    @property
    def allocation_tco2(self) -> int:
        return sum(e.final_tco2 for e in self.entities)

    @property
    def obligation_tco2(self) -> int:
        return sum(e.obligation_tco2 for e in self.entities)

    def as_dict(self) -> dict[str, Any]:
        surplus = self.allocation_tco2 - self.obligation_tco2
        statuses: dict[str, int] = {}
        for c in self.compliance:
            statuses[c.status] = statuses.get(c.status, 0) + 1
        return {
            "year": self.year, "sector": "power", "entities": len(self.entities),
            "verified_tco2": self.verified_tco2, "allocation_tco2": self.allocation_tco2,
            "obligation_tco2": self.obligation_tco2, "surplus_tco2": surplus,
            "surplus_pct": _pct(surplus, self.verified_tco2),
            "cap_topup_tco2": sum(e.cap_topup_tco2 for e in self.entities),
            "cap_relief_tco2": sum(e.cap_relief_tco2 for e in self.entities),
            "draft": any(e.as_dict()["draft"] for e in self.entities[:1]),
            "categories": [c.as_dict() for c in sorted(self.categories.values(), key=lambda c: c.category)],
            "compliance_status": statuses, "published": published_balance().get(self.year),
        }  # fmt: skip


def _pct(part: float, whole: float) -> float:
    return round(part / whole * 100, 2) if whole else 0.0


@cache
def published_balance() -> dict[int, dict[str, Any]]:
    path = Path(__file__).parent / "published_balance.yaml"
    data: dict[int, dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def national_balance(
    pairs: Iterable[tuple[PowerReport, EntityResult]], with_compliance: bool = True
) -> NationalBalance:
    """Allocate every entity, sum by category, and (optionally) check each entity's compliance
    as if it surrendered exactly its year's issued allocation."""
    entities = [
        allocate(from_accounting(report.sector, report, result)) for report, result in pairs
    ]
    year = entities[0].year if entities else 0
    balance = NationalBalance(year, entities)
    for entity in entities:
        for unit in entity.parts:
            if unit.covered:
                row = balance.categories.setdefault(
                    unit.category or "—", CategoryBalance(unit.category or "—")
                )
                row.units += 1
                row.verified_tco2 += unit.verified_tco2
                row.allocation_tco2 += unit.final_tco2
    if with_compliance:
        balance.compliance = comply_all(entities)
    return balance


def comply_all(entities: Sequence[EntityAllocation]) -> list[ComplianceResult]:
    """Each entity surrenders its issued allocation (vintage of the year): the status the
    allocation alone would give, before any trading."""
    out = []
    for e in entities:
        inp = ComplianceInput.model_construct(
            schema_version="compliance/1", sector=e.sector,
            year=e.year,
            entity=Entity.model_construct(credit_code=e.credit_code, name=e.name, province=e.province),
            verified_tco2=e.verified_tco2, report=None, allocation_tco2=e.final_tco2,
            obligation_relief_tco2=e.verified_tco2 - e.obligation_tco2,
            holdings=[Holding.model_construct(vintage=first_year_of(e.year), quantity=e.issued_tco2)],
            ccer_lots=[], surrendered=None, ccer_surrendered=None, surrender_date=None,
            borrowed_tco2=0, net_sales_tco2=None, met_2023_on_time=True, met_2024_on_time=True,
            average_price=None, violation_date=None, falsification=None,
        )  # fmt: skip
        out.append(assess(inp, e.verified_tco2))
    return out
