"""The tonnes behind a finding, read from any sector's accounting result.

A result's ``as_dict()`` nests its emissions: every figure is a ``tco2`` (or ``tco2e``) key, the
finest ones (a fuel in a month of a unit, a material of a line) are the leaves. A leaf sits under
a unit when its path passes a unit collection (``units``, ``lines``, ``processes``, …) and in a
month when it passes ``months``; it rests on defaults when one of its ``*_source`` keys says
``default``. From the leaves:

- the tonnes from defaults of a report are the leaves computed with a default value;
- the tonnes at stake of a finding are the leaves in its scope (its unit, its month): those
  computed with defaults when there are any (what a measurement would change), else all of
  them. Findings about the whole entity, and info notes, put nothing at stake.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

UNIT_COLLECTIONS = frozenset({"units", "lines", "processes", "installations", "kilns"})
EMISSION_KEYS = ("tco2", "tco2e")


@dataclass(frozen=True)
class Leaf:
    unit_id: str | None
    month: int | None
    tco2: float
    default: bool


def leaves(result: Mapping[str, Any]) -> list[Leaf]:
    """The finest emission figures of an accounting result (its ``as_dict()``)."""
    return list(_walk(result, None, None, None))


def _walk(node: Any, parent: str | None, unit: str | None, month: int | None) -> Iterator[Leaf]:
    if not isinstance(node, Mapping):
        return
    found = False
    for key, child in node.items():
        if not isinstance(child, Mapping):
            continue
        child_unit = str(key) if parent in UNIT_COLLECTIONS else unit
        child_month = _month(key) if parent == "months" else month
        for leaf in _walk(child, str(key), child_unit, child_month):
            found = True
            yield leaf
    tco2 = _emissions(node)
    if not found and tco2 is not None:
        default = any(k.endswith("_source") and v == "default" for k, v in node.items())
        yield Leaf(unit, month, tco2, default)


def _month(key: Any) -> int | None:
    try:
        return int(key)
    except (TypeError, ValueError):
        return None


def _emissions(node: Mapping[str, Any]) -> float | None:
    for key in EMISSION_KEYS:
        value = node.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
    return None


def tonnes_from_defaults(found: Iterable[Leaf]) -> float:
    return sum(leaf.tco2 for leaf in found if leaf.default)


def at_stake(
    found: list[Leaf], unit_id: str | None, month: int | None, severity: str = "error"
) -> float:
    """The tonnes a finding located at (`unit_id`, `month`) puts at risk."""
    if severity == "info" or (unit_id is None and month is None):
        return 0.0
    scope = [
        leaf
        for leaf in found
        if (unit_id is None or leaf.unit_id == unit_id) and (month is None or leaf.month == month)
    ]
    defaults = [leaf for leaf in scope if leaf.default]
    return sum(leaf.tco2 for leaf in defaults or scope)
