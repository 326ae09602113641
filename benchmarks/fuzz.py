"""The longer fuzz run: every reader's target (tests/security/fuzz_targets.py) driven by
hypothesis for many more examples than the suite's brief run. Any input that raises anything but
a located `InputError` fails the run and is printed (hypothesis shrinks it first).

    python benchmarks/fuzz.py [--examples 2000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from results_file import write_section  # noqa: E402
from tests.security import fuzz_targets as targets  # noqa: E402
from tests.security.test_fuzz_readers import JSONISH, TEXTS  # noqa: E402

BYTES_TARGETS = {
    "report JSON": targets.report_json,
    "report CSV folder": targets.report_csv,
    "compliance JSON": targets.compliance_json,
    "allocation JSON": targets.allocation_json,
    "CCER YAML/JSON": targets.ccer_document,
}


def run(examples: int) -> list[tuple[str, int, float]]:
    rows = []
    long = settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck))
    for name, target in BYTES_TARGETS.items():
        began = time.perf_counter()
        long(given(TEXTS)(target))()
        rows.append((name, examples, time.perf_counter() - began))
    cases = [
        (
            "report workbook (damaged)",
            given(
                st.integers(1, len(targets.TEMPLATE)),
                st.lists(st.tuples(st.integers(0), st.integers(0, 255)), max_size=8),
            )(targets.report_xlsx),
        ),
        ("JSON text", given(st.text(max_size=2000))(targets.json_text)),
        (
            "exchange command",
            given(st.dictionaries(st.text(max_size=12), JSONISH))(targets.exchange_command),
        ),
    ]
    for name, test in cases:
        began = time.perf_counter()
        long(test)()
        rows.append((name, examples, time.perf_counter() - began))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=2000)
    args = parser.parse_args()
    rows = run(args.examples)
    lines = [
        "## Fuzzing the file readers",
        "",
        f"`python benchmarks/fuzz.py --examples {args.examples}` on {dt.date.today()}, "
        f"{platform.machine()}, {os.cpu_count()} cores (shared), Python {platform.python_version()}.",
        "",
        "Each target must read its input or refuse it with a located bilingual `InputError`; the "
        "suite runs the same targets with 25 examples each (tests/security/test_fuzz_readers.py).",
        "",
        "| target | examples | failures | seconds |",
        "|---|---:|---:|---:|",
        *(f"| {name} | {n:,} | 0 | {seconds:.1f} |" for name, n, seconds in rows),
    ]
    write_section("\n".join(lines))
    for row in rows:
        print(row)


if __name__ == "__main__":
    main()
