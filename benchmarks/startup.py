"""Benchmark: start-up of the `chinaets` command.

    .venv/bin/python benchmarks/startup.py [--repeat 7] [--no-write]

Times, as a user would feel them, whole processes of the installed console script (median of the
repeats): `chinaets --help`, `chinaets account --help`, and a small `account` of the power example;
beside them the bare interpreter (`python -c pass`) as the floor, and the old eager start-up
(every shell module imported before the command runs) as the baseline the lazy command table
replaced. Target: `--help` and a small `account` under 0.5 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

from results_file import write_section

from chinaets.cli.main import COMMANDS

SECTION = "## Command start-up"
TARGET_S = 0.5
ROOT = Path(__file__).resolve().parents[1]
CHINAETS = [sys.executable, "-m", "chinaets.cli"]
EAGER = "import importlib; [importlib.import_module(m) for m in {modules!r}]"


def runs() -> dict[str, list[str]]:
    modules = sorted({lazy.module for lazy in COMMANDS.values()})
    example = str(ROOT / "examples" / "power-report-2023.json")
    return {
        "python -c pass (floor)": [sys.executable, "-c", "pass"],
        "eager import of every shell module (before)": [
            sys.executable, "-c", EAGER.format(modules=modules)
        ],
        "chinaets --help": [*CHINAETS, "--help"],
        "chinaets account --help": [*CHINAETS, "account", "--help"],
        "chinaets account examples/power-report-2023.json": [*CHINAETS, "account", example],
    }  # fmt: skip


def median_seconds(command: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def section(results: dict[str, float], repeat: int) -> str:
    lines = [
        SECTION, "",
        f"`.venv/bin/python benchmarks/startup.py` — {dt.date.today()}, Python "
        f"{platform.python_version()}, {os.cpu_count()} CPUs, median of {repeat} whole processes. "
        f"Target: `--help` and a small `account` under {TARGET_S:g} s.", "",
        "| command | seconds | target met |", "|---|---|---|",
    ]  # fmt: skip
    for name, seconds in results.items():
        met = "yes" if seconds < TARGET_S else "no"
        lines.append(
            f"| `{name}` | {seconds:.3f} | {met if name.startswith('chinaets') else '—'} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--no-write", action="store_true", help="do not update RESULTS.md")
    args = parser.parse_args()
    results = {name: median_seconds(cmd, args.repeat) for name, cmd in runs().items()}
    text = section(results, args.repeat)
    print(text)
    if not args.no_write:
        write_section(text)


if __name__ == "__main__":
    main()
