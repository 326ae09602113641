"""The platform's view of a cement result: the entity and its Portland clinker lines.

The allocation perimeter of cement is each clinker line (D25 §三(二), Table 2-3): its emissions
(fuel combustion plus process) and its clinker output; the intensity is tCO2 per t clinker.
"""

from __future__ import annotations

from chinaets.mrv.cement.results import EntityResult, LineResult
from chinaets.mrv.sectors import Intensity, PerimeterUnit, Summary


def summary(result: EntityResult) -> Summary:
    return Summary(
        sector="cement",
        year=result.year,
        credit_code=result.credit_code,
        name=result.name,
        province=result.province,
        total_emissions_t=result.total_tco2,
        obligation_t=float(result.obligation_tco2),
        perimeter=tuple(_line(line) for line in result.lines),
        intensity=Intensity(result.total_tco2, result.clinker_t, "t clinker", "吨熟料"),
        values={
            "emissions_fuel_tco2": result.fuel_tco2,
            "emissions_process_tco2": result.process_tco2,
            "clinker_t": result.clinker_t,
        },
    )


def _line(line: LineResult) -> PerimeterUnit:
    return PerimeterUnit(
        unit_id=line.unit_id,
        kind="clinker_line",
        emissions_t=line.total_tco2,
        output=line.clinker_t,
        output_unit="t clinker",
        values={
            "emissions_fuel_tco2": line.fuel_tco2,
            "emissions_process_tco2": line.process.tco2,
            "process_deductions_tco2": line.process.deducted_tco2,
            "clinker_t": line.clinker_t,
        },
    )
