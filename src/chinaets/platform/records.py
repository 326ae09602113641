"""What the platform hands back: a file's outcome, a screening row, a version's history."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from chinaets.core.errors import Problem

Status = Literal["stored", "duplicate", "refused"]
STATUS_ZH = {"stored": "已入库", "duplicate": "重复提交", "refused": "已拒收"}


@dataclass(frozen=True)
class Outcome:
    """What became of one file of a batch."""

    name: str
    status: Status
    kind: str = ""
    sector: str = ""
    credit_code: str = ""
    year: int | None = None
    month: int | None = None
    submission_id: int | None = None
    version: int | None = None
    errors: int = 0
    warnings: int = 0
    total_t: float = 0.0
    defaults_t: float = 0.0
    problems: tuple[Problem, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        data = {k: v for k, v in asdict(self).items() if k != "problems"}
        data["status_zh"] = STATUS_ZH[self.status]
        data["problems"] = [p.as_dict() for p in self.problems]
        return data


@dataclass(frozen=True)
class ScreeningRow:
    """One finding on the reviewer's screening list (the shared screening-row columns)."""

    source: str
    severity: str
    code: str
    sector: str
    province: str
    credit_code: str
    unit_id: str
    year: int
    month: int | None
    field: str
    en: str
    zh: str
    tco2_at_stake: float
    submission_id: int | None = None
    name: str = ""
    finding_id: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class FindingDraft:
    """A finding about to be stored with a submission."""

    source: str
    severity: str
    code: str
    en: str
    zh: str
    unit_id: str = ""
    month: int | None = None
    field: str = ""
    tco2_at_stake: float = 0.0
    reference: str = ""


@dataclass
class Prepared:
    """A validated, accounted and checked submission, ready to be stored."""

    kind: str
    sector: str
    credit_code: str
    name: str
    province: str
    year: int
    month: int
    document: dict[str, Any]
    result: dict[str, Any]
    summary: dict[str, Any] | None
    total_t: float
    defaults_t: float
    findings: list[FindingDraft] = field(default_factory=list)
    evidence: dict[str, bytes] = field(default_factory=dict)
