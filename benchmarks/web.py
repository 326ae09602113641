"""Benchmark: dashboard response time per page on the demo data.

    .venv/bin/python benchmarks/web.py [--data chinaets-demo] [--requests 200] [--threads 4]

Starts the dashboard with uvicorn in a child process on 127.0.0.1 (a free port), warms every
page up, then sends `--requests` GETs per page from a pool of Python threads (httpx, one client
per thread) and reports the median and 95th percentile of the response time measured by the
client. Bounded: at most --requests per page and --max-seconds per page. Without a demo folder
at --data, the full national demo is built first into a temporary folder. Writes the
"Dashboard" section of benchmarks/RESULTS.md. Target: p95 < 300 ms for every page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from results_file import write_section

SECTION = "## Dashboard"
TARGET_MS = 300.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build_demo(folder: Path) -> None:
    """The full national demo (chinaets demo) into `folder`."""
    subprocess.run(
        [sys.executable, "-c", "from chinaets.cli.main import app; app()", "demo", "--out", str(folder), "--json"],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip


def start_server(data: Path, port: int) -> subprocess.Popen[bytes]:
    # as `chinaets serve --no-login` runs it: the demo's entity pages open to the client
    script = ("import sys, uvicorn; from pathlib import Path; from chinaets.web.app import create_app; "
              "uvicorn.run(create_app(Path(sys.argv[1]), open_demo=True), host='127.0.0.1', "
              "port=int(sys.argv[2]), log_level='warning')")  # fmt: skip
    server = subprocess.Popen([sys.executable, "-c", script, str(data), str(port)])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the dashboard did not start within 60 s")


def measure(
    base: str, path: str, requests: int, threads: int, max_seconds: float
) -> dict[str, float]:
    local = threading.local()
    stop = time.monotonic() + max_seconds
    failures: list[int] = []

    def one(_: int) -> float | None:
        if time.monotonic() > stop:
            return None
        if not hasattr(local, "client"):
            local.client = httpx.Client(base_url=base, timeout=30)
        start = time.perf_counter()
        response = local.client.get(path)
        elapsed = (time.perf_counter() - start) * 1000
        if response.status_code != 200:
            failures.append(response.status_code)
        return elapsed

    with ThreadPoolExecutor(threads) as pool:
        times = [t for t in pool.map(one, range(requests)) if t is not None]
    times.sort()
    return {
        "n": len(times),
        "median": statistics.median(times),
        "p95": times[max(0, round(0.95 * len(times)) - 1)],
        "max": times[-1],
        "failures": len(failures),
    }


def pages(data: Path) -> list[str]:
    example = next(data.glob("example_*.json")).stem.removeprefix("example_")
    return ["/", "/entities", f"/entities/{example}", "/ccer", "/targets", "/registry", "/exchange", "/login"]  # fmt: skip


def write_results(
    rows: dict[str, dict[str, float]], args: argparse.Namespace, entities: int
) -> None:
    machine = f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    lines = [
        SECTION, "",
        f"`.venv/bin/python benchmarks/web.py --requests {args.requests} --threads {args.threads}` on "
        f"{dt.date.today()}, {machine}; load average {os.getloadavg()[0]:.1f} when written.", "",
        f"uvicorn (1 worker) on 127.0.0.1 serving the full demo ({entities:,} entities); "
        f"{args.threads} client threads (httpx) on the same machine; times measured by the client. "
        f"Target: p95 < {TARGET_MS:.0f} ms.", "",
        "| page | requests | median ms | p95 ms | max ms | non-200 | p95 < 300 ms |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]  # fmt: skip
    for path, r in rows.items():
        ok = "yes" if r["p95"] < TARGET_MS else "**no**"
        lines.append(f"| `{path}` | {r['n']:.0f} | {r['median']:.1f} | {r['p95']:.1f} | {r['max']:.1f} | {r['failures']:.0f} | {ok} |")  # fmt: skip
    write_section("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("chinaets-demo"))
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--max-seconds", type=float, default=60.0, help="per page")
    parser.add_argument("--no-write", action="store_true", help="do not update RESULTS.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="chinaets-web-bench-") as tmp:
        data = args.data
        if not (data / "readmodel" / "entities").is_dir():
            data = Path(tmp) / "demo"
            print(f"building the full demo in {data} …", flush=True)
            build_demo(data)
        port = free_port()
        server = start_server(data, port)
        try:
            base = f"http://127.0.0.1:{port}"
            for path in pages(data):  # warm-up: caches, templates, DuckDB
                measure(base, path, 5, 1, 30)
            rows = {
                path: measure(base, path, args.requests, args.threads, args.max_seconds)
                for path in pages(data)
            }
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=15)
        entities = sum(1 for _ in _entities(data))
    for path, r in rows.items():
        print(
            f"{path:40} n={r['n']:.0f} median={r['median']:.1f} ms p95={r['p95']:.1f} ms max={r['max']:.1f} ms non-200={r['failures']:.0f}"
        )
    if not args.no_write:
        write_results(rows, args, entities)


def _entities(data: Path) -> list[str]:
    from chinaets.national.readmodel import ReadModel

    model = ReadModel.open(data / "readmodel")
    try:
        return [r["credit_code"] for r in model.rows("SELECT credit_code FROM entities")]
    finally:
        model.close()


if __name__ == "__main__":
    main()
