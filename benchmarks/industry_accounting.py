"""Benchmark: accounting of the industrial sectors' whole national data sets for one data year.

    .venv/bin/python benchmarks/industry_accounting.py [--year 2024] [--repeat 5] [--sector steel]

One function per sector (`BENCHMARKS`); each runs its pipeline in timed phases (median of the
repeats): synthesis of the fleet's monthly data, validation through the sector's one loader,
accounting, and the verification checks. Peak memory: a separate pass under tracemalloc, and
the process's maximum resident set size at the end. Writes the sector's section of
benchmarks/RESULTS.md (replacing an earlier run's). Issue target: all entities of the four
sectors for one year under 3 s on 2 cores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).with_name("RESULTS.md")
Phase = tuple[str, Callable[[dict[str, Any]], None]]


@dataclass
class SectorBenchmark:
    heading: str
    phases: Callable[[int], list[Phase]]
    describe: Callable[[dict[str, Any]], str]


def steel_phases(year: int) -> list[Phase]:
    """The steel pipeline: GEM plants → synthetic reports → validated → accounted → checked."""
    from chinaets.mrv.steel.accounting import account
    from chinaets.mrv.steel.checks import check
    from chinaets.mrv.steel.loader import parse_report
    from chinaets.national.steel_fleet import fleet_plants, synthesise_report

    def synthesis(s: dict[str, Any]) -> None:
        s["raw"] = [synthesise_report(p, year) for p in fleet_plants(year)]

    def validation(s: dict[str, Any]) -> None:
        s["reports"] = [parse_report(r) for r in s["raw"]]

    def accounting(s: dict[str, Any]) -> None:
        s["results"] = [account(r) for r in s["reports"]]

    def checks(s: dict[str, Any]) -> None:
        s["findings"] = [check(r, x) for r, x in zip(s["reports"], s["results"], strict=True)]

    return [
        ("synthesis", synthesis),
        ("validation", validation),
        ("accounting", accounting),
        ("checks", checks),
    ]


def describe_steel(state: dict[str, Any]) -> str:
    rows = sum(
        len(getattr(r, t))
        for r in state["reports"]
        for t in ("fuels", "materials", "products", "process_flows", "unit_fuels")
    )
    total = sum(x.enterprise_tco2 for x in state["results"])
    return (
        f"{len(state['reports']):,} entities (GEM GIST plants in service), {rows:,} monthly "
        f"activity rows; fleet total {total / 1e9:.3f} Gt CO2"
    )


BENCHMARKS = {
    "steel": SectorBenchmark("## Iron & steel accounting", steel_phases, describe_steel),
}


def run(
    bench: SectorBenchmark, year: int, repeat: int
) -> tuple[dict[str, list[float]], dict[str, float], dict[str, Any]]:
    times: dict[str, list[float]] = {name: [] for name, _ in bench.phases(year)}
    state: dict[str, Any] = {}
    for _ in range(repeat):
        state = {}
        for name, phase in bench.phases(year):
            start = time.perf_counter()
            phase(state)
            times[name].append(time.perf_counter() - start)
    peaks: dict[str, float] = {}
    traced: dict[str, Any] = {}
    tracemalloc.start()
    for name, phase in bench.phases(year):
        tracemalloc.reset_peak()
        phase(traced)
        peaks[name] = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return times, peaks, state


def section(
    bench: SectorBenchmark,
    year: int,
    repeat: int,
    times: dict[str, list[float]],
    peaks: dict[str, float],
    state: dict[str, Any],
    command: str,
) -> str:
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines = [
        bench.heading, "",
        f"Run `{command}` on {dt.date.today()}: {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}.", "",
        f"Data set: {bench.describe(state)}; data year {year}; {repeat} repeats; trace off.", "",
        "| phase | median s | min s | max s | peak traced MiB |", "|---|---:|---:|---:|---:|",
    ]  # fmt: skip
    for name, values in times.items():
        lines.append(
            f"| {name} | {statistics.median(values):.3f} | {min(values):.3f} | "
            f"{max(values):.3f} | {peaks[name]:.0f} |"
        )
    wall = sum(statistics.median(v) for v in times.values())
    lines += [
        "",
        f"Whole pipeline {wall:.2f} s (median phases, single-threaded). Peak traced MiB: Python "
        "allocations during the phase with the earlier phases' data held. Process maximum "
        f"resident set size: {rss_mib:.0f} MiB.",
        "",
    ]
    return "\n".join(lines)


def write_section(text: str, heading: str) -> None:
    """Replace the sector's section of RESULTS.md, or append it."""
    current = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    start = current.find(heading + "\n")
    if start < 0:
        RESULTS.write_text(current.rstrip("\n") + "\n\n" + text, encoding="utf-8")
        return
    end = current.find("\n## ", start + len(heading))
    rest = "" if end < 0 else current[end + 1 :]
    RESULTS.write_text(current[:start] + text + ("\n" + rest if rest else ""), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sector", choices=sorted(BENCHMARKS), action="append")
    args = parser.parse_args()
    for name in args.sector or sorted(BENCHMARKS):
        bench = BENCHMARKS[name]
        times, peaks, state = run(bench, args.year, args.repeat)
        command = (
            f".venv/bin/python benchmarks/industry_accounting.py --sector {name} "
            f"--year {args.year} --repeat {args.repeat}"
        )
        text = section(bench, args.year, args.repeat, times, peaks, state, command)
        write_section(text, bench.heading)
        print(text)


if __name__ == "__main__":
    main()
