"""Checks across the common tables that make a reporting sector's input unusable when they
fail: duplicates, unknown facilities, unknown products, measured calorific values whose
magnitude shows a unit mistake. Located like pydantic locates its errors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from chinaets.inputs.schema_base import Issue
from chinaets.mrv.industry.consistency import duplicates, unknown_units
from chinaets.mrv.ndrc.rules import shared_parameters
from chinaets.mrv.ndrc.schema import FuelUse, Product

NCV_PLAUSIBLE_RATIO = 3.0
"""A measured NCV more than 3× off the default is a unit mistake (kcal/kg as GJ/t is ~200×)."""

ProductList = Mapping[str, tuple[str, str, str]]
"""A sector's products: code -> (zh, en, unit)."""


def common_issues(report: Any, products: ProductList, unit_tables: Sequence[str]) -> list[Issue]:
    """Issues of the common tables, and unknown facilities in the sector's `unit_tables`."""
    known = {f.unit_id for f in report.facilities}
    tables = ("fuel_use", "energy", "products", *unit_tables)
    return [
        *duplicates("facilities", [(f.unit_id,) for f in report.facilities]),
        *(i for t in tables for i in unknown_units(t, getattr(report, t), known, "facilities")),
        *duplicates("fuel_use", [(r.unit_id, r.fuel) for r in report.fuel_use]),
        *duplicates("energy", [(r.unit_id,) for r in report.energy]),
        *duplicates("products", [(r.unit_id, r.product) for r in report.products]),
        *_unknown_products(report.products, products),
        *_implausible_ncv(report.year, report.fuel_use),
    ]


def _unknown_products(rows: Sequence[Product], products: ProductList) -> Iterator[Issue]:
    for i, r in enumerate(rows):
        if r.product not in products:
            yield Issue(
                ("products", i, "product"),
                f"'{r.product}' is not a product of this sector's supplementary table",
                f"'{r.product}' 不是本行业补充数据表中的产品",
                f"use one of: {', '.join(f'{k} ({v[2]})' for k, v in products.items())}",
                f"请使用：{'、'.join(f'{k}（{v[0]}，{v[2]}）' for k, v in products.items())}",
            )


def _implausible_ncv(year: int, rows: Sequence[FuelUse]) -> Iterator[Issue]:
    p = shared_parameters().at(dt.date(year, 1, 1))
    for i, r in enumerate(rows):
        if r.ncv is None:
            continue
        default = float(p("ndrc_fuel_ncv", r.fuel))
        if not default / NCV_PLAUSIBLE_RATIO <= r.ncv <= default * NCV_PLAUSIBLE_RATIO:
            yield Issue(
                ("fuel_use", i, "ncv"),
                f"measured NCV {r.ncv:g} of {r.fuel} is far from the default {default:g} "
                "GJ/unit: a unit mistake (kcal/kg, MJ/Nm3)?",
                f"{r.fuel} 实测低位发热量 {r.ncv:g} 与缺省值 {default:g} GJ/单位 相差过大，"
                "疑似单位错误（kcal/kg、MJ/Nm3？）",
                "give the NCV in GJ/t (solids, liquids) or GJ/10^4 Nm3 (gases)",
                "固体、液体燃料填 GJ/t，气体燃料填 GJ/万Nm3",
            )
