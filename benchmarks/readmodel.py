"""Benchmark: the read model at 10× the national entity count — build time, and every
dashboard page's response time on it.

    .venv/bin/python benchmarks/readmodel.py [--scale 10] [--requests 30] [--no-write]

Synthetic `Summary` objects (seeded) for each sector in the proportions of the published
entity lists (``ets_coverage_figures.yaml``: power 2,087, steel 232, cement 962, aluminium 97)
times --scale, with 1–4 perimeter units per entity, four yearly figures per unit and two
monthly figures per unit and month. Measures `build_read_model` (Summaries → Arrow →
partitioned Parquet), then serves the dashboard in-process (FastAPI's test client, one
thread: the time is the server's work plus the in-process client) and sends --requests GETs to
every page as the ministry (the registry snapshot holds one synthetic holding account per
entity). Baseline: the entities page's two queries (count and one sorted page) hand-written in
DuckDB on the same rows, without the dashboard. Writes the "Read model" section of
benchmarks/RESULTS.md. Target: p95 < 300 ms for every page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import statistics
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow as pa
import yaml
from results_file import write_section

from chinaets.core.china import PROVINCES
from chinaets.mrv.sectors import Intensity, MonthlyValue, PerimeterUnit, Summary
from chinaets.national.readmodel import TABLES, build_read_model

SECTION = "## Read model"
TARGET_MS = 300.0
COVERAGE = Path(__file__).resolve().parents[1] / "src/chinaets/data/national/ets_coverage_figures.yaml"  # fmt: skip
PEPPER = "benchmark-pepper-" + "x" * 24


def national_mix() -> dict[str, int]:
    """Entities per sector on the published lists."""
    figures = yaml.safe_load(COVERAGE.read_text(encoding="utf-8"))["sectors"]
    return {name: int(spec["entities"]) for name, spec in figures.items()}


def synthetic(scale: int, seed: int = 7) -> Iterator[Summary]:
    rng = random.Random(seed)
    provinces = sorted(PROVINCES)
    n = 0
    for sector, count in national_mix().items():
        for _ in range(count * scale):
            n += 1
            yield _summary(rng, sector, n, rng.choice(provinces))


def _summary(rng: random.Random, sector: str, n: int, province: str) -> Summary:
    code = f"91{PROVINCES[province][1]}0000{n:08d}X"
    units = []
    for u in range(rng.randint(1, 4)):
        emissions = rng.uniform(5e4, 3e6)
        units.append(PerimeterUnit(
            f"U{n}-{u}", "unit", emissions, emissions * rng.uniform(0.9, 1.3), "t",
            rng.choice(("I", "II", "III", "IV")),
            {"rated_mw": rng.uniform(50, 1000), "heat_supplied_gj": rng.uniform(0, 1e6),
             "running_hours": rng.uniform(3000, 8000), "output_t": emissions},
        ))  # fmt: skip
    total = sum(u.emissions_t for u in units)
    monthly = tuple(
        MonthlyValue(m, variable, "t", u.emissions_t / 12 * rng.uniform(0.8, 1.2), u.unit_id)
        for u in units
        for m in range(1, 13)
        for variable in ("emissions|coal", "output")
    )
    return Summary(
        sector=sector, year=2025, credit_code=code, name=f"合成企业{n:06d} Synthetic {n}",
        province=province, total_emissions_t=total, obligation_t=round(total),
        perimeter=tuple(units), intensity=Intensity(total, sum(u.output for u in units), "t", "吨"),
        values={"emissions_direct_tco2": total, "capacity_mw": 100.0}, monthly=monthly,
    )  # fmt: skip


def registry_snapshot(summaries: list[Summary]) -> dict[str, pa.Table]:
    """One holding account per entity, holding its obligation as CEA-2025."""

    def table(name: str, rows: list[tuple[object, ...]]) -> pa.Table:
        columns = list(zip(*rows, strict=True))
        spec = TABLES[name]
        return pa.table({c: list(v) for c, v in zip(spec.column_names, columns, strict=True)}, schema=spec.schema())  # fmt: skip

    accounts = [(f"ENT-{s.credit_code}", "holding", s.credit_code, s.name, s.province, "open", int(s.obligation_t), 0) for s in summaries]  # fmt: skip
    holdings = [(f"ENT-{s.credit_code}", s.credit_code, s.province, "CEA-2025", "CEA", "2025", "", int(s.obligation_t), 0) for s in summaries]  # fmt: skip
    surrenders = [(2025, s.credit_code, s.province, "CEA-2025", "CEA", int(s.obligation_t) // 2, False) for s in summaries[::3]]  # fmt: skip
    return {"accounts": table("accounts", accounts), "holdings": table("holdings", holdings),
            "surrenders": table("surrenders", surrenders)}  # fmt: skip


def timed(call: Callable[[], object], n: int) -> dict[str, float]:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {"n": n, "median": statistics.median(times), "p95": times[max(0, round(0.95 * n) - 1)], "max": times[-1]}  # fmt: skip


def pages(summaries: list[Summary]) -> list[str]:
    big = summaries[len(summaries) // 2]
    code, name = big.credit_code, big.name.split()[0]
    return [
        "/", "/entities", "/entities?sort=total_emissions_t&dir=desc&page=200",
        f"/entities?q={name}", "/entities?province=Hebei&sector=cement&sort=intensity&dir=desc",
        f"/entities/{code}", "/tables/units?sort=emissions_t&dir=desc",
        f"/tables/monthly_values?credit_code={code}", "/tables/unit_values?page=50",
        "/tables/allocation", "/registry", f"/registry?q={code[-8:]}",
        f"/tables/holdings?holder={code}", "/download/entities.csv?sector=cement",
        "/download/units.xlsx?province=Hebei&sector=aluminium", "/targets", "/exchange",
    ]  # fmt: skip


def serve_and_measure(folder: Path, summaries: list[Summary], requests: int) -> dict[str, dict[str, float]]:  # fmt: skip
    from chinaets.registry import records as r
    from chinaets.registry.service import Registry
    from chinaets.web.app import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    registry = Registry.open(f"sqlite:///{folder / 'registry.db'}", token_pepper=PEPPER)
    registry.init()
    token = str(registry.execute(r.SYSTEM, "mee", r.AddUser("mee", r.Role.MINISTRY, "MEE")).detail["token"])  # fmt: skip
    app = create_app(folder, token_pepper=PEPPER)
    data = app.state.data
    data.model.attach_registry(registry_snapshot(summaries))  # the 10x registry, as a snapshot
    with TestClient(app) as client:
        client.post("/login", data={"token": token}, follow_redirects=False)
        rows = {}
        for path in pages(summaries):
            assert client.get(path).status_code == 200, path  # warm-up
            rows[path] = timed(lambda p=path: client.get(p), requests)  # type: ignore[misc]
    return rows


def baseline(folder: Path, requests: int) -> dict[str, float]:
    """The entities page's count and sorted page, hand-written in DuckDB over the same rows
    loaded into a DuckDB table (as the dashboard loads the read model)."""
    import duckdb

    con = duckdb.connect()
    source = folder / "readmodel" / "entities"
    con.execute(
        "CREATE TABLE entities AS SELECT * FROM read_parquet($p, hive_partitioning = true)",
        {"p": f"{source}/**/*.parquet"},
    )

    def run() -> None:
        con.execute("SELECT count(*) FROM entities").fetchall()
        con.execute("SELECT * FROM entities ORDER BY credit_code LIMIT 50").fetchall()

    return timed(run, requests)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="chinaets-readmodel-bench-") as tmp:
        folder = Path(tmp)
        summaries = list(synthetic(args.scale))
        start = time.perf_counter()
        build_read_model(summaries, folder / "readmodel")
        build_s = time.perf_counter() - start
        sizes = {p.name: sum(f.stat().st_size for f in p.rglob("*.parquet")) for p in (folder / "readmodel").iterdir()}  # fmt: skip
        rows = serve_and_measure(folder, summaries, args.requests)
        base = baseline(folder, args.requests)
    report(rows, base, build_s, summaries, sizes, args)


def report(rows: dict[str, dict[str, float]], base: dict[str, float], build_s: float, summaries: list[Summary], sizes: dict[str, int], args: argparse.Namespace) -> None:  # fmt: skip
    units = sum(len(s.perimeter) for s in summaries)
    monthly = sum(len(s.monthly) for s in summaries)
    print(f"build: {len(summaries):,} entities, {units:,} units, {monthly:,} monthly values in {build_s:.1f} s")  # fmt: skip
    for path, r in rows.items():
        print(f"{path:60} median={r['median']:.1f} ms p95={r['p95']:.1f} ms")
    print(f"baseline (hand-written DuckDB, entities count + page): p95={base['p95']:.1f} ms")
    if args.no_write:
        return
    machine = f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"  # fmt: skip
    entities_p95 = rows["/entities"]["p95"]
    lines = [
        SECTION, "",
        f"`.venv/bin/python benchmarks/readmodel.py --scale {args.scale} --requests {args.requests}` on "
        f"{dt.date.today()}, {machine}; load average {os.getloadavg()[0]:.1f} when written.", "",
        f"Synthetic Summaries at {args.scale}× the national entity lists: {len(summaries):,} entities, "
        f"{units:,} perimeter units, {monthly:,} monthly values. **Build** (`build_read_model`: "
        f"Summaries → Arrow → Hive-partitioned Parquet, {sum(sizes.values()) / 1e6:,.0f} MB): "
        f"**{build_s:.1f} s** ({len(summaries) / build_s:,.0f} entities/s).", "",
        "Every page served in-process, the read model loaded from the Parquet files into DuckDB "
        "once at start (logged in as the ministry; the "
        f"registry snapshot has one holding account per entity); {args.requests} sequential requests "
        f"per page after a warm-up. Target: p95 < {TARGET_MS:.0f} ms. Baseline: the entities page's "
        f"count and sorted page hand-written in DuckDB on the same rows, p95 {base['p95']:.1f} ms; "
        f"the `/entities` page is {entities_p95 / base['p95']:.1f}× that (rendering, labels, access "
        "scope, the filter lists).", "",
        "| page | median ms | p95 ms | max ms | p95 < 300 ms |", "|---|---:|---:|---:|---|",
    ]  # fmt: skip
    for path, r in rows.items():
        ok = "yes" if r["p95"] < TARGET_MS else "**no**"
        lines.append(f"| `{path}` | {r['median']:.1f} | {r['p95']:.1f} | {r['max']:.1f} | {ok} |")
    write_section("\n".join(lines), before="## All four sectors")


if __name__ == "__main__":
    main()
