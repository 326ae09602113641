"""Request bodies of the platform's workflows (the REST API and the CLI read the same models)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from chinaets.platform.records import FindingDraft


class ReviewFinding(BaseModel):
    """A finding the reviewer writes when returning a report."""

    model_config = ConfigDict(extra="forbid")
    code: str = Field(min_length=1, max_length=40, examples=["REV-LAB-MISSING"])
    severity: Literal["error", "warning", "info"] = "error"
    en: str = Field(min_length=1, examples=["the March coal lab report is not in the evidence"])
    zh: str = Field(min_length=1, examples=["证明材料中缺少3月入炉煤化验报告"])
    unit_id: str = Field("", max_length=80)
    month: int | None = Field(None, ge=1, le=12)
    field: str = Field("", max_length=120)
    tco2_at_stake: float = Field(0.0, ge=0, allow_inf_nan=False)

    def draft(self) -> FindingDraft:
        return FindingDraft("review", self.severity, self.code, self.en, self.zh, self.unit_id,
                            self.month, self.field, self.tco2_at_stake)  # fmt: skip


class ReviewRequest(BaseModel):
    """A review transition: start, return (with findings or a note) or accept."""

    model_config = ConfigDict(extra="forbid")
    action: Literal["start", "return", "accept"]
    conclusion: str = Field(
        "", examples=["verified emissions as reported / 核查确认排放量与报告一致"]
    )
    note: str = ""
    verified_on: dt.date | None = Field(None, description="day verification was completed")
    findings: list[ReviewFinding] = Field(default_factory=list)
