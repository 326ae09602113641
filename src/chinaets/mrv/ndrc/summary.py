"""The platform's view of a reporting sector's result (`chinaets.mrv.sectors.Summary`):
no allocation perimeter (obligation 0), each facility as a perimeter unit for the read model,
the intensity over the sector's denominator from the supplementary table."""

from __future__ import annotations

from chinaets.mrv.ndrc.results import ReportingResult
from chinaets.mrv.sectors import Intensity, PerimeterUnit, Summary


def summarise(result: ReportingResult, facility_kind: str = "facility") -> Summary:
    unit_en, unit_zh = result.output_unit
    return Summary(
        sector=result.sector,
        year=result.year,
        credit_code=result.credit_code,
        name=result.name,
        province=result.province,
        total_emissions_t=result.total_tco2e,
        obligation_t=0.0,
        perimeter=tuple(
            PerimeterUnit(
                f.unit_id,
                facility_kind,
                f.total_tco2e,
                f.output,
                unit_en,
                values={"template_tco2": f.template_tco2},
            )
            for f in result.facilities
        ),
        intensity=Intensity(result.template_tco2, result.output, unit_en, unit_zh),
        values={
            "energy_tce": result.energy_tce,
            "template_tco2": result.template_tco2,
            **{f"{k}_tco2e": v for k, v in result.categories.items()},
        },
    )
