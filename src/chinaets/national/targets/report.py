"""The targets report's charts: intensity indices against their targets, level indicators,
and market coverage — written as SVG files."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from chinaets.national.targets import indicators as ind
from chinaets.national.targets.charts import Mark, Point, bar_chart, index_points, line_chart
from chinaets.national.targets.coverage import CoverageRow
from chinaets.national.targets.progress import Progress
from chinaets.national.targets.rules import Target


def intensity_chart(indicator: str, base_year: int, rows: Sequence[Progress]) -> str:
    """Index (base year = 100) per basis, with every change target from that base as a mark."""
    chosen = [
        p for p in rows if p.target.indicator == indicator and p.target.base_year == base_year
    ]
    series: dict[str, list[Point]] = {}
    for p in chosen:
        name = ind.BASES[p.basis][0]
        if name not in series and p.steps:
            series[name] = index_points(p.steps, base_year)
    marks = [_change_mark(t) for t in _unique_targets(chosen)]
    title = f"{ind.INDICATORS[indicator][0]} / {ind.INDICATORS[indicator][1]} ({base_year} = 100)"
    return line_chart(title, "index", series, marks)


def _unique_targets(rows: Sequence[Progress]) -> list[Target]:
    return list({p.target.name: p.target for p in rows}.values())


def _change_mark(t: Target) -> Mark:
    return Mark(t.target_year, 100 * (1 + t.target / 100), f"{t.horizon} {t.target:g}%")


def level_chart(indicator: str, targets: Sequence[Target]) -> str:
    series = {
        ind.BASES[basis][0]: [(float(o.year), o.value) for o in rows]
        for basis, rows in ind.levels(indicator).items()
    }
    marks = [
        Mark(t.target_year, t.target, f"{t.horizon} {t.target:g}")
        for t in targets
        if t.indicator == indicator
    ]
    unit = next((o.unit for o in ind.series(indicator)), "")
    return line_chart(
        f"{ind.INDICATORS[indicator][0]} / {ind.INDICATORS[indicator][1]}", unit, series, marks
    )


def coverage_chart(rows: Sequence[CoverageRow]) -> str:
    short = {"power": "Power 发电", "new_sectors": "Steel+cement+Al 新增三行业",
             "market": "Market 全市场", "demo_power": "Demo power 演示"}  # fmt: skip
    bars = [(short.get(r.key, r.en), r.share_pct) for r in rows if r.share_pct is not None]
    return bar_chart(
        "ETS coverage, % of national CO2 / 全国碳市场覆盖比例",
        "% of national CO2",
        [(label, float(v)) for label, v in bars if v is not None],
    )


def charts(progress: Sequence[Progress], coverage: Sequence[CoverageRow]) -> dict[str, str]:
    """File name → SVG text of every chart of the report."""
    targets = _unique_targets(progress)
    return {
        "co2_per_gdp_2020.svg": intensity_chart("co2_per_gdp", 2020, progress),
        "co2_per_gdp_2005.svg": intensity_chart("co2_per_gdp", 2005, progress),
        "energy_per_gdp_2020.svg": intensity_chart("energy_per_gdp", 2020, progress),
        "non_fossil_share.svg": level_chart("non_fossil_share", targets),
        "wind_solar_capacity.svg": level_chart("wind_solar_capacity", targets),
        "forest_stock.svg": level_chart("forest_stock", targets),
        "total_energy_consumption.svg": level_chart("total_energy_consumption", targets),
        "ets_coverage.svg": coverage_chart(coverage),
    }


def write_charts(
    folder: Path, progress: Sequence[Progress], coverage: Sequence[CoverageRow]
) -> list[Path]:
    """Every chart is drawn before the first file is written; each file is replaced whole."""
    drawn = charts(progress, coverage)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, svg in drawn.items():
        path = folder / name
        staged = path.with_name(f".{name}.tmp")
        staged.write_text(svg, encoding="utf-8")
        os.replace(staged, path)
        written.append(path)
    return written
