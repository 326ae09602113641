"""Benchmark: allocation and compliance of every entity of the national power data set.

    .venv/bin/python benchmarks/allocation.py [--year 2023] [--repeat 5] [--no-write]

The fleet is synthesised and accounted first (not timed: see benchmarks/power_accounting.py);
then, each timed separately (median of the repeats):

- inputs       `from_accounting` for every entity (validated allocation inputs)
- allocation   `allocate` for every entity
- compliance   `assess` for every entity, surrendering its issued allocation

Writes the "Allocation and compliance" section of benchmarks/RESULTS.md, with the computed
balance beside the published one. Target: allocation and compliance of all entities < 1 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import time
from typing import Any

from results_file import RESULTS, write_section

from chinaets.allocation import allocate
from chinaets.allocation.inputs import from_accounting
from chinaets.demo.power_fleet import build_fleet
from chinaets.mrv.power.accounting import account
from chinaets.national.balance import comply_all, national_balance

SECTION = "## Allocation and compliance"
TARGET_S = 1.0


def run(year: int, repeat: int) -> dict[str, Any]:
    _, reports = build_fleet(year)
    pairs = list(zip(reports, [account(r) for r in reports], strict=True))
    times: dict[str, list[float]] = {"inputs": [], "allocation": [], "compliance": []}
    for _ in range(repeat):
        t0 = time.perf_counter()
        inputs = [from_accounting(report.sector, report, result) for report, result in pairs]
        t1 = time.perf_counter()
        allocations = [allocate(inp) for inp in inputs]
        t2 = time.perf_counter()
        comply_all(allocations)
        t3 = time.perf_counter()
        for name, seconds in zip(times, (t1 - t0, t2 - t1, t3 - t2), strict=True):
            seconds_list = times[name]
            seconds_list.append(seconds)
    medians = {k: statistics.median(v) for k, v in times.items()}
    return {
        "year": year,
        "entities": len(pairs),
        "times": medians,
        "balance": national_balance(pairs).as_dict(),
    }


def section(runs: list[dict[str, Any]], repeat: int) -> str:
    lines = [
        SECTION, "",
        f"`.venv/bin/python benchmarks/allocation.py` — {dt.date.today()}, Python "
        f"{platform.python_version()}, {os.cpu_count()} CPUs, median of {repeat} runs; fleet synthesis "
        "and accounting not timed. Target: allocation + compliance of all entities < "
        f"{TARGET_S:g} s.", "",
        "| year | entities | inputs s | allocation s | compliance s | allocation + compliance s | target met |",
        "|---|---|---|---|---|---|---|",
    ]  # fmt: skip
    for r in runs:
        t = r["times"]
        total = t["allocation"] + t["compliance"]
        lines.append(f"| {r['year']} | {r['entities']} | {t['inputs']:.3f} | {t['allocation']:.3f} | "
                     f"{t['compliance']:.3f} | {total:.3f} | {'yes' if total < TARGET_S else 'no'} |")  # fmt: skip
    lines += ["", "Computed balance (synthetic fleet) beside the published one:", "",
              "| year | verified Gt | allocation Gt | obligation Gt | surplus % | published |",
              "|---|---|---|---|---|---|"]  # fmt: skip
    for r in runs:
        b = r["balance"]
        lines.append(f"| {r['year']} | {b['verified_tco2'] / 1e9:.3f} | {b['allocation_tco2'] / 1e9:.3f} | "
                     f"{b['obligation_tco2'] / 1e9:.3f} | {b['surplus_pct']} | {_published(b['published'])} |")  # fmt: skip
    lines += ["", "By category (last year run):", "", "| category | units | verified t | allocation t | surplus % |",
              "|---|---|---|---|---|"]  # fmt: skip
    for c in runs[-1]["balance"]["categories"]:
        lines.append(
            f"| {c['category']} | {c['units']} | {c['verified_tco2']:,} | {c['allocation_tco2']:,} | {c['surplus_pct']} |"
        )
    return "\n".join(lines) + "\n"


def _published(p: dict[str, Any] | None) -> str:
    if not p:
        return "—"
    if "allocation_gt" in p:
        return f"allocation {p['allocation_gt']} vs verified {p['verified_gt']} Gt ({p['surplus_pct']} %)"
    return f"obligation {p['obligation_gt']} Gt"


def write(text: str) -> None:
    write_section(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--year", type=int, action="append", help="data year(s); default 2021, 2022, 2023"
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="do not update RESULTS.md")
    args = parser.parse_args()
    runs = [run(year, args.repeat) for year in args.year or [2021, 2022, 2023]]
    text = section(runs, args.repeat)
    print(text)
    if not args.no_write:
        write(text)
        print(f"updated {RESULTS}")


if __name__ == "__main__":
    main()
