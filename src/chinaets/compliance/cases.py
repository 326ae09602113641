"""The compliance worked cases of the compliance law book (``chinaets rules test``)."""

from __future__ import annotations

from typing import Any

from chinaets.compliance.rules import LAW


def compute(data: dict[str, Any]) -> dict[str, Any]:
    from chinaets.compliance.api import run_case_input

    return run_case_input(data)


LAW_BOOK = LAW.computing(compute)
