"""The S&T Support Plan (2022–2030) and the Adaptation Strategy 2035 as progress tables.

Both are kept as data (``data/national/st_support_plan.yaml``,
``adaptation_strategy_2035.yaml``). Most of their goals are qualitative: a row says so rather
than inventing a number. A quantitative goal without a published figure says "no figure".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from chinaets.core.labels import Lang, translated
from chinaets.national.targets.indicators import DATA_DIR

ST_PLAN_FILE = DATA_DIR / "st_support_plan.yaml"
ADAPTATION_FILE = DATA_DIR / "adaptation_strategy_2035.yaml"


@cache
def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def st_plan() -> dict[str, Any]:
    return _load(ST_PLAN_FILE)


def adaptation() -> dict[str, Any]:
    return _load(ADAPTATION_FILE)


@dataclass(frozen=True, slots=True)
class ProgressRow:
    """One line of a progress table: what was promised, what is published, how measurable."""

    en: str
    zh: str
    year: int | None
    measure: str  # quantitative | qualitative | proxy (unofficial target) | count (no target)
    target: float | None
    latest: float | None
    latest_note: str
    source: str
    url: str = ""
    uncertain: str = ""
    linked: bool = False  # the note is the linked targets' status in the reader's language
    latest_note_zh: str = ""
    source_zh: str = ""  # the source in Chinese, when it is ours (a plan's own title)
    uncertain_zh: str = ""

    def note(self, lang: Lang) -> str:
        return translated(self.latest_note, self.latest_note_zh, lang)

    def cited(self, lang: Lang) -> str:
        return translated(self.source, self.source_zh, lang)

    def why_uncertain(self, lang: Lang) -> str:
        return translated(self.uncertain, self.uncertain_zh, lang)

    @property
    def share(self) -> float | None:
        """Latest as a share of the target (quantitative rows with both)."""
        if self.target and self.latest is not None:
            return self.latest / self.target
        return None

    def as_dict(self) -> dict[str, Any]:
        return {
            "en": self.en, "zh": self.zh, "year": self.year, "measure": self.measure,
            "target": self.target, "latest": self.latest, "latest_note": self.latest_note,
            "share": self.share, "source": self.source, "url": self.url, "uncertain": self.uncertain,
            "latest_note_zh": self.latest_note_zh, "source_zh": self.source_zh,
            "uncertain_zh": self.uncertain_zh,
        }  # fmt: skip


def st_plan_rows(
    status_of: dict[str, str] | None = None, status_of_zh: dict[str, str] | None = None
) -> list[ProgressRow]:
    """The plan's goals; a goal tied to a national target shows that target's status
    (`status_of`: a target's name → how the reader is told its status, e.g. "目标……：未完成";
    `status_of_zh`: the same in Chinese, for the row's Chinese note, default `status_of`)."""
    plan = st_plan()
    rows = []
    for goal in plan["goals"]:
        names = goal.get("linked_targets", [])
        linked = [(status_of or {}).get(t, "—") for t in names]
        linked_zh = [(status_of_zh or status_of or {}).get(t, "—") for t in names]
        quantitative = goal["kind"] == "quantitative"
        rows.append(
            ProgressRow(
                en=goal["en"],
                zh=goal["zh"],
                year=int(goal["year"]),
                measure=goal["kind"],
                target=float(goal["target"]) if quantitative else None,
                latest=goal.get("realised"),
                latest_note=goal.get("realised_note") or "; ".join(linked),
                linked=not goal.get("realised_note") and bool(linked),
                source=plan["title"],
                url=plan["sources"][0],
                uncertain=plan.get("issued_note", ""),
                latest_note_zh=goal.get("realised_note_zh") or "；".join(linked_zh),
                source_zh=plan.get("title_zh", ""),
                uncertain_zh=plan.get("issued_note_zh", ""),
            )
        )
    return rows


def adaptation_rows() -> list[ProgressRow]:
    """One row per published value of each indicator, oldest report first."""
    rows = []
    for indicator in adaptation()["indicators"]:
        target = indicator.get("proxy_target")
        measure = "qualitative" if indicator["unit"] == "qualitative" else "count"
        measure = "proxy" if target is not None else measure
        for v in indicator["values"]:
            note = v.get("value_note", "")
            note_zh = v.get("value_note_zh", "")
            if target is not None:
                note = "; ".join(x for x in (note, indicator.get("proxy_note", "")) if x)
                note_zh = "；".join(x for x in (note_zh, indicator.get("proxy_note_zh", "")) if x)
            rows.append(
                ProgressRow(
                    en=indicator["en"],
                    zh=indicator["zh"],
                    year=None,
                    measure=measure,
                    target=float(target) if target is not None else None,
                    latest=float(v["value"]) if v.get("value") is not None else None,
                    latest_note=f"{v['report']}" + (f" — {note}" if note else ""),
                    source=v["source"],
                    url=v.get("url", ""),
                    uncertain=v.get("uncertain", ""),
                    latest_note_zh=v.get("report_zh", "") + (f"——{note_zh}" if note_zh else ""),
                    uncertain_zh=v.get("uncertain_zh", ""),
                )
            )
    return rows
