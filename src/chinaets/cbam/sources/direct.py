"""An installation given directly in CBAM terms (processes with attributed direct emissions):
for worked cases and for installations whose data are not a Chinese MRV report (a cement
grinding plant outside the national ETS, a supplier's own figures)::

    {"name": …, "credit_code": …, "province": …, "year": 2026,
     "processes": {"crude_steel": {"route": "C", "direct_tco2": 1.2e6, "china_covered_tco2": 1.2e6}},
     "china_obligation_tco2": 1.2e6, "allocation_tco2": 1.19e6}
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from chinaets.cbam.goods import GoodsInput
from chinaets.cbam.law import NO_ROUTE, CbamLaw
from chinaets.cbam.model import CbamProcess, Installation, term

SECTOR_NAME = "direct"


class DirectProcess(BaseModel):
    model_config = ConfigDict(extra="forbid")
    route: str = NO_ROUTE
    direct_tco2: float = Field(ge=0, allow_inf_nan=False)
    china_covered_tco2: float = Field(default=0.0, ge=0, allow_inf_nan=False)


class DirectInstallation(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1)
    credit_code: str = ""
    province: str = ""
    year: int = Field(ge=2024, le=2100)
    processes: dict[str, DirectProcess] = Field(min_length=1)
    china_obligation_tco2: float = Field(default=0.0, ge=0)
    allocation_tco2: float | None = Field(default=None, ge=0)


def to_installation(
    result: Any, declared: set[str], goods: GoodsInput, law: CbamLaw
) -> Installation:
    data: DirectInstallation = result
    processes = {}
    for category, p in data.processes.items():
        process = CbamProcess(category, p.route, ["input"], china_covered_tco2=p.china_covered_tco2)
        process.terms.append(
            term(
                "attributed direct emissions (given)",
                p.direct_tco2,
                reference="input",
                label_zh="归属直接排放（输入给定）",
            )
        )
        processes[category] = process
    total = sum(p.direct_tco2 for p in data.processes.values())
    return Installation(
        sector=SECTOR_NAME, sector_zh="直接输入", year=data.year, credit_code=data.credit_code,
        name=data.name, province=data.province, china_total_tco2=total,
        china_obligation_tco2=data.china_obligation_tco2, processes=processes, china_result=data,
    )  # fmt: skip
