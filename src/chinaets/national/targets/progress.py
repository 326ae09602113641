"""Progress toward each target: chain the annual rates, never add them.

    cumulative change (base → T) = Π_{y = base+1..T} (1 + r_y) − 1
    annual rate still needed     = ((1 + target) / (1 + cumulative))^(1 / years left) − 1

A change target is computed once per basis (`indicators.BASES`): from the yearly communiqué
rates as published, and from the latest official cumulative figure followed by the later yearly
rates. Where both give the same chain only one is shown. A base year before the first published
rate (2005 for the NDC) starts from the official cumulative figure to the first rated year.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from chinaets.core.labels import Lang, bilingual, term
from chinaets.national.targets import indicators as ind
from chinaets.national.targets.indicators import Observation
from chinaets.national.targets.rules import Target, load_targets
from chinaets.rules.trace import TraceNode

CHANGE_BASES = ("as_published", "official_cumulative", "raw_total_energy")

STATUS: dict[str, tuple[str, str]] = {
    "met": ("met", "已完成"),
    "missed": ("missed", "未完成"),
    "met_early": ("already met", "已提前完成"),
    "on_track": ("on track", "进度符合"),
    "behind": ("behind", "进度滞后"),
    "starts": ("period starts: no data after the base year yet", "刚起步：基年后尚无数据"),
    "pending": ("in progress: one data point, no trend yet", "进行中：仅一个数据点，尚无趋势"),
    "not_computable": ("not computable", "无法计算"),
    "no_data": ("no data", "无数据"),
}


def chain(changes_pct: list[float]) -> float:
    """Cumulative change in % of a sequence of changes in %: chain([-3.8, -0.8]) = −4.57."""
    factor = 1.0
    for change in changes_pct:
        factor *= 1 + change / 100
    return (factor - 1) * 100


def needed_rate(current_pct: float, target_pct: float, years: int) -> float:
    """The constant annual change (%) that takes a cumulative `current_pct` to `target_pct`."""
    factor = (1 + target_pct / 100) / (1 + current_pct / 100)
    return float(factor ** (1 / years) - 1) * 100


@dataclass
class Progress:
    target: Target
    basis: str
    start_year: int | None
    end_year: int | None
    value: float | None  # cumulative change in % (change targets) or latest level
    steps: list[Observation] = field(default_factory=list)
    status: str = "no_data"
    needed_annual: float | None = None  # % per year (rate of change, or growth of a level)
    needed_per_year: float | None = None  # level units per year, linear (level targets)
    pace: float | None = None  # realised average % per year so far
    projection: tuple[Target, float] | None = None  # (later target, cumulative change if met)

    @property
    def years_left(self) -> int | None:
        return None if self.end_year is None else self.target.target_year - self.end_year

    def as_dict(self) -> dict[str, Any]:
        t = self.target
        return {
            "target": t.name, "indicator": t.indicator, "horizon": t.horizon, "kind": t.kind,
            "target_value": t.target, "unit": t.unit, "base_year": t.base_year,
            "target_year": t.target_year, "basis": self.basis, "start_year": self.start_year,
            "end_year": self.end_year, "value": _r(self.value), "status": self.status,
            "years_left": self.years_left, "needed_annual": _r(self.needed_annual),
            "needed_per_year": _r(self.needed_per_year), "pace": _r(self.pace),
            "projection": None if self.projection is None else
                {"if_met": self.projection[0].name, "value": _r(self.projection[1]),
                 "if_met_en": self.projection[0].description,
                 "if_met_zh": self.projection[0].description_zh},
            "reference": t.reference, "uncertain": self.uncertain_notes(),
            "description": t.description, "description_zh": t.description_zh,
            "horizon_zh": t.plan("zh"), "unit_zh": t.unit_zh,
            "uncertain_zh": self.uncertain_notes("zh"),
            "steps": [{"year": s.year, "base_year": s.base_year, "value": s.value,
                       "unit": s.unit, "unit_zh": s.unit_zh, "basis": s.basis,
                       "source": s.source, "uncertain": s.uncertain,
                       "uncertain_zh": s.uncertain_zh} for s in self.steps],
        }  # fmt: skip

    def uncertain_notes(self, lang: Lang = "en") -> list[str]:
        """Why the target or a figure chained is uncertain, one note each, as `lang` reads it."""
        t = self.target
        notes = [_note("target", "目标", t.why_uncertain(lang), lang)] if t.uncertain else []
        return notes + [
            _note(str(s.year), f"{s.year}年", s.why_uncertain(lang), lang)
            for s in self.steps
            if s.uncertain
        ]

    def projection_note(self, lang: Lang) -> str:
        """Where the target ends up if the later plan target is met ('' when none applies)."""
        if self.projection is None:
            return ""
        later, value = self.projection
        return bilingual(
            f"if {later.description} is met: {value:.1f} %",
            f"如实现{later.description_zh}，累计将达 {value:.1f} %",
            lang,
        )

    def trace(self) -> TraceNode:
        t = self.target
        basis_en, basis_zh = ind.BASES.get(self.basis, (self.basis, self.basis))
        root = TraceNode(
            f"{t.description} ({basis_en})", _r(self.value), "%" if t.is_change else t.unit,
            "Π(1 + r) − 1" if t.is_change else "latest published level",
            label_zh=f"{t.description_zh}（{basis_zh}）",
            unit_zh="" if t.is_change else t.unit_zh,
            formula_zh="" if t.is_change else "最新公布值",
        )  # fmt: skip
        root.add(
            TraceNode(
                "target", t.target, t.unit, term(t.kind, "en"), t.reference, t.uncertain,
                label_zh=f"目标值（{t.plan('zh')}）", unit_zh=t.unit_zh,
                formula_zh=term(t.kind, "zh"), note_zh=t.uncertain_zh,
            )
        )  # fmt: skip
        for s in self.steps:
            span = f"{s.base_year}→{s.year}" if s.base_year else str(s.year)
            en, zh = ind.BASES.get(s.basis, (s.basis, s.basis))
            root.add(
                TraceNode(
                    f"{span} ({en})", s.value, s.unit, "", s.source, s.uncertain,
                    label_zh=f"{span}（{zh}）", unit_zh=s.unit_zh, note_zh=s.uncertain_zh,
                )
            )  # fmt: skip
        return root


def _note(about: str, about_zh: str, why: str, lang: Lang) -> str:
    return f"{about_zh}：{why}" if lang == "zh" else f"{about}: {why}"


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


# --- change targets ---------------------------------------------------------------------------


def change_steps(indicator: str, base_year: int, basis: str) -> list[Observation] | None:
    """The observations chained from `base_year` on one basis, or None if it has no path."""
    changes = [o for o in ind.series(indicator) if o.is_change]
    cumulative = [
        o for o in changes if o.basis == "official_cumulative" and o.base_year == base_year
    ]
    steps: list[Observation] = []
    if basis == "official_cumulative":
        if not cumulative:
            return None
        steps.append(max(cumulative, key=lambda o: o.year))
    elif _annual(changes, base_year + 1, basis) is None and cumulative:
        steps.append(min(cumulative, key=lambda o: o.year))  # anchor to the first rated year
    year = steps[-1].year if steps else base_year
    while (rate := _annual(changes, year + 1, basis)) is not None:
        steps.append(rate)
        year += 1
    return steps


def _annual(changes: list[Observation], year: int, basis: str) -> Observation | None:
    rates = {o.basis: o for o in changes if o.year == year and o.is_annual}
    return rates.get(basis) or rates.get("as_published")


def change_progress(target: Target) -> list[Progress]:
    if target.base_year is None:
        raise ValueError(f"{target.name}: a change target needs a base year")
    latest = max((o.year for o in ind.series(target.indicator)), default=None)
    if latest is None or latest < target.base_year:
        return [Progress(target, "as_published", target.base_year, None, None)]
    out: list[Progress] = []
    seen: list[list[tuple[int, str]]] = []
    for basis in CHANGE_BASES:
        steps = change_steps(target.indicator, target.base_year, basis)
        key = [(s.year, s.basis) for s in steps or []]
        if steps is None or key in seen:
            continue
        seen.append(key)
        out.append(_assess_change(target, basis, steps))
    return out


def _assess_change(target: Target, basis: str, steps: list[Observation]) -> Progress:
    base = target.base_year or 0
    end = steps[-1].year if steps else base
    value = chain([s.value for s in steps])
    p = Progress(target, basis, base, end, value, steps)
    reached = value < target.target if target.kind == "change_below" else value <= target.target
    left = target.target_year - end
    if end > base:
        p.pace = needed_rate(0.0, value, end - base)
    if left <= 0:
        p.status = "met" if reached else "missed"
        return p
    p.needed_annual = needed_rate(value, target.target, left)
    p.status = _open_status(reached, p.pace, p.needed_annual, steeper_is_worse=True)
    if end == base:
        p.status = "starts"
    return p


def _open_status(reached: bool, pace: float | None, needed: float, steeper_is_worse: bool) -> str:
    """Status of a target whose year is still ahead: compare the rate needed with the pace."""
    if reached:
        return "met_early"
    if pace is None:
        return "pending"
    # intensity targets need a decline at least as steep as `needed`; level targets growth
    ok = needed >= pace if steeper_is_worse else needed <= pace
    return "on_track" if ok else "behind"


# --- level targets ----------------------------------------------------------------------------


def level_progress(target: Target) -> list[Progress]:
    by_basis = ind.levels(target.indicator)
    if not by_basis:
        return [Progress(target, "as_published", None, None, None)]
    return [_assess_level(target, basis, rows) for basis, rows in by_basis.items()]


def _assess_level(target: Target, basis: str, rows: list[Observation]) -> Progress:
    first, last = rows[0], rows[-1]
    p = Progress(target, basis, first.year, last.year, last.value, [last])
    if last.year > first.year and first.value > 0:
        p.pace = ((last.value / first.value) ** (1 / (last.year - first.year)) - 1) * 100
    reached = last.value >= target.target
    left = target.target_year - last.year
    if left <= 0:
        p.status = "met" if reached else "missed"
        return p
    if not reached:
        p.needed_annual = ((target.target / last.value) ** (1 / left) - 1) * 100
        p.needed_per_year = (target.target - last.value) / left
    p.status = _open_status(reached, p.pace, p.needed_annual or 0.0, steeper_is_worse=False)
    return p


# --- all targets ------------------------------------------------------------------------------


def target_progress(target: Target) -> list[Progress]:
    if target.kind == "qualitative":
        return [Progress(target, "as_published", None, None, None, status="not_computable")]
    return change_progress(target) if target.is_change else level_progress(target)


def progress_report(as_of: dt.date | None = None) -> list[Progress]:
    """Progress toward every target adopted by `as_of`, one row per basis where they differ."""
    targets = load_targets(as_of)
    rows = [p for target in targets for p in target_progress(target)]
    for p in rows:
        p.projection = _projection(p, targets)
    return rows


def _projection(p: Progress, targets: list[Target]) -> tuple[Target, float] | None:
    """Where a long-run change target ends up if a later plan target that starts where the data
    end is met (the NDC's −65 % by 2030 with the 15th FYP's −17 % for 2026–2030)."""
    if not p.target.is_change or p.value is None or p.status not in {"behind", "pending"}:
        return None
    for later in targets:
        if (
            later.indicator == p.target.indicator
            and later.is_change
            and later.base_year == p.end_year
            and later.target_year == p.target.target_year
        ):
            return later, chain([p.value, later.target])
    return None
