"""From a received file to a `Prepared` submission: validated by its sector's loader, accounted,
checked, and its findings located and weighed in tonnes. Nothing is stored here."""

from __future__ import annotations

import dataclasses
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chinaets.allocation.categories import categorised
from chinaets.core.errors import InputError, Location
from chinaets.mrv.findings import Finding
from chinaets.mrv.sectors import Sector, detect_sector, get_sector
from chinaets.mrv.summaries import headline_total, summarise
from chinaets.platform import stake
from chinaets.platform.records import FindingDraft, Prepared

DEFAULTS_VALUE = "tco2_from_defaults"
"""A Summary value that, when a sector gives it, replaces the leaf estimate of `stake`."""


def prepare_report(path: Path, name: str, sector: str | None = None) -> Prepared:
    """Validate, account and check an annual report (JSON, .xlsx or a CSV folder)."""
    spec = get_sector(sector or detect_sector(path))
    try:
        report = spec.load(path, None)
    except InputError as exc:
        raise _renamed(exc, path, name) from None
    result = spec.account(report)
    findings = spec.check(report, result)
    result_dict = exact_json(result.as_dict())
    found = stake.leaves(result_dict)
    summary = _summary(spec, report, result)
    total = _total(result_dict, summary)
    return Prepared(
        kind="report",
        sector=spec.name,
        credit_code=report.entity.credit_code,
        name=report.entity.name,
        province=report.entity.province,
        year=int(report.year),
        month=0,
        document=exact_json(report.model_dump(mode="json")),
        result=result_dict,
        summary=summary,
        total_t=total,
        defaults_t=_defaults(found, summary, total),
        findings=[_draft(f, found, total) for f in findings],
    )


@dataclass(frozen=True)
class Diagnosis:
    """What `chinaets account` says beside the figures: the findings and the default tonnes."""

    errors: int
    warnings: int
    infos: int
    tco2_from_defaults: float
    total_t: float

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def diagnose(spec: Sector, report: Any, result: Any) -> Diagnosis:
    findings = spec.check(report, result)
    result_dict = exact_json(result.as_dict())
    summary = _summary(spec, report, result)
    count = {s: sum(f.severity == s for f in findings) for s in ("error", "warning", "info")}
    return Diagnosis(
        count["error"], count["warning"], count["info"],
        _defaults(stake.leaves(result_dict), summary, _total(result_dict, summary)),
        _total(result_dict, summary),
    )  # fmt: skip


def _draft(finding: Finding, found: list[stake.Leaf], total: float) -> FindingDraft:
    return FindingDraft(
        source="submission",
        severity=finding.severity,
        code=finding.code,
        en=finding.en,
        zh=finding.zh,
        unit_id=finding.unit_id or "",
        month=finding.month,
        field=finding.field or "",
        tco2_at_stake=min(
            stake.at_stake(found, finding.unit_id, finding.month, finding.severity), total
        ),
        reference=finding.reference,
    )


def _summary(spec: Sector, report: Any, result: Any) -> dict[str, Any]:
    """The `Summary` of the result (`summarise`), its units' allocation categories filled in."""
    kept = categorised(summarise(spec, report, result), report, result)
    summary: dict[str, Any] = exact_json(dataclasses.asdict(kept))
    return summary


def _defaults(found: list[stake.Leaf], summary: dict[str, Any] | None, total: float) -> float:
    """The sector's own figure when its Summary gives one; else the leaf estimate, which counts
    a figure once per view the result offers (a steel result has process and enterprise views),
    so it is capped at the total."""
    values = (summary or {}).get("values") or {}
    if DEFAULTS_VALUE in values:
        return float(values[DEFAULTS_VALUE])
    estimate = stake.tonnes_from_defaults(found)
    return min(estimate, total) if total > 0 else estimate


def _total(result: dict[str, Any], summary: dict[str, Any] | None) -> float:
    if summary is not None:
        return float(summary["total_emissions_t"])
    return headline_total(result) or 0.0


def exact_json(data: Any) -> Any:
    """`data` as JSON values: floats kept exactly (shortest repr round-trips), no NaN."""
    return json.loads(json.dumps(data, ensure_ascii=False, allow_nan=False, default=_plain))


def _plain(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("not a finite number")
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    return str(value)


def _renamed(exc: InputError, path: Path, name: str) -> InputError:
    """The loader's problems, naming the file as the user sent it (not a temporary path)."""
    problems = []
    for p in exc.problems:
        file = p.where.file
        for prefix in (str(path), path.name):
            if file is not None and file.startswith(prefix):
                file = name + file[len(prefix) :]
                break
        where = Location(file or name, p.where.sheet, p.where.row, p.where.field)
        problems.append(dataclasses.replace(p, where=where))
    return InputError(problems)
