"""Worked cases: the regulator's (or our derived) examples, in the input format, with expected
figures and tolerances. ``chinaets rules test`` and pytest run the same files.

A case file::

    defaults:                 # merged into every case's input (optional)
      entity: {credit_code: 91370000MA3C5EJ50G, name: 示例电厂, province: 山东}
    cases:
      - name: measured coal on the air-dried basis
        name_zh: 空气干燥基实测燃煤
        source: rules reference §1.3 worked check (Derived)
        year: 2023
        input: {units: [...], fuel_use: [...], lab_results: [...]}
        expect:               # dotted paths into the result's as_dict()
          direct_tco2: 2000204.08
          units.U1.fuels.bituminous.tco2: 2000204.08
        tolerance: 0.01       # absolute, in the unit of each figure (default 0.005)
      - name: …
        expect_error: month   # the input must be rejected, with this text in the message
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from chinaets.core.errors import InputError, RulesError
from chinaets.core.labels import Lang, translated

DEFAULT_TOLERANCE = 0.005
_CASE_KEYS = {
    "name",
    "name_zh",
    "source",
    "year",
    "input",
    "expect",
    "expect_error",
    "tolerance",
    "notes",
}


@dataclass(frozen=True)
class WorkedCase:
    name: str
    source: str
    year: int
    input: dict[str, Any]
    expect: dict[str, Any]
    tolerance: float
    file: str
    expect_error: str | None = None
    name_zh: str = ""

    def title(self, lang: Lang) -> str:
        """The case's name as `lang` reads it."""
        return translated(self.name, self.name_zh, lang)


@dataclass
class CaseOutcome:
    case: WorkedCase
    mismatches: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.mismatches


def load_cases(directory: Path) -> list[WorkedCase]:
    return [case for path in sorted(directory.glob("*.yaml")) for case in load_case_file(path)]


def load_case_file(path: Path) -> list[WorkedCase]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(raw, dict) or not isinstance(raw.get("cases"), list):
        raise RulesError(f"{path.name}: needs a 'cases' list / 需要 cases 列表")
    defaults = raw.get("defaults") or {}
    out = []
    for i, entry in enumerate(raw["cases"]):
        unknown = set(entry) - _CASE_KEYS
        if unknown or "name" not in entry or "year" not in entry:
            raise RulesError(
                f"{path.name}: case {i + 1} has unknown keys {sorted(unknown)} or lacks name/year "
                f"/ {path.name}：第 {i + 1} 个算例含未知键 {sorted(unknown)} 或缺少 name/year"
            )
        data = {**defaults, **entry.get("input", {}), "year": entry["year"]}
        out.append(
            WorkedCase(
                name=str(entry["name"]),
                name_zh=str(entry.get("name_zh") or ""),
                source=str(entry.get("source", "")),
                year=int(entry["year"]),
                input=data,
                expect=dict(entry.get("expect") or {}),
                tolerance=float(entry.get("tolerance", DEFAULT_TOLERANCE)),
                file=path.name,
                expect_error=entry.get("expect_error"),
            )
        )
    return out


def run_case(case: WorkedCase, compute: Callable[[dict[str, Any]], dict[str, Any]]) -> CaseOutcome:
    """Run one case: `compute` turns the input into the result's ``as_dict()``."""
    outcome = CaseOutcome(case)
    try:
        result = compute(case.input)
    except InputError as exc:
        if case.expect_error is None:
            outcome.mismatches.append(f"input rejected: {exc.render()}")
        elif case.expect_error not in exc.render():
            outcome.mismatches.append(f"error lacks '{case.expect_error}': {exc.render()}")
        return outcome
    if case.expect_error is not None:
        outcome.mismatches.append(
            f"expected an error mentioning '{case.expect_error}', got a result"
        )
    for path, expected in case.expect.items():
        actual = lookup(result, path)
        if not _matches(actual, expected, case.tolerance):
            outcome.mismatches.append(f"{path}: expected {expected!r}, got {actual!r}")
    return outcome


def lookup(data: Any, path: str) -> Any:
    """Follow a dotted path through nested dicts; a missing step gives '<missing>'."""
    for step in path.split("."):
        if not isinstance(data, dict) or step not in data:
            return "<missing>"
        data = data[step]
    return data


def _matches(actual: Any, expected: Any, tolerance: float) -> bool:
    if isinstance(expected, bool) or expected is None or isinstance(expected, str):
        return bool(actual == expected)
    if isinstance(expected, int | float) and isinstance(actual, int | float):
        return abs(float(actual) - float(expected)) <= tolerance
    return bool(actual == expected)
