"""Verification findings: what a verifier would write down about a report, in two languages."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Finding:
    """One finding. `code` is stable (tests and filters use it); messages are for people."""

    code: str
    severity: Severity
    en: str
    zh: str
    unit_id: str | None = None
    month: int | None = None
    field: str | None = None
    reference: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in (None, "")}


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)
