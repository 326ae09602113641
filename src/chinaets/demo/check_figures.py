"""Published figures the national data set is checked against (data, with their sources)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

CHECK_FIGURES_FILE = (
    Path(__file__).resolve().parents[1] / "data" / "national" / "ets_power_check_figures.yaml"
)


@dataclass(frozen=True, slots=True)
class CoverageCheck:
    """Entities and covered emissions of the ETS power sector in one year, as published."""

    year: int
    entities: int
    covered_gt: float
    approximate: bool
    source: str

    @property
    def covered_mt(self) -> float:
        return self.covered_gt * 1000


def power_coverage(year: int) -> CoverageCheck:
    """The figure for `year`, or for the latest earlier year published (later years' figures
    cover other sectors too, so the last power-only year stands in for them)."""
    raw = yaml.safe_load(CHECK_FIGURES_FILE.read_text(encoding="utf-8"))["values"]
    known = sorted(int(y) for y in raw)
    usable = [y for y in known if y <= year] or known[:1]
    chosen = usable[-1]
    entry = raw[chosen]
    return CoverageCheck(
        year=chosen,
        entities=int(entry["entities"]),
        covered_gt=float(entry["covered_gt"]),
        approximate=bool(entry["approximate"]),
        source=str(entry["source"]),
    )
