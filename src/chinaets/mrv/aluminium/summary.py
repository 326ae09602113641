"""The platform's view of an aluminium result: the entity and its electrolysis processes.

The allocation perimeter of aluminium is each electrolysis process (电解工序), and its emissions
are only those of energy used as raw material (the anodes) and the anode-effect PFCs: D25
Table 2-4 ⑤ = ② + ③, obligation ⑩ = ⑤. Fuel combustion in electrolysis, anode baking and the
carbonates are reported in the enterprise total but are outside the obligation. The intensity
is the perimeter's tCO2e per t of aluminium liquid.
"""

from __future__ import annotations

import datetime as dt

from chinaets.mrv.aluminium.accounting import parameters
from chinaets.mrv.aluminium.results import EntityResult, ProcessResult
from chinaets.mrv.industry.rules import Decimals
from chinaets.mrv.sectors import Intensity, MonthlyValue, PerimeterUnit, Summary

ELECTROLYSIS = "electrolysis"


def summary(result: EntityResult) -> Summary:
    d = Decimals.at(parameters().at(dt.date(result.year, 1, 1)))
    cells = [p for p in result.processes if p.kind == ELECTROLYSIS]
    perimeter = d.round(sum(_perimeter_tco2e(p) for p in cells), "emissions")
    liquid = sum(p.output_t for p in cells)
    return Summary(
        sector="aluminium",
        year=result.year,
        credit_code=result.credit_code,
        name=result.name,
        province=result.province,
        total_emissions_t=result.total_tco2e,
        obligation_t=d.round(perimeter, "entity_total"),
        perimeter=tuple(_electrolysis(p) for p in cells),
        intensity=Intensity(perimeter, liquid, "t aluminium liquid", "吨铝液"),
        values={
            "emissions_fuel_tco2": sum(p.fuel_tco2 for p in result.processes),
            "emissions_anode_tco2": sum(p.anode_tco2 for p in cells),
            "emissions_pfc_tco2e": sum(p.pfc_tco2e for p in cells),
            "emissions_carbonates_tco2": result.carbonate_tco2,
            "aluminium_liquid_t": liquid,
        },
        monthly=tuple(
            MonthlyValue(m.month, variable, unit, value, p.unit_id)
            for p in cells
            for m in p.months
            for variable, unit, value in (
                ("aluminium_liquid", "t", m.output_t),
                ("emissions_anode", "tCO2", m.anode_tco2),
                ("emissions_pfc", "tCO2e", m.pfc_tco2e),
            )
        ),
    )


def _perimeter_tco2e(process: ProcessResult) -> float:
    """Anode consumption plus anode-effect PFCs: the fuel burned in the process is not in it."""
    return process.anode_tco2 + process.pfc_tco2e


def _electrolysis(process: ProcessResult) -> PerimeterUnit:
    return PerimeterUnit(
        unit_id=process.unit_id,
        kind=ELECTROLYSIS,
        emissions_t=_perimeter_tco2e(process),
        output=process.output_t,
        output_unit="t aluminium liquid",
        values={
            "emissions_anode_tco2": process.anode_tco2,
            "emissions_pfc_tco2e": process.pfc_tco2e,
            "emissions_fuel_tco2": process.fuel_tco2,
            "aluminium_liquid_t": process.output_t,
        },
    )
