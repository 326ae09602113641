"""The power sector's allocation perimeter: each generating unit of an accounted report as the
power plans allocate it (output, heat, load, fuel class, last year's figures for the
pre-allocation), as plain ``allocation/1`` data."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from chinaets.mrv.power.results import EntityResult
from chinaets.mrv.power.schema import PowerReport, fuels


def allocation_document(
    report: PowerReport, result: EntityResult, previous: EntityResult | None = None
) -> dict[str, Any]:
    """The allocation input of an accounted power report (with last year's result, if known,
    for the pre-allocation)."""
    specs = {u.unit_id: u for u in report.units}
    prev = {u.unit_id: u for u in previous.units} if previous else {}
    units = [_unit(specs[u.unit_id], u, prev.get(u.unit_id)) for u in result.units]
    return {
        "sector": report.sector,
        "year": result.year,
        "entity": report.entity.model_dump(),
        "verified_tco2": result.obligation_tco2,
        "units": units,
    }


def _unit(spec: Any, u: Any, prev: Any) -> dict[str, Any]:
    return {
        "unit_id": u.unit_id,
        "rated_mw": u.rated_mw,
        "main_fuel": spec.main_fuel,
        "unit_type": spec.unit_type,
        "cfb": spec.cfb,
        "cooling": spec.cooling,
        "generation_mwh": u.generation_mwh,
        "supplied_mwh": u.supplied_mwh,
        "heat_supplied_gj": u.heat_supplied_gj,
        "heat_ratio": u.heat_ratio,
        "load_factor": min(u.load_factor, 1.2) if u.load_factor is not None else None,
        "verified_tco2": u.direct_tco2,
        "unconventional_heat_share": unconventional_heat_share(
            u.fuel_months, spec.biomass_heat_share
        ),
        "biomass_heat_share": spec.biomass_heat_share,
        "prev_verified_tco2": prev.direct_tco2 if prev else None,
        "prev_output_mwh": prev.supplied_mwh if prev else None,
        "prev_heat_gj": prev.heat_supplied_gj if prev else None,
    }


def unconventional_heat_share(fuel_months: Iterable[Any], biomass_share: float) -> float | None:
    """Share of the unit's heat input from coal gangue, slime and slurry (附1 表1 test), from
    the fuel months (biomass heat, not accounted, comes from the unit's declared share)."""
    heat: dict[str, float] = {}
    for fm in fuel_months:
        category = fuels()[fm.fuel].category
        heat[category] = heat.get(category, 0.0) + fm.quantity * fm.ncv
    fossil = sum(heat.values())
    if fossil <= 0:
        return None
    return heat.get("unconventional_coal", 0.0) / fossil * (1 - biomass_share)
