"""The platform's view of a power result: the entity and its generating units.

The allocation perimeter of power is the generating unit (机组) with its capacity, generation and
heat supplied; its category (I–IV) is the allocation plan's to give
(`chinaets.allocation.categories.categorised` fills it in). The intensity is direct emissions per MWh generated.
"""

from __future__ import annotations

from collections.abc import Iterator

from chinaets.mrv.power.results import EntityResult, UnitResult
from chinaets.mrv.power.schema import fuels
from chinaets.mrv.sectors import Intensity, MonthlyValue, PerimeterUnit, Summary


def summary(result: EntityResult) -> Summary:
    units = tuple(_unit(u) for u in result.units)
    generation = sum(u.generation_mwh for u in result.units)
    return Summary(
        sector="power",
        year=result.year,
        credit_code=result.credit_code,
        name=result.name,
        province=result.province,
        total_emissions_t=result.total_tco2,
        obligation_t=float(result.obligation_tco2),
        perimeter=units,
        intensity=Intensity(result.direct_tco2, generation, "MWh", "兆瓦时"),
        values={
            "emissions_direct_tco2": result.direct_tco2,
            "emissions_indirect_tco2": result.indirect_tco2 or 0.0,
            "purchased_electricity_mwh": result.purchased_mwh,
            "capacity_mw": sum(u.rated_mw for u in result.units),
            "generation_mwh": generation,
            "heat_supplied_gj": sum(u.heat_supplied_gj for u in result.units),
        },
        monthly=tuple(m for u in result.units for m in _months(u)),
    )


def _months(unit: UnitResult) -> Iterator[MonthlyValue]:
    """Production (report tables C.4–C.6) and each fuel's consumption, NCV, carbon content and
    emissions (table C.3) by month."""
    uid = unit.unit_id
    for m in unit.months:
        yield MonthlyValue(m.month, "generation", "MWh", m.generation_mwh, uid)
        yield MonthlyValue(m.month, "heat_supplied", "GJ", m.heat_supplied_gj, uid)
        yield MonthlyValue(m.month, "running_hours", "h", m.running_hours, uid)
    for fm in unit.fuel_months:
        measure = fuels()[fm.fuel].unit
        yield MonthlyValue(fm.month, f"fuel_consumption|{fm.fuel}", measure, fm.quantity, uid)
        yield MonthlyValue(fm.month, f"ncv|{fm.fuel}", f"GJ/{measure}", fm.ncv, uid)
        yield MonthlyValue(fm.month, f"carbon_content|{fm.fuel}", "tC/GJ", fm.carbon_content, uid)
        yield MonthlyValue(fm.month, f"emissions|{fm.fuel}", "tCO2", fm.tco2, uid)


def _unit(unit: UnitResult) -> PerimeterUnit:
    values = {
        "rated_mw": unit.rated_mw,
        "generation_mwh": unit.generation_mwh,
        "heat_supplied_gj": unit.heat_supplied_gj,
        "running_hours": unit.running_hours,
    }
    if unit.load_factor is not None:
        values["load_factor"] = unit.load_factor
    if unit.supplied_mwh is not None:
        values["supplied_mwh"] = unit.supplied_mwh
    return PerimeterUnit(
        unit_id=unit.unit_id,
        kind="generating_unit",
        emissions_t=unit.direct_tco2,
        output=unit.generation_mwh,
        output_unit="MWh",
        values=values,
    )
