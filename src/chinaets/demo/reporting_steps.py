"""`chinaets demo`, reporting sectors: the six sectors that report their 2025 emissions ahead
of inclusion (reporting, not yet trading / 报告行业，尚未纳入交易), built, accounted, tested for
inclusion and set against national CO2 with the published coverage of the trading sectors.

Hooked into the demo with one line (``("…", reporting_step)`` in ``chinaets.demo.steps.STEPS``)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml
from rich.table import Table

from chinaets.demo import reporting_fleet
from chinaets.demo.run import DemoRun
from chinaets.mrv.inclusion.listing import decide
from chinaets.mrv.sectors import Summary, get_sector

STATUS = ("reporting, not yet trading", "报告行业，尚未纳入交易")
FIRST_YEAR = 2025  # the first data year the six sectors report under the 2026 notice


@dataclass
class SectorLine:
    sector: str
    entities: int = 0
    must_report: int = 0
    output: float = 0.0
    unit: str = ""
    unit_zh: str = ""
    total_t: float = 0.0
    template_t: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "sector": self.sector, "zh": get_sector(self.sector).zh, "status": STATUS[0],
            "status_zh": STATUS[1], "entities": self.entities, "must_report": self.must_report,
            "output": self.output, "output_unit": self.unit, "output_unit_zh": self.unit_zh, "total_mt": self.total_t / 1e6,
            "template_mt": self.template_t / 1e6,
            "intensity": self.template_t / self.output if self.output else None,
        }  # fmt: skip


def reporting_step(run: DemoRun) -> None:
    year = max(run.year, FIRST_YEAR)
    with run.progress_console.status("Synthesising the six reporting sectors …"):
        summaries = reporting_summaries(year, run.seed, run.limit)
    lines = sector_lines(summaries, year)
    coverage = coverage_figures(
        year, sum(x.total_t for x in lines.values()), computed_trading_gt(run)
    )
    run.payload["reporting"] = {
        "year": year,
        "sectors": [x.as_dict() for x in lines.values()],
        "coverage": coverage,
    }
    if not run.as_json:
        run.console.print(_table(run, lines, year))
        run.console.print(_coverage_text(run, coverage))


def reporting_summaries(year: int, seed: int, limit: int | None) -> list[Summary]:
    """Every enterprise of the six sectors, accounted and summarised."""
    out = []
    for group in reporting_fleet.groups():
        for report in reporting_fleet.build(group, year, seed, limit):
            spec = get_sector(report.sector)
            assert spec.summary is not None, spec.name
            out.append(spec.summary(spec.account(report)))
    return out


def sector_lines(summaries: list[Summary], year: int) -> dict[str, SectorLine]:
    lines: dict[str, SectorLine] = {}
    listed = {d.credit_code: d.list == "reporting" for d in decide(summaries, year)}
    for s in summaries:
        line = lines.setdefault(s.sector, SectorLine(s.sector))
        line.entities += 1
        line.must_report += listed[s.credit_code]
        line.total_t += s.total_emissions_t
        line.template_t += s.values.get("template_tco2", 0.0)
        if s.intensity is not None and (not line.unit or line.unit == s.intensity.unit):
            line.unit, line.unit_zh = s.intensity.unit, s.intensity.unit_zh
            line.output += s.intensity.output
    return lines


def computed_trading_gt(run: DemoRun) -> float | None:
    """The trading sectors' emissions as the demo's earlier steps computed them (power and the
    industrial sectors), or None when those steps did not run."""
    power = getattr(getattr(run.summary, "total", None), "mt_co2", None)
    industry = getattr(run.industry, "totals", None)
    if power is None or not industry:
        return None
    return float(power) / 1000 + sum(float(t.emissions_t) for t in industry) / 1e9


def coverage_figures(
    year: int, reporting_t: float, trading_gt: float | None = None
) -> dict[str, Any]:
    """National CO2 (OWID, latest year ≤ `year`); the trading sectors' emissions — as computed
    by the demo where given, else the published coverage after the 2025 expansion — and the
    coverage once the six reporting sectors are added."""
    national_year, national_mt = _national_co2(year)
    published = _coverage()["after_expansion"]
    covered_gt = trading_gt if trading_gt is not None else float(published["emissions_gt"])
    national_gt = national_mt / 1000
    return {
        "national_co2_gt": national_gt, "national_year": national_year,
        "trading_gt": covered_gt, "trading_share": covered_gt / national_gt,
        "reporting_gt": reporting_t / 1e9,
        "with_reporting_share": (covered_gt + reporting_t / 1e9) / national_gt,
        "trading_source": "computed by this demo" if trading_gt is not None else published["source"],
    }  # fmt: skip


def _national_co2(year: int) -> tuple[int, float]:
    text = resources.files("chinaets.data.national").joinpath("owid_co2_china_2005-2023.csv")
    rows = csv.DictReader(text.read_text("utf-8").splitlines())
    usable = [
        (int(r["year"]), float(r["co2"])) for r in rows if r["co2"] and int(r["year"]) <= year
    ]
    return max(usable)


def _coverage() -> dict[str, Any]:
    text = resources.files("chinaets.data.national").joinpath("ets_coverage_figures.yaml")
    return dict(yaml.safe_load(text.read_text("utf-8")))


def _table(run: DemoRun, lines: dict[str, SectorLine], year: int) -> Table:
    title = run.say(f"Reporting sectors {year} — {STATUS[0]}", f"报告行业 {year} — {STATUS[1]}")
    table = Table(title=title, title_justify="left")
    heads = (("sector", "行业"), ("entities", "企业"), ("≥ threshold", "须报告"),
             ("output", "产量"), ("Mt CO2e", "Mt CO2e"), ("table Mt CO2", "附表 Mt CO2"),
             ("intensity", "强度"))  # fmt: skip
    for en, zh in heads:
        table.add_column(run.say(en, zh), justify="left" if en == "sector" else "right")
    for x in lines.values():
        d = x.as_dict()
        unit = run.say(x.unit, x.unit_zh)
        intensity = f"{d['intensity']:.3f} t/({unit})" if d["intensity"] is not None else "—"
        table.add_row(
            run.say(x.sector, d["zh"]), f"{x.entities:,}", f"{x.must_report:,}", f"{x.output:,.0f} {unit}",
            f"{d['total_mt']:,.1f}", f"{d['template_mt']:,.1f}", intensity,
        )  # fmt: skip
    return table


def _coverage_text(run: DemoRun, c: dict[str, Any]) -> str:
    source = c["trading_source"]
    source_zh = "本演示计算" if source == "computed by this demo" else source
    return run.say(
        f"National CO2 {c['national_co2_gt']:,.2f} Gt ({c['national_year']}, OWID/GCB); trading "
        f"sectors ({c['trading_source']}) {c['trading_gt']:,.2f} Gt = "
        f"{c['trading_share']:.0%}; the six reporting sectors (synthetic) "
        f"{c['reporting_gt']:,.2f} Gt; with them {c['with_reporting_share']:.0%} of national CO2.",
        f"全国 CO2 {c['national_co2_gt']:,.2f} Gt（{c['national_year']} 年，OWID/GCB）；交易行业"
        f"（{source_zh}）{c['trading_gt']:,.2f} Gt，占 {c['trading_share']:.0%}；六个报告行业（合成数据）"
        f"{c['reporting_gt']:,.2f} Gt；纳入后约占全国 CO2 的 {c['with_reporting_share']:.0%}。",
    )
