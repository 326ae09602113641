"""The allocation worked cases of the allocation law book (``chinaets rules test allocation``)."""

from __future__ import annotations

from typing import Any

from chinaets.allocation.rules import LAW


def compute(data: dict[str, Any]) -> dict[str, Any]:
    from chinaets.allocation import allocate
    from chinaets.allocation.inputs import parse_input

    return allocate(parse_input(data, "<case>")).as_dict()


LAW_BOOK = LAW.computing(compute)
