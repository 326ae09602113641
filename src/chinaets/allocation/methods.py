"""The allocation methods of the plans, each under its name: a sector's `Sector.allocation`
names the method that allocates it, so nothing here branches on a sector.

A method is the law of one family of plans: the table of the allocation input it reads
(generating ``units`` or production ``lines``), the first data year any of its plans covers and
the parameter that says the last. Its formula module (``power``, ``industry``) is the one
`chinaets.allocation.allocate` runs for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from chinaets.core.errors import InputError, Location
from chinaets.mrv.sectors import Sector, get_sector


@dataclass(frozen=True)
class AllocationMethod:
    name: str
    table: str
    """The input table the method allocates: ``units`` or ``lines``."""
    first_year: int
    last_year_parameter: str


METHODS: dict[str, AllocationMethod] = {
    m.name: m
    for m in (
        AllocationMethod("power_plan", "units", 2019, "power_plan_last_year"),
        AllocationMethod("industry_plan", "lines", 2024, "industry_plan_last_year"),
    )
}
"""The first years are those of the first plan of each family: the 2019–2020 power plan
(国环规气候〔2020〕3号) and the 2024–2025 steel, cement and aluminium plan."""


def method_for(sector: str | Sector, where: Location | None = None) -> AllocationMethod:
    """The method that allocates `sector`; a sector that only reports is the user's error."""
    spec = sector if isinstance(sector, Sector) else get_sector(sector)
    if spec.allocation is None:
        raise InputError.one(
            where or Location(field="sector"),
            f"the {spec.name} sector reports its emissions but is not allocated yet",
            f"{spec.zh}行业目前仅报告排放，尚未纳入配额分配",
            "allocate a sector of the national market",
            "请选择已纳入全国碳市场的行业",
        )
    return METHODS[spec.allocation]
