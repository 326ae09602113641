"""Benchmark: CBAM figures (embedded emissions, SEFA, carbon price paid, defaults and certificate
cost, per good) for every steel and aluminium installation of the national fleet.

    .venv/bin/python benchmarks/cbam.py [--year 2025] [--repeat 5]

The fleets are synthesised and accounted first (not timed: that is the accounting benchmark);
timed phases (median of the repeats): the seeded goods files (through the goods validation) and
the bridge itself (`chinaets.cbam.bridge.compute`, allocation included). Baseline: the sectors'
own accounting of the same reports, timed here too. Issue target: the CBAM figures of all steel
and aluminium installations in under 1 s. Writes its section of benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import time
from collections.abc import Callable
from typing import Any

from results_file import write_section


def _median(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from chinaets.cbam.bridge import compute
    from chinaets.cbam.demo import GOODS
    from chinaets.demo.industry_fleet import build_aluminium
    from chinaets.demo.steel_fleet import build_fleet
    from chinaets.mrv.aluminium.accounting import account as account_aluminium
    from chinaets.mrv.steel.accounting import account as account_steel

    reports = {"steel": build_fleet(args.year)[1], "aluminium": build_aluminium(args.year)}
    accounts = {"steel": account_steel, "aluminium": account_aluminium}
    t_account, results = _median(
        lambda: {s: [accounts[s](r) for r in reports[s]] for s in reports}, args.repeat
    )
    pairs = [(s, r) for s in results for r in results[s] if _produces(r)]
    compute(pairs[0][0], pairs[0][1], GOODS[pairs[0][0]](pairs[0][1]))  # load the law once
    t_goods, goods = _median(lambda: [GOODS[s](r) for s, r in pairs], args.repeat)
    t_cbam, cbam = _median(
        lambda: [compute(s, r, g) for (s, r), g in zip(pairs, goods, strict=True)], args.repeat
    )
    n_goods = sum(len(c.goods) for c in cbam)
    counts = {s: sum(1 for x, _ in pairs if x == s) for s in results}
    section = f"""## CBAM bridge

Run `.venv/bin/python benchmarks/cbam.py --year {args.year} --repeat {args.repeat}` on {dt.date.today()}: {os.cpu_count()} CPUs, Python {platform.python_version()}.

Data set: {counts["steel"]} steel and {counts["aluminium"]} aluminium installations of the national fleets (data year {args.year}, imports {max(args.year, 2026)}), {n_goods:,} goods (CN code × installation) with their own precursors; trace off (traces are built on demand).

| phase | median s | per installation ms |
|---|---:|---:|
| baseline: the sectors' own accounting of the same reports | {t_account:.3f} | {1000 * t_account / len(pairs):.2f} |
| goods files (seeded, validated) | {t_goods:.3f} | {1000 * t_goods / len(pairs):.2f} |
| CBAM figures (processes, SEE, SEFA, carbon price with allocation, defaults, cost) | {t_cbam:.3f} | {1000 * t_cbam / len(pairs):.2f} |

CBAM figures for every installation: {t_cbam:.3f} s (target < 1 s); ratio to the accounting baseline {t_cbam / t_account:.2f}.
"""
    write_section(section)
    print(section)


def _produces(result: Any) -> bool:
    return float(getattr(result, "crude_steel_t", 0.0) or getattr(result, "output_t", 0.0)) > 0


if __name__ == "__main__":
    main()
