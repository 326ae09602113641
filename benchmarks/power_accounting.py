"""Benchmark: power-sector accounting of the whole national data set for one data year.

    .venv/bin/python benchmarks/power_accounting.py [--year 2023] [--repeat 5] [--profile]

Phases, each timed separately (median of the repeats; trace off, as `account` always is):

- synthesis   the GEM units grouped into entities and a year of monthly data per unit
- validation  every report through `parse_report` (schema and cross-table checks)
- accounting  `account` for every report
- store       the results' Summaries into the read model (partitioned Parquet)

Peak memory: a separate pass under tracemalloc (Python allocations of each phase), and the
process's maximum resident set size at the end. Writes the "Power accounting" section of
benchmarks/RESULTS.md. Target: accounting of one year for all units < 2 s on 2 cores.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import os
import platform
import pstats
import resource
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from results_file import RESULTS, write_section

from chinaets.demo.power_fleet import DEFAULT_SEED, fleet_entities, synthesise_reports
from chinaets.mrv.power.accounting import account
from chinaets.mrv.power.loader import parse_report
from chinaets.mrv.power.summary import summary
from chinaets.national.readmodel import build_read_model

SECTION = "## Power accounting"
TARGET_S = 2.0


def phases(year: int, seed: int) -> list[tuple[str, Callable[[dict[str, Any]], None]]]:
    """The pipeline as named steps sharing one state dict."""

    def synthesis(s: dict[str, Any]) -> None:
        s["entities"] = fleet_entities(year)
        s["raw"] = synthesise_reports(s["entities"], year, seed)

    def validation(s: dict[str, Any]) -> None:
        s["reports"] = [parse_report(r) for r in s["raw"]]

    def accounting(s: dict[str, Any]) -> None:
        s["results"] = [account(r) for r in s["reports"]]

    def storing(s: dict[str, Any]) -> None:
        with tempfile.TemporaryDirectory(prefix="chinaets-bench-") as tmp:
            build_read_model((summary(r) for r in s["results"]), Path(tmp))

    return [("synthesis", synthesis), ("validation", validation), ("accounting", accounting),
            ("store (read model)", storing)]  # fmt: skip


def time_phases(year: int, seed: int, repeat: int) -> tuple[dict[str, list[float]], dict[str, Any]]:
    times: dict[str, list[float]] = {name: [] for name, _ in phases(year, seed)}
    state: dict[str, Any] = {}
    for _ in range(repeat):
        state = {}
        for name, run in phases(year, seed):
            start = time.perf_counter()
            run(state)
            times[name].append(time.perf_counter() - start)
    return times, state


def peak_memory(year: int, seed: int) -> dict[str, float]:
    """Peak traced Python memory of each phase, MiB (the earlier phases' data held)."""
    peaks: dict[str, float] = {}
    state: dict[str, Any] = {}
    tracemalloc.start()
    for name, run in phases(year, seed):
        tracemalloc.reset_peak()
        base, _ = tracemalloc.get_traced_memory()
        run(state)
        _, peak = tracemalloc.get_traced_memory()
        peaks[name] = (peak - base) / 2**20
    tracemalloc.stop()
    return peaks


def profile_accounting(year: int, seed: int, top: int = 15) -> None:
    entities = fleet_entities(year)
    reports = [parse_report(r) for r in synthesise_reports(entities, year, seed)]
    profiler = cProfile.Profile()
    profiler.enable()
    for report in reports:
        account(report)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(top)


def machine() -> dict[str, str]:
    cpu = "unknown"
    memory = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as handle:
        cpu = next(
            (ln.split(":", 1)[1].strip() for ln in handle if ln.startswith("model name")), cpu
        )
    with open("/proc/meminfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    return {
        "cpus": str(len(os.sched_getaffinity(0))),
        "cpu": cpu,
        "memory": memory,
        "python": platform.python_version(),
        "date": dt.date.today().isoformat(),
    }


def render(
    year: int, counts: dict[str, int], times: dict[str, list[float]], peaks: dict[str, float],
    maxrss_mib: float, repeat: int,
) -> str:  # fmt: skip
    m = machine()
    lines = [
        SECTION,
        "",
        f"Run `.venv/bin/python benchmarks/power_accounting.py --year {year} --repeat {repeat}` "
        f"on {m['date']}: {m['cpus']} CPUs ({m['cpu']}), {m['memory']} RAM, Python {m['python']}.",
        "",
        f"Data set: {counts['entities']:,} entities, {counts['units']:,} units, "
        f"{counts['fuel_months']:,} unit-fuel-months, data year {year}; trace off.",
        "",
        "| phase | median s | min s | max s | peak traced MiB |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, values in times.items():
        lines.append(
            f"| {name} | {statistics.median(values):.3f} | {min(values):.3f} | "
            f"{max(values):.3f} | {peaks[name]:.0f} |"
        )
    accounting = statistics.median(times["accounting"])
    verdict = "meets" if accounting < TARGET_S else "misses"
    lines += [
        "",
        "Peak traced MiB: Python allocations during the phase, with the earlier phases' data "
        "held (DuckDB's own memory is not traced). Process maximum resident set size, all "
        f"repeats and the traced pass included: {maxrss_mib:.0f} MiB.",
        "",
        f"Accounting {verdict} the target of {TARGET_S:g} s for one year of all units "
        f"({accounting:.2f} s, single-threaded, so one of the cores).",
        "",
    ]
    return "\n".join(lines)


def update_results(section: str) -> None:
    write_section(section)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="cProfile the accounting phase")
    parser.add_argument("--no-write", action="store_true", help="do not update RESULTS.md")
    args = parser.parse_args()
    if args.profile:
        profile_accounting(args.year, args.seed)
        return
    times, state = time_phases(args.year, args.seed, args.repeat)
    peaks = peak_memory(args.year, args.seed)
    maxrss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    counts = {
        "entities": len(state["entities"]),
        "units": sum(len(e.units) for e in state["entities"]),
        "fuel_months": sum(len(u.fuel_months) for r in state["results"] for u in r.units),
    }
    section = render(args.year, counts, times, peaks, maxrss_mib, args.repeat)
    print(section)
    if not args.no_write:
        update_results(section)
        print(f"updated {RESULTS}")


if __name__ == "__main__":
    main()
