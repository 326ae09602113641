"""The platform's view of a steel result: the enterprise is its own allocation perimeter.

D25 §三(二) allocates steel to the enterprise (legal person or integrated producer) on its
verified emissions E; the deviation X that sets α uses the ironmaking-process intensity
Is = (Eb + Et) / Qb, ironmaking plus sintering emissions over the ironmaking process's product
output (rules updates-2026 §1), not emissions per tonne of crude steel. Crude steel output is
reported beside it.
"""

from __future__ import annotations

from chinaets.mrv.sectors import Intensity, PerimeterUnit, Summary
from chinaets.mrv.steel.results import EntityResult

IS_PROCESSES = ("ironmaking", "sintering")
"""The processes whose emissions make up the numerator of Is (Eb + Et)."""
IRONMAKING_OUTPUT = "t ironmaking product"
IRONMAKING_OUTPUT_ZH = "吨炼铁工序产品"


def summary(result: EntityResult) -> Summary:
    eb_et = sum(p.tco2 for p in result.processes if p.process in IS_PROCESSES)
    qb = ironmaking_output_t(result)
    values = {
        "ironmaking_sintering_tco2": eb_et,
        "crude_steel_t": result.crude_steel_t,
        "emissions_process_tco2": result.process_tco2,
        "emissions_other_tco2": result.other_tco2,
    }
    if qb is not None:
        values["ironmaking_output_t"] = qb
    enterprise = PerimeterUnit(
        unit_id=result.credit_code,
        kind="enterprise",
        emissions_t=result.enterprise_tco2,
        output=qb or 0.0,
        output_unit=IRONMAKING_OUTPUT,
        values=values,
    )
    return Summary(
        sector="steel",
        year=result.year,
        credit_code=result.credit_code,
        name=result.name,
        province=result.province,
        total_emissions_t=result.enterprise_tco2,
        obligation_t=float(result.obligation_tco2),
        perimeter=(enterprise,),
        intensity=Intensity(eb_et, qb or 0.0, IRONMAKING_OUTPUT, IRONMAKING_OUTPUT_ZH),
        values={**values, "route_bf_bof": 1.0 if result.route == "bf_bof" else 0.0},
    )


def ironmaking_output_t(result: EntityResult) -> float | None:
    """Qb, the ironmaking process's product output (t), when the accounting records it; the
    reports accounted today do not (their tables carry no hot-metal output), and then the
    intensity has no denominator (its value is None) rather than a wrong one."""
    value = getattr(result, "ironmaking_output_t", None)
    return float(value) if value is not None else None
