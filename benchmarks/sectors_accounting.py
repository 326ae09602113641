"""Benchmark: accounting of all entities of all ten sectors for one data year — the four
trading sectors (power, steel, cement, aluminium: the pipelines of industry_accounting.py) and
the six reporting sectors (petrochemicals, chemicals, flat glass, copper, paper, aviation incl.
airports: the synthetic fleets of `chinaets.demo.reporting_fleet`).

    .venv/bin/python benchmarks/sectors_accounting.py [--year 2025] [--repeat 3]

Per sector, timed phases (median of the repeats): synthesis of the data set, validation
through the sector's one loader, accounting. The table puts the ten sectors' accounting beside
the four trading sectors' (the figure of industry_accounting.py, measured again in the same
run as the baseline) and power's alone. Writes its section of benchmarks/RESULTS.md."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import statistics
import time
from collections.abc import Callable
from typing import Any

from industry_accounting import ALL_SECTORS, pipelines
from results_file import RESULTS, write_section

HEADING = "## All ten sectors (trading and reporting)"
PHASES = ("synthesis", "validation", "accounting")


def reporting_pipelines() -> dict[
    str, tuple[Callable[[int], list[Any]], Callable[[Any], Any], Callable[[Any], Any]]
]:
    from chinaets.demo import reporting_fleet
    from chinaets.mrv.sectors import get_sector

    out = {}
    for group in reporting_fleet.groups():
        sector = get_sector(reporting_fleet.figures()["sectors"][group].get("sector", group))
        raw = (lambda g: lambda year: reporting_fleet.raw_reports(g, year))(group)
        out[group] = (
            raw,
            (lambda s: lambda data: s.parse(data, "<fleet>"))(sector),
            sector.account,
        )
    return out


def all_pipelines() -> dict[
    str, tuple[Callable[[int], list[Any]], Callable[[Any], Any], Callable[[Any], Any]]
]:
    four = {name: (p.raw, p.parse, p.account) for name, p in pipelines().items()}
    return {**{name: four[name] for name in ALL_SECTORS}, **reporting_pipelines()}


def run(year: int, repeat: int) -> tuple[dict[str, dict[str, list[float]]], dict[str, int]]:
    times: dict[str, dict[str, list[float]]] = {}
    counts: dict[str, int] = {}
    for name, (raw, parse, account) in all_pipelines().items():
        times[name] = {phase: [] for phase in PHASES}
        for _ in range(repeat):
            start = time.perf_counter()
            data = raw(year)
            middle = time.perf_counter()
            reports = [parse(r) for r in data]
            end = time.perf_counter()
            [account(r) for r in reports]
            times[name]["synthesis"].append(middle - start)
            times[name]["validation"].append(end - middle)
            times[name]["accounting"].append(time.perf_counter() - end)
            counts[name] = len(reports)
    return times, counts


def section(
    year: int, repeat: int, times: dict[str, dict[str, list[float]]], counts: dict[str, int]
) -> str:
    med = {n: {p: statistics.median(v) for p, v in t.items()} for n, t in times.items()}
    four = sum(med[n]["accounting"] for n in ALL_SECTORS)
    six = sum(v["accounting"] for n, v in med.items() if n not in ALL_SECTORS)
    load = os.getloadavg()[0]
    lines = [
        HEADING, "",
        f"Run `.venv/bin/python benchmarks/sectors_accounting.py --year {year} --repeat {repeat}` on "
        f"{dt.date.today()}: {os.cpu_count()} CPUs ({platform.processor() or platform.machine()}), "
        f"Python {platform.python_version()}; load average {load:.1f} at the end (the machine "
        "was shared with other jobs: absolute times are pessimistic, the ratios are the figure).", "",
        f"Data set: data year {year}, {sum(counts.values()):,} entities; {repeat} repeats; trace off.", "",
        "| sector | entities | synthesis s | validation s | accounting s |", "|---|---:|---:|---:|---:|",
    ]  # fmt: skip
    for name, phases in med.items():
        lines.append(
            f"| {name} | {counts[name]:,} | {phases['synthesis']:.3f} | "
            f"{phases['validation']:.3f} | {phases['accounting']:.3f} |"
        )
    lines += [
        "",
        "| accounting, one year | median s | ratio to the four trading sectors |",
        "|---|---:|---:|",
        f"| power alone | {med['power']['accounting']:.3f} | {med['power']['accounting'] / four:.2f} |",
        f"| four trading sectors (baseline: industry_accounting.py `--sector all`) | {four:.3f} | 1.00 |",
        f"| six reporting sectors | {six:.3f} | {six / four:.2f} |",
        f"| all ten sectors | {four + six:.3f} | {(four + six) / four:.2f} |",
        "",
        f"Four trading sectors in this run {four:.2f} s single-threaded (target 3 s). The six "
        f"reporting sectors add {six:.2f} s ({six / four:.0%} of the trading sectors' time for "
        f"{sum(counts[n] for n in med if n not in ALL_SECTORS):,} entities: their reports are "
        "annual, not monthly).",
        "",
        *_at_recorded_speed((four + six) / four),
    ]
    return "\n".join(lines)


def recorded_four_sectors() -> tuple[float, str] | None:
    """The four-sector accounting seconds industry_accounting.py last wrote to RESULTS.md,
    with its run date."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    start = text.find("## All four sectors\n")
    if start < 0:
        return None
    body = text[
        start : text.find("\n## ", start + 1) if text.find("\n## ", start + 1) > 0 else None
    ]
    found = re.search(r"\| accounting \| ([0-9.]+) \|", body)
    when = re.search(r" on (\d{4}-\d{2}-\d{2})", body)
    if not found:
        return None
    return float(found.group(1)), when.group(1) if when else "an earlier date"


def _at_recorded_speed(ratio: float) -> list[str]:
    """The ten sectors at the speed of industry_accounting.py's recorded four-sector run."""
    recorded = recorded_four_sectors()
    if recorded is None:
        return []
    seconds, when = recorded
    return [
        f"At the speed of industry_accounting.py's recorded run ({seconds:.2f} s for the four "
        f"sectors, {when}) the ten sectors take about {seconds * ratio:.2f} s.",
        "",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    times, counts = run(args.year, args.repeat)
    text = section(args.year, args.repeat, times, counts)
    write_section(text)
    print(text)


if __name__ == "__main__":
    main()
