"""The allocation methods of the plans, each under its name: a sector's `Sector.allocation`
names the method that allocates it, so nothing here branches on a sector.

A method is the law of one family of plans: the table of the allocation input it reads
(generating ``units`` or production ``lines``) and the parameter of the years its plans cover
(the first value's date is the first plan's first data year, the latest value the last year). Its formula module (``power``, ``industry``) is the one
`chinaets.allocation.allocate` runs for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from chinaets.allocation.book import parameters
from chinaets.core.errors import InputError, Location
from chinaets.mrv.sectors import Sector, get_sector


@dataclass(frozen=True)
class AllocationMethod:
    name: str
    table: str
    """The input table the method allocates: ``units`` or ``lines``."""
    plan_year_parameter: str
    """The last data year the method's plans cover, dated from the first plan's first year."""

    @property
    def plan_years(self) -> tuple[int, int]:
        """First and last data year the method's plans cover."""
        plan = parameters()[self.plan_year_parameter]
        return plan.values[0].start.year, int(str(plan.values[-1].value))


METHODS: dict[str, AllocationMethod] = {
    m.name: m
    for m in (
        AllocationMethod("power_plan", "units", "power_plan_last_year"),
        AllocationMethod("industry_plan", "lines", "industry_plan_last_year"),
    )
}


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
