"""Civil aviation flight emissions, by the data date they take effect (rules reference §8)::

2013-01-01  E_flight = Σ FC × NCV × CC × OF × 44/12 × (1 − bio share)
            per flights row (aircraft type × scope × fuel); the fossil part of blended
            bio-jet fuel only. Ground fuels, electricity and heat are the common sources.
"""

from __future__ import annotations

from typing import Any

from chinaets.mrv.aviation.schema import SCOPES
from chinaets.mrv.ndrc.accounting import ProcessSources
from chinaets.mrv.ndrc.results import Source
from chinaets.mrv.ndrc.rules import Decimals
from chinaets.mrv.ndrc.sources import fuel_source
from chinaets.rules import DatedFormula, ParametersAt

REF_2013 = "中国民用航空企业温室气体排放核算方法与报告指南（试行）（发改办气候〔2013〕2526号）；GB/T 32151.6-2015"

flight_emissions: DatedFormula[ProcessSources] = DatedFormula(
    "aviation_flight_emissions",
    "Fuel burned in flight (incl. APU) by aircraft type and scope",
    "飞行（含 APU）燃油消耗排放",
)


@flight_emissions.since("2013-01-01", REF_2013)
def guideline_2013(p: ParametersAt, d: Decimals, report: Any) -> list[Source]:
    found = []
    for r in report.flights:
        s = fuel_source(
            p, d, r.unit_id, r.fuel, r.fuel_t, fossil_share=1 - r.biofuel_share_pct / 100
        )
        excluded, excluded_zh = (", excluded", "，剔除航班") if r.excluded else ("", "")
        s.item = f"flight:{r.scope}:{r.aircraft_type}:{r.fuel}{':excluded' if r.excluded else ''}"
        s.label = (
            f"航空器飞行（{SCOPES[r.scope][0]}，第{r.aircraft_class}类 {r.aircraft_type}{excluded_zh}）/ "
            f"flights ({SCOPES[r.scope][1]}, class {r.aircraft_class} {r.aircraft_type}{excluded})"
        )
        found.append(s)
    return found


def is_template_flight(source: Source) -> bool:
    """The airline table counts domestic commercial segments only, excluded flights left out."""
    return source.item.startswith("flight:domestic:") and not source.item.endswith(":excluded")
