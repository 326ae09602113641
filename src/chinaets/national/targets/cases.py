"""Worked cases of the targets tracker, a suite of ``chinaets rules test``.

A case's input is one of:

- ``changes`` (%, chained) with optional ``target`` (%), ``kind`` and ``years_left``: the
  arithmetic alone, as a hand calculation checks it;
- ``level``, ``target`` and ``years_left``: a level target;
- ``target_name`` and ``basis``: the stored national data against a stored target.
"""

from __future__ import annotations

from typing import Any

from chinaets.core.errors import InputError, Location
from chinaets.national.targets.progress import chain, needed_rate, progress_report
from chinaets.national.targets.rules import LAW


def compute(data: dict[str, Any]) -> dict[str, Any]:
    if "target_name" in data:
        return _stored(str(data["target_name"]), str(data.get("basis", "as_published")))
    if "changes" in data:
        return _changes(data)
    if "level" in data:
        return _level(data)
    raise InputError.one(
        Location(field="input"),
        "a targets case needs changes, level or target_name",
        "目标算例需要 changes、level 或 target_name",
        "add one of these keys to the case's input",
        "请在算例输入中加入其中一个键",
    )


def _changes(data: dict[str, Any]) -> dict[str, Any]:
    changes = [float(c) for c in data["changes"]]
    out: dict[str, Any] = {"cumulative_pct": chain(changes), "added_pct": sum(changes)}
    if "target" in data:
        target = float(data["target"])
        value = out["cumulative_pct"]
        strict = data.get("kind") == "change_below"
        out["met"] = value < target if strict else value <= target
        out["shortfall_pp"] = max(0.0, value - target)
        if int(data.get("years_left", 0)) > 0:
            out["needed_annual_pct"] = needed_rate(value, target, int(data["years_left"]))
            out["needed_total_pct"] = needed_rate(value, target, 1)
    return out


def _level(data: dict[str, Any]) -> dict[str, Any]:
    level, target, years = float(data["level"]), float(data["target"]), int(data["years_left"])
    return {
        "met": level >= target,
        "needed_growth_pct": ((target / level) ** (1 / years) - 1) * 100,
        "needed_per_year": (target - level) / years,
    }


def _stored(name: str, basis: str) -> dict[str, Any]:
    for p in progress_report():
        if p.target.name == name and p.basis == basis:
            return p.as_dict()
    raise InputError.one(
        Location(field="target_name"),
        f"no progress row for target '{name}' on basis '{basis}'",
        f"目标 '{name}' 在口径 '{basis}' 下没有进度结果",
        "use a file name from national/targets/parameters and a basis shown by chinaets targets",
        "请使用 national/targets/parameters 中的文件名及 chinaets targets 显示的口径",
    )


LAW_BOOK = LAW.computing(compute)
