"""Suites of worked cases that ``chinaets rules test`` (and pytest) run.

A suite is a folder of case files and the function that turns a case's input into the
result's ``as_dict()``. The MRV sectors are suites; so are allocation and compliance, which
contribute theirs through a provider module's ``case_suites()``. A new package adds its
provider's import path to `PROVIDERS` (or calls `register` at run time), not code in the CLI.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chinaets.core.errors import InputError, Location
from chinaets.rules.parameters import ParameterSet

Compute = Callable[[dict[str, Any]], dict[str, Any]]


@dataclass(frozen=True)
class CaseSuite:
    """A body of law: its worked cases, how to compute them, and its parameters (which
    ``chinaets rules show`` lists)."""

    name: str
    zh: str
    cases_dir: Path
    compute: Compute
    parameters: Callable[[], ParameterSet] | None = None


PROVIDERS = (
    "chinaets.allocation.cases",
    "chinaets.compliance.cases",
    "chinaets.ccer.cases",
    "chinaets.national.targets.cases",
    "chinaets.market.cases",
    "chinaets.platform.rules",
)
"""Modules with a ``case_suites() -> list[CaseSuite]`` function, besides the MRV sectors."""

_registered: dict[str, CaseSuite] = {}


def register(suite: CaseSuite) -> None:
    """Add a suite at run time (plugins, tests)."""
    _registered[suite.name] = suite


def suites() -> dict[str, CaseSuite]:
    """Every suite by name: MRV sectors first, then the providers', then registered ones."""
    from chinaets.mrv.sectors import sectors

    out = {
        spec.name: CaseSuite(
            spec.name, spec.zh, spec.cases_dir, _sector_compute(spec), spec.parameters
        )
        for spec in sectors().values()
    }
    for provider in PROVIDERS:
        for suite in importlib.import_module(provider).case_suites():
            out[suite.name] = suite
    out.update(_registered)
    return out


def _sector_compute(spec: Any) -> Compute:
    def compute(data: dict[str, Any]) -> dict[str, Any]:
        result: dict[str, Any] = spec.account(spec.parse(data, "<case>")).as_dict()
        return result

    return compute


def get_suite(name: str) -> CaseSuite:
    known = suites()
    if name not in known:
        raise InputError.one(
            Location(field="suite"),
            f"unknown body of rules '{name}'",
            f"未知规则集 '{name}'",
            f"use one of: {', '.join(known)}",
            f"请使用：{'、'.join(known)}",
        )
    return known[name]
