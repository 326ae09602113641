"""Stateless calculations on one document, as OpenFisca's ``/calculate``: nothing is stored.

Each takes the same JSON a file would hold (a sector's report, an allocation input, a compliance
position) and returns the result's ``as_dict()``. A compliance position must give its verified
emissions: a request cannot name a report file on the server.
"""

from __future__ import annotations

import json
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from chinaets.core.errors import InputError, Location
from chinaets.mrv.sectors import detect_sector, get_sector
from chinaets.platform.prepare import diagnose, exact_json

SOURCE = "<request>"


def _sector_of(data: dict[str, Any]) -> str:
    """The sector as `detect_sector` reads it from a file (declared, else by its tables)."""
    with tempfile.TemporaryDirectory(prefix="chinaets-calc-") as folder:
        path = Path(folder) / "report.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return detect_sector(path)


def account(data: dict[str, Any]) -> dict[str, Any]:
    """A report's accounting result, with its findings count and default tonnes."""
    spec = get_sector(_sector_of(data))
    report = spec.parse(data, SOURCE)
    result = spec.account(report)
    out: dict[str, Any] = exact_json(result.as_dict())
    out["diagnosis"] = diagnose(spec, report, result).as_dict()
    return out


def check(data: dict[str, Any]) -> list[dict[str, Any]]:
    """A report's verification findings."""
    spec = get_sector(_sector_of(data))
    report = spec.parse(data, SOURCE)
    return [f.as_dict() for f in spec.check(report, spec.account(report))]


def allocate(data: dict[str, Any]) -> dict[str, Any]:
    """The allocation of an allocation input or of an MRV report."""
    from chinaets.allocation import allocate as run
    from chinaets.allocation.inputs import parse_input

    result: dict[str, Any] = exact_json(run(parse_input(data, SOURCE)).as_dict())
    return result


def comply(data: dict[str, Any]) -> dict[str, Any]:
    """The compliance status of a position (holdings, surrenders, verified emissions)."""
    from chinaets.compliance.status import assess

    inp, verified = _position(data)
    result: dict[str, Any] = exact_json(assess(inp, verified).as_dict())
    return result


def plan(data: dict[str, Any], price_cea: Decimal, price_ccer: Decimal) -> dict[str, Any]:
    """The cheapest lawful way to close a position's gap at the given prices."""
    from chinaets.compliance.planner import plan as run

    inp, verified = _position(data)
    result: dict[str, Any] = exact_json(run(inp, verified, price_cea, price_ccer).as_dict())
    return result


def _position(data: dict[str, Any]) -> tuple[Any, int]:
    from chinaets.compliance.api import parse_input

    inp = parse_input(data, SOURCE)
    if inp.verified_tco2 is None:
        raise InputError.one(
            Location(SOURCE, field="verified_tco2"),
            "give verified_tco2: a request cannot name a report file on the server",
            "请填写 verified_tco2：请求不能引用服务器上的报告文件",
            "account the report first (POST /calculate/account) and give its emissions",
            "请先核算报告（POST /calculate/account）再填写排放量",
        )
    return inp, inp.verified_tco2
