"""Benchmark: accounting of the industrial sectors' whole national data sets for one data year,
and of all entities of the four sectors (power, steel, cement, aluminium) together.

    .venv/bin/python benchmarks/industry_accounting.py [--year 2024] [--repeat 5]
        [--sector steel|cement|aluminium|all]

One pipeline per sector (`pipelines`); each runs in timed phases (median of the repeats):
synthesis of the data set's monthly data (GEM plants for power and steel, the synthetic
populations of `national.industry_fleet` for cement and aluminium), validation through the
sector's one loader, accounting, and the verification checks. `all` runs the four sectors'
synthesis, validation and accounting one after another (power for the same data year) and adds
them up. Peak memory: a separate pass under tracemalloc, and the process's maximum resident set
size at the end. Writes each run's section of benchmarks/RESULTS.md (replacing an earlier
run's). Issue target: accounting of all entities of the four sectors for one year under 3 s on
2 cores."""

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
from typing import Any

from results_file import write_section

Phase = tuple[str, Callable[[dict[str, Any]], None]]


@dataclass
class SectorBenchmark:
    heading: str
    phases: Callable[[int], list[Phase]]
    describe: Callable[[dict[str, Any]], str]


@dataclass(frozen=True)
class Pipeline:
    """A sector's data set for one year: raw inputs, the loader, accounting, checks."""

    raw: Callable[[int], list[Any]]
    parse: Callable[[Any], Any]
    account: Callable[[Any], Any]
    check: Callable[[Any, Any], Any] | None


def pipelines() -> dict[str, Pipeline]:
    from chinaets.demo import industry_fleet, power_fleet, steel_fleet
    from chinaets.mrv.aluminium import accounting as al_acc
    from chinaets.mrv.aluminium import checks as al_chk
    from chinaets.mrv.aluminium import loader as al_load
    from chinaets.mrv.cement import accounting as ce_acc
    from chinaets.mrv.cement import checks as ce_chk
    from chinaets.mrv.cement import loader as ce_load
    from chinaets.mrv.power import accounting as pw_acc
    from chinaets.mrv.power import loader as pw_load
    from chinaets.mrv.steel import accounting as st_acc
    from chinaets.mrv.steel import checks as st_chk
    from chinaets.mrv.steel import loader as st_load

    def power_raw(year: int) -> list[Any]:
        return power_fleet.synthesise_reports(power_fleet.fleet_entities(year), year)

    def steel_raw(year: int) -> list[Any]:
        return [steel_fleet.synthesise_report(p, year) for p in steel_fleet.fleet_plants(year)]

    return {
        "power": Pipeline(power_raw, pw_load.parse_report, pw_acc.account, None),
        "steel": Pipeline(steel_raw, st_load.parse_report, st_acc.account, st_chk.check),
        "cement": Pipeline(
            industry_fleet.cement_raw, ce_load.parse_report, ce_acc.account, ce_chk.check
        ),
        "aluminium": Pipeline(
            industry_fleet.aluminium_raw, al_load.parse_report, al_acc.account, al_chk.check
        ),
    }


def sector_phases(sector: str, year: int, checks: bool = True, prefix: str = "") -> list[Phase]:
    """Synthesis → validation through the sector's one loader → accounting (→ checks); state
    keys are the sector's, so several sectors can share one state."""
    p = pipelines()[sector]

    def synthesis(s: dict[str, Any]) -> None:
        s[f"{sector}:raw"] = p.raw(year)

    def validation(s: dict[str, Any]) -> None:
        s[f"{sector}:reports"] = [p.parse(r) for r in s[f"{sector}:raw"]]

    def accounting(s: dict[str, Any]) -> None:
        s[f"{sector}:results"] = [p.account(r) for r in s[f"{sector}:reports"]]

    def checking(s: dict[str, Any]) -> None:
        assert p.check is not None
        pairs = zip(s[f"{sector}:reports"], s[f"{sector}:results"], strict=True)
        s[f"{sector}:findings"] = [p.check(r, x) for r, x in pairs]

    phases: list[Phase] = [
        (f"{prefix}synthesis", synthesis),
        (f"{prefix}validation", validation),
        (f"{prefix}accounting", accounting),
    ]
    if checks and p.check is not None:
        phases.append((f"{prefix}checks", checking))
    return phases


def _rows(state: dict[str, Any], sector: str, tables: tuple[str, ...]) -> int:
    return sum(len(getattr(r, t)) for r in state[f"{sector}:reports"] for t in tables)


def describe_steel(state: dict[str, Any]) -> str:
    rows = _rows(state, "steel", ("fuels", "materials", "products", "process_flows", "unit_fuels"))
    total = sum(x.enterprise_tco2 for x in state["steel:results"])
    return (
        f"{len(state['steel:reports']):,} entities (GEM GIST plants in service), {rows:,} monthly "
        f"activity rows; fleet total {total / 1e9:.3f} Gt CO2"
    )


def describe_cement(state: dict[str, Any]) -> str:
    tables = ("fuel_use", "ncv_samples", "clinker_output", "alt_raw_materials")
    results = state["cement:results"]
    return (
        f"{len(results):,} entities, {sum(len(r.lines) for r in results):,} clinker lines "
        f"(synthetic population), {_rows(state, 'cement', tables):,} monthly rows; clinker "
        f"{sum(r.clinker_t for r in results) / 1e6:,.0f} Mt, total "
        f"{sum(r.total_tco2 for r in results) / 1e6:,.0f} Mt CO2"
    )


def describe_aluminium(state: dict[str, Any]) -> str:
    tables = ("fuel_use", "aluminium_output", "anode_data", "anode_effects", "carbonates")
    results = state["aluminium:results"]
    return (
        f"{len(results):,} entities (synthetic population), {_rows(state, 'aluminium', tables):,} "
        f"monthly rows; aluminium {sum(r.output_t for r in results) / 1e6:,.1f} Mt, total "
        f"{sum(r.total_tco2e for r in results) / 1e6:,.1f} Mt CO2e"
    )


ALL_SECTORS = ("power", "steel", "cement", "aluminium")


def all_phases(year: int) -> list[Phase]:
    """The four sectors one after another, without the verification checks."""
    return [
        phase
        for sector in ALL_SECTORS
        for phase in sector_phases(sector, year, checks=False, prefix=f"{sector} ")
    ]


def describe_all(state: dict[str, Any]) -> str:
    counts = ", ".join(f"{s} {len(state[f'{s}:results']):,}" for s in ALL_SECTORS)
    return f"all entities of the four sectors ({counts}); power data for the same year"


def _sector_bench(sector: str, heading: str, describe: Callable[[dict[str, Any]], str]) -> Any:
    return SectorBenchmark(heading, lambda year: sector_phases(sector, year), describe)


BENCHMARKS = {
    "steel": _sector_bench("steel", "## Iron & steel accounting", describe_steel),
    "cement": _sector_bench("cement", "## Cement clinker accounting", describe_cement),
    "aluminium": _sector_bench("aluminium", "## Aluminium smelting accounting", describe_aluminium),
    "all": SectorBenchmark("## All four sectors", all_phases, describe_all),
}
TARGET_S = 3.0
SECTOR_ORDER = ("steel", "cement", "aluminium")


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
    if bench.heading == BENCHMARKS["all"].heading:
        lines += stage_totals(times)
    return "\n".join(lines)


def stage_totals(times: dict[str, list[float]]) -> list[str]:
    """The four sectors' synthesis, validation and accounting added up, and the verdict."""
    lines = ["| all four sectors | median s |", "|---|---:|"]
    stages: dict[str, float] = {}
    for name, values in times.items():
        stage = name.rsplit(" ", 1)[1]
        stages[stage] = stages.get(stage, 0.0) + statistics.median(values)
    lines += [f"| {stage} | {seconds:.3f} |" for stage, seconds in stages.items()]
    accounting = stages["accounting"]
    verdict = "meets" if accounting < TARGET_S else "misses"
    return [
        *lines,
        "",
        f"Accounting of all entities of the four sectors for one year {verdict} the target of "
        f"{TARGET_S:g} s on 2 cores ({accounting:.2f} s, single-threaded: one of the cores).",
        "",
    ]


def write_industry_section(text: str, heading: str) -> None:
    """A sector's section goes before "All four sectors", which stays last."""
    write_section(
        text, before=None if heading == BENCHMARKS["all"].heading else BENCHMARKS["all"].heading
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sector", choices=sorted(BENCHMARKS), action="append")
    args = parser.parse_args()
    for name in args.sector or [*SECTOR_ORDER, "all"]:
        bench = BENCHMARKS[name]
        times, peaks, state = run(bench, args.year, args.repeat)
        command = (
            f".venv/bin/python benchmarks/industry_accounting.py --sector {name} "
            f"--year {args.year} --repeat {args.repeat}"
        )
        text = section(bench, args.year, args.repeat, times, peaks, state, command)
        write_industry_section(text, bench.heading)
        print(text)


if __name__ == "__main__":
    main()
