"""Input of a compliance check or plan: an entity's obligation (verified emissions, or the MRV
report they come from), its allowance holdings by vintage, its CCER lots, what it surrendered,
and the market facts the rules need (net sales for the carry-over, the average price of the
month before the deadline). Validated errors are located and bilingual.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator

from chinaets.inputs.schema_base import Entity, Row, bilingual_error, col
from chinaets.mrv.sectors import SectorName, default_sector
from chinaets.registry.vintages import first_year_of

SCHEMA_VERSION = "compliance/1"

Quantity = Annotated[int, Field(ge=0)]
Price = Annotated[Decimal, Field(ge=0, decimal_places=2, allow_inf_nan=False)]


def vintage_year(value: Any) -> int:
    """A vintage by its first year: '2019-2020', '19-20', 'CEA21', 2021 … (19-20 counts as 2019)."""
    text = str(value).strip().upper().removeprefix("CEA").removeprefix("碳排放配额")
    match = re.fullmatch(r"(\d{2}|\d{4})(?:\s*-\s*(\d{2}|\d{4}))?", text)
    if not match:
        raise bilingual_error(
            f"'{value}' is not an allowance vintage",
            f"'{value}' 不是有效的配额年份",
            "write the vintage as 2019-2020, 2021, 2022 … (or CEA21)",
            "请填写配额年份，如 2019-2020、2021、2022（或 CEA21）",
        )
    year = int(match.group(1))
    year = year + 2000 if year < 100 else year  # two-digit years: '21' is 2021
    return first_year_of(year)


class Holding(Row):
    """Allowances of one vintage held at the deadline (available + judicially frozen)."""

    vintage: int = col("配额年份", "vintage", "2019-2020, 2021 …")
    quantity: Quantity = col("持有量", "quantity", "t")

    @field_validator("vintage", mode="before")
    @classmethod
    def _vintage(cls, v: Any) -> int:
        return vintage_year(v)


class CcerLot(Row):
    """CCER units held (or bought): when registered and where they come from."""

    lot_id: str = col("批次编号", "lot id", min_length=1)
    quantity: Quantity = col("数量", "quantity", "tCO2e")
    registered: dt.date = col("登记日期", "registration (issuance) date", "YYYY-MM-DD")
    legacy: bool = col(
        "是否旧CCER（2017-03-14前备案）", "legacy CCER (filed before 2017-03-14)", default=False
    )
    from_ets_project: bool = col(
        "是否来自纳入配额管理的项目", "from a project under ETS allowance management", default=False
    )


class Surrendered(Row):
    """Allowances of one vintage actually surrendered for the year."""

    vintage: int = col("配额年份", "vintage")
    quantity: Quantity = col("清缴量", "quantity", "t")

    @field_validator("vintage", mode="before")
    @classmethod
    def _vintage(cls, v: Any) -> int:
        return vintage_year(v)


class CcerUsed(Row):
    lot_id: str = col("批次编号", "lot id", min_length=1)
    quantity: Quantity = col("抵销量", "quantity", "tCO2e")


class Falsification(Row):
    """A falsified, concealed or defective report found for the year (for the penalty range)."""

    quantity_tco2: Quantity = col(
        "虚报/瞒报量", "falsified or concealed quantity", "tCO2", default=0
    )
    illegal_gains: Price | None = col("违法所得", "illegal gains", "CNY", default=None)


class ComplianceInput(Row):
    """One entity's compliance year."""

    schema_version: Literal["compliance/1"] = "compliance/1"
    sector: SectorName = col(
        "行业（`chinaets sectors`）", "sector (`chinaets sectors`)", default_factory=default_sector
    )
    year: int = col("履约年度（排放年度）", "compliance (data) year", ge=2000, le=2100)
    entity: Entity
    verified_tco2: Quantity | None = col(
        "核查排放量（履约口径）", "verified emissions", "tCO2", default=None
    )
    report: str | None = col("MRV 报告路径", "path to the MRV report", default=None)
    allocation_tco2: Quantity | None = col(
        "年度配额量", "allocation for the year", "t", default=None
    )
    obligation_relief_tco2: Quantity = col(
        "清缴量减免（2019—2022燃气机组/20%上限）",
        "obligation relief (2019–2022 limits)",
        "t",
        default=0,
    )
    holdings: list[Holding] = Field(default_factory=list)
    ccer_lots: list[CcerLot] = Field(default_factory=list)
    surrendered: list[Surrendered] | None = None
    ccer_surrendered: list[CcerUsed] | None = None
    surrender_date: dt.date | None = col("清缴日期", "surrender date", default=None)
    borrowed_tco2: Quantity = col("预支配额量", "borrowed from a later vintage", "t", default=0)
    net_sales_tco2: int | None = col(
        "2024—2025年净卖出量", "net sales 2024-01-01…2025-12-31", "t", default=None
    )
    met_2023_on_time: bool = col(
        "按时完成2023年度清缴", "2023 obligation met on time", default=True
    )
    met_2024_on_time: bool = col(
        "按时完成2024年度清缴", "2024 obligation met on time", default=True
    )
    average_price: Price | None = col(
        "截止日前一个月平均成交价",
        "average price, month before the deadline",
        "CNY/t",
        default=None,
    )
    violation_date: dt.date | None = col("违法行为日期", "violation date", default=None)
    falsification: Falsification | None = None
