"""A toy sector (lime kilns) that lives outside the package: everything it needs is in this
folder, found through CHINAETS_SECTOR_PATH. It reports only (no allocation method)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from chinaets.inputs.loading import Loader
from chinaets.inputs.schema_base import Entity, Issue, NonNegative, Row, col
from chinaets.mrv.findings import Finding
from chinaets.mrv.sectors import Sector
from chinaets.rules.lawbook import LawBook
from chinaets.rules.trace import TraceNode, product_node

LAW = LawBook("lime", "石灰", Path(__file__).resolve().parent)


class Kiln(Row):
    """One lime kiln's year."""

    kiln_id: str = col("窑编号", "kiln id", min_length=1)
    limestone_t: NonNegative = col("石灰石消耗量", "limestone burned", "t")
    lime_t: NonNegative = col("石灰产量", "lime produced", "t")


class LimeReport(Row):
    schema_version: Literal["lime/1"] = "lime/1"
    sector: Literal["lime"] = "lime"
    year: int = col("数据年度", "data year", ge=2020, le=2030)
    entity: Entity
    kilns: list[Kiln] = Field(min_length=1)


TABLES = {"entity": Entity, "kilns": Kiln}
LABELS = {"entity": ("企业信息", "entity"), "kilns": ("石灰窑", "lime kilns")}


def _consistency(report: LimeReport) -> list[Issue]:
    ids = [k.kiln_id for k in report.kilns]
    return [] if len(set(ids)) == len(ids) else [
        Issue(("kilns", 0, "kiln_id"), "kiln ids repeat", "窑编号重复", "give each kiln its own id", "请为每座窑使用不同编号")
    ]  # fmt: skip


LOADER = Loader(LimeReport, TABLES, _consistency)


@dataclass(frozen=True)
class LimeResult:
    report: LimeReport
    kilns: dict[str, TraceNode]

    @property
    def total_tco2(self) -> float:
        return round(sum(float(n.value) for n in self.kilns.values()), 2)

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.report.year,
            "credit_code": self.report.entity.credit_code,
            "total_tco2": self.total_tco2,
            "kilns": {k: round(float(n.value), 2) for k, n in self.kilns.items()},
        }

    def trace(self) -> TraceNode:
        root = TraceNode(f"{self.report.entity.name} {self.report.year}", self.total_tco2, "tCO2")
        return root.add(*self.kilns.values())


def account(report: LimeReport) -> LimeResult:
    used = LAW.at(dt.date(report.year, 1, 1)).used("calcination_factor")
    kilns = {
        k.kiln_id: product_node(
            f"kiln {k.kiln_id}", k.limestone_t * float(used.value),
            ("AD", k.limestone_t, "kilns"), ("EF", used),
        )
        for k in report.kilns
    }  # fmt: skip
    return LimeResult(report, kilns)


def check(report: LimeReport, result: LimeResult) -> list[Finding]:
    return [
        Finding("LIME-001", "warning", "more lime than limestone", "石灰产量大于石灰石消耗量",
                unit_id=k.kiln_id, field="lime_t")
        for k in report.kilns if k.lime_t > k.limestone_t
    ]  # fmt: skip


def report_tables(result: LimeResult) -> dict[str, list[dict[str, Any]]]:
    return {"kilns": [{"kiln_id": k, "tco2": v} for k, v in result.as_dict()["kilns"].items()]}


SECTOR = Sector(
    name="lime",
    zh="石灰",
    report_model=LimeReport,
    tables=TABLES,
    table_labels=LABELS,
    parameters=LAW.parameters,
    cases_dir=LAW.cases_dir,
    load=LOADER.load,
    parse=LOADER.parse,
    account=account,
    check=check,
    report_tables=report_tables,
    column_labels={"kiln_id": "窑编号", "tco2": "排放量（tCO2）"},
    status="reporting",
    order=900,
)
