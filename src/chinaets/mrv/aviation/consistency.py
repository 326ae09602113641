"""Checks across the tables of a civil aviation report that make it unusable when they fail."""

from __future__ import annotations

from collections.abc import Iterator

from chinaets.inputs.schema_base import Issue
from chinaets.mrv.aviation.schema import PRODUCTS, AviationReport
from chinaets.mrv.industry.consistency import duplicates
from chinaets.mrv.ndrc.consistency import common_issues


def check_report(report: AviationReport) -> list[Issue]:
    return [
        *common_issues(report, PRODUCTS, ("flights", "buildings")),
        *duplicates(
            "flights",
            [(r.unit_id, r.aircraft_type, r.scope, r.fuel, r.excluded) for r in report.flights],
        ),
        *duplicates("buildings", [(r.unit_id, r.building) for r in report.buildings]),
        *_kind(report),
    ]


def _kind(report: AviationReport) -> Iterator[Issue]:
    kind = report.entity.operator_kind
    if kind == "airline" and not report.flights:
        yield Issue(
            ("flights",),
            "an airline's report needs its flights (fuel by aircraft type and scope)",
            "航空公司报告须填写航空器飞行活动（按机型、航段的燃油消耗）",
            "add the flights table, or set entity.operator_kind to airport",
            "请补充 flights 表，或将 entity.operator_kind 改为 airport",
        )
    if kind == "airport" and report.flights:
        yield Issue(
            ("flights", 0),
            "an airport does not report flights: the airlines do",
            "机场不填报航空器飞行活动（由航空公司填报）",
            "remove the flights table, or set entity.operator_kind to airline",
            "请删除 flights 表，或将 entity.operator_kind 改为 airline",
        )
