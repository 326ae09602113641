"""The cement sector's allocation perimeter: its clinker lines, with what the 2025–2026 plan's
Table 2-3 needs beside the verified emissions: the clinker type (only Portland clinker is
allocated; a line of white Portland clinker only is a special case) and the carbide slag the
line substituted (its rate decides another special case)."""

from __future__ import annotations

from typing import Any

from chinaets.mrv.cement.results import EntityResult
from chinaets.mrv.industry.allocation_input import industry_document


def allocation_document(
    report: Any, result: EntityResult, previous: Any | None = None
) -> dict[str, Any]:
    lines = [_clinker_line(k, v) for k, v in result.as_dict()["lines"].items()]
    return industry_document("cement", result, lines)


def _clinker_line(line_id: str, v: dict[str, Any]) -> dict[str, Any]:
    process = v["process"]
    clinker = process.get("clinker", {})
    types = {t for t, c in clinker.items() if c["quantity"] > 0}
    slag = process.get("deductions", {}).get("carbide_slag")
    line: dict[str, Any] = {"line_id": line_id, "verified_tco2": v["total_tco2"],
                            "output_t": v["clinker_t"], "fuel_tco2": v["fuel_tco2"]}  # fmt: skip
    if types == {"white_portland"}:
        line["white_clinker_only"] = True
        line["clinker_type"] = "white_portland"
    elif types and not types & {"portland", "white_portland"}:
        line["clinker_type"] = "other"
    ef = _factor(clinker.get("portland") or clinker.get("white_portland"))
    if slag and slag["quantity"] > 0 and ef:
        line.update(carbide_slag_t=slag["quantity"], clinker_process_ef=ef,
                    carbide_slag_deduction_factor=slag["tco2"] / slag["quantity"])  # fmt: skip
    return line


def _factor(entry: dict[str, float] | None) -> float | None:
    """tCO2 per t of an entry of the accounting's clinker or deduction table."""
    return entry["tco2"] / entry["quantity"] if entry and entry["quantity"] > 0 else None
