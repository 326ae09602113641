"""Benchmark: determination of all four sectors for a data year, balance values solved.

    .venv/bin/python benchmarks/determination.py [--year 2026] [--repeat 3] [--no-write]

The national power, cement, aluminium and steel data sets are synthesised and accounted first
(not timed); their allocation inputs are built once (not timed). Timed, median of the repeats:

- solve          each industrial sector's balance value BP by bisection (D25 §三(二)2)
- determination  `determine` over every entity of the four sectors: BP solve, special cases,
                 gap cap, pre-allocation (the whole provincial step, nation-wide)
- baseline       `allocate` for every entity with the BPs given (no solve): what determination
                 costs beyond allocating entity by entity

Writes the "Determination" section of benchmarks/RESULTS.md. Target: determination < 1 s.
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
from chinaets.allocation.determination import determine, solve_sector
from chinaets.allocation.industry import allocate_industry
from chinaets.allocation.inputs import from_accounting
from chinaets.allocation.schema import AllocationInput
from chinaets.demo import industry_fleet
from chinaets.demo.power_fleet import build_fleet as build_power
from chinaets.demo.steel_fleet import allocation_line_values as steel_line_values
from chinaets.demo.steel_fleet import build_fleet as build_steel
from chinaets.mrv.power.accounting import account as account_power
from chinaets.mrv.sectors import get_sector

SECTION = "## Determination"
TARGET_S = 1.0
# what the synthetic reports do not carry: the steel enterprises' ironmaking output Qb
LINE_VALUES = {"steel": steel_line_values}


def inputs_for(year: int, limit: int | None = None) -> list[AllocationInput]:
    _, power = build_power(year)
    out = [from_accounting("power", r, account_power(r)) for r in power[:limit]]
    reports = {
        "cement": industry_fleet.build_cement(year, 1, limit),
        "aluminium": industry_fleet.build_aluminium(year, 1, limit),
        "steel": build_steel(year, 1, limit)[1],
    }
    for sector, items in reports.items():
        spec = get_sector(sector)
        extra = LINE_VALUES.get(sector)
        out += [
            from_accounting(sector, None, res, line_values=extra(res) if extra else None)
            for res in map(spec.account, items)
        ]
    return [i for i in out if i.units or i.lines]


def run(year: int, repeat: int, limit: int | None = None) -> dict[str, Any]:
    inputs = inputs_for(year, limit)
    times: dict[str, list[float]] = {"solve": [], "determination": [], "baseline": []}
    result = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        by_sector: dict[str, list[AllocationInput]] = {}
        for inp in inputs:
            if inp.lines:
                by_sector.setdefault(inp.sector, []).append(inp)
        solved = {s: solve_sector(s, year, group) for s, group in by_sector.items()}
        t1 = time.perf_counter()
        result = determine(inputs, year)
        t2 = time.perf_counter()
        for inp in inputs:
            allocate_industry(inp, solved[inp.sector].balance_value) if inp.lines else allocate(inp)
        t3 = time.perf_counter()
        for name, seconds in zip(times, (t1 - t0, t2 - t1, t3 - t2), strict=True):
            times[name].append(seconds)
    assert result is not None
    sectors = []
    for sector, pairs in result.by_sector().items():
        ents = [e for _, e in pairs]
        sectors.append({"sector": sector, "entities": len(ents), "parts": sum(len(e.parts) for e in ents),
                        "bp": result.balance_value(sector),
                        "verified": sum(e.obligation_tco2 for e in ents),
                        "allocation": sum(e.final_tco2 for e in ents)})  # fmt: skip
    return {"year": year, "entities": len(inputs), "sectors": sectors,
            "times": {k: statistics.median(v) for k, v in times.items()}}  # fmt: skip


def section(r: dict[str, Any], repeat: int) -> str:
    t = r["times"]
    ratio = t["determination"] / t["baseline"] if t["baseline"] else 0.0
    lines = [
        SECTION, "",
        f"`.venv/bin/python benchmarks/determination.py` — {dt.date.today()}, Python "
        f"{platform.python_version()}, {os.cpu_count()} CPUs (shared), median of {repeat} runs; "
        "fleet synthesis, accounting and input building not timed. Target: determination of all "
        f"four sectors < {TARGET_S:g} s. Baseline: `allocate` entity by entity with the BPs given.", "",
        "| year | entities | BP solve s | determination s | baseline s | ratio to baseline | target met |",
        "|---|---|---|---|---|---|---|",
        f"| {r['year']} | {r['entities']:,} | {t['solve']:.3f} | {t['determination']:.3f} | "
        f"{t['baseline']:.3f} | {ratio:.2f} | {'yes' if t['determination'] < TARGET_S else 'no'} |",
        "", "| sector | entities | units / lines | solved BP | verified Mt | allocation Mt |",
        "|---|---|---|---|---|---|",
    ]  # fmt: skip
    for s in r["sectors"]:
        bp = "— (benchmarks)" if s["bp"] is None else f"{s['bp']:.4f}"
        lines.append(f"| {s['sector']} | {s['entities']:,} | {s['parts']:,} | {bp} | "
                     f"{s['verified'] / 1e6:,.1f} | {s['allocation'] / 1e6:,.1f} |")  # fmt: skip
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None, help="entities per sector (smoke runs)")
    parser.add_argument("--no-write", action="store_true", help="do not update RESULTS.md")
    args = parser.parse_args()
    text = section(run(args.year, args.repeat, args.limit), args.repeat)
    print(text)
    if not args.no_write:
        write_section(text)
        print(f"updated {RESULTS}")


if __name__ == "__main__":
    main()
