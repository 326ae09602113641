"""Benchmark: submitting the national set of annual reports through the platform, and screening
at ten times the national entity count.

    .venv/bin/python benchmarks/submissions.py [--year 2024] [--limit N] [--queries 50]
        [--pg-url postgresql+psycopg://postgres@127.0.0.1:5432/test] [--no-write]

1. Every entity of the four sectors' national data sets (the demo's synthetic fleets: power,
   steel, cement, aluminium) is written as the JSON report an enterprise files, then stored with
   `chinaets.platform.submit` one file per transaction (validation, accounting, checks, findings
   weighed in tonnes, original file kept content-addressed), on SQLite (file, WAL) and on
   PostgreSQL (a fresh schema, dropped afterwards). Files per second, median over the run.
   Sending the same set again measures the duplicate check (idempotency).
2. The stored submissions and findings are copied nine times under new credit codes (10× the
   national entity count), ANALYZE, then the screening queries a reviewer's page runs are
   timed: the national list sorted by tonnes at stake (page 1, and page 200 by offset and by
   the keyset cursor `after`), one province's list, errors only sorted by entity, a text search
   (on the text index of migration ``screening``), and the risk ranking. p95 over `--queries`
   runs each.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import secrets
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from results_file import write_section
from sqlalchemy import create_engine, text

from chinaets.platform import screening
from chinaets.platform.store import PlatformStore
from chinaets.platform.submit import Upload, submit_one
from chinaets.registry.records import SYSTEM, Actor, Role

HEADING = "## Platform submissions and screening"
NOW = dt.datetime(2026, 3, 20, 2, 0, tzinfo=dt.UTC)
COPY = """INSERT INTO platform_submissions (kind, sector, credit_code, name, province, year, month,
 version, content_sha256, source_name, submitter, submitted_at, document, result, summary,
 total_t, defaults_t, stake_t, errors, warnings)
 SELECT kind, sector, substr(credit_code, 1, 16) || :sfx, name, province, year, month, version,
 content_sha256, source_name, submitter, submitted_at, document, result, summary, total_t,
 defaults_t, stake_t, errors, warnings FROM platform_submissions WHERE id <= :last"""
MATCH = """JOIN platform_submissions o ON o.id = {t}.submission_id JOIN platform_submissions n
 ON n.credit_code = substr(o.credit_code, 1, 16) || :sfx AND n.kind = o.kind AND n.sector = o.sector
 AND n.year = o.year AND n.month = o.month AND n.version = o.version WHERE o.id <= :last"""
COPY_FINDINGS = """INSERT INTO platform_findings (submission_id, source, severity, code, sector,
 province, credit_code, unit_id, year, month, field, en, zh, tco2_at_stake, reference)
 SELECT n.id, f.source, f.severity, f.code, f.sector, f.province, n.credit_code, f.unit_id, f.year,
 f.month, f.field, f.en, f.zh, f.tco2_at_stake, f.reference FROM platform_findings f """ + MATCH.format(
    t="f"
)
COPY_HEADS = """INSERT INTO platform_heads (kind, credit_code, sector, year, month, submission_id,
 province, state, updated_at) SELECT h.kind, n.credit_code, h.sector, h.year, h.month, n.id,
 h.province, h.state, h.updated_at FROM platform_heads h """ + MATCH.format(t="h")


def national_uploads(year: int, limit: int | None) -> list[Upload]:
    """Every entity's report of the four national data sets, as the JSON an enterprise files."""
    from chinaets.demo import industry_fleet, power_fleet, steel_fleet
    from chinaets.demo.submissions import documents

    reports = {
        "power": power_fleet.build_fleet(year, power_fleet.DEFAULT_SEED, None)[1],
        "steel": steel_fleet.build_fleet(year, power_fleet.DEFAULT_SEED, None)[1],
        "cement": industry_fleet.build_cement(year, power_fleet.DEFAULT_SEED, None),
        "aluminium": industry_fleet.build_aluminium(year, power_fleet.DEFAULT_SEED, None),
    }
    uploads = []
    for sector, found in reports.items():
        for doc in documents(sector, found[:limit]):
            name = f"{sector}/{doc['entity']['credit_code']}-{year}.json"
            uploads.append(Upload(name, {name: json.dumps(doc, ensure_ascii=False).encode()}))
    return uploads


def submit_all(store: PlatformStore, uploads: list[Upload]) -> tuple[float, dict[str, int]]:
    start = time.perf_counter()
    statuses: dict[str, int] = {}
    for upload in uploads:
        status = submit_one(store, upload, "bench", NOW).status
        statuses[status] = statuses.get(status, 0) + 1
    return time.perf_counter() - start, statuses


def multiply(store: PlatformStore, times: int) -> int:
    """Copy every stored submission, finding and head `times - 1` times under new credit codes."""
    with store.writing() as session:
        last = int(session.execute(text("SELECT max(id) FROM platform_submissions")).scalar_one())
        for k in range(1, times):
            params = {"sfx": f"Z{k}", "last": last}
            for statement in (COPY, COPY_FINDINGS, COPY_HEADS):
                session.execute(text(statement), params)
    with store.engine.connect() as connection:
        connection.execute(text("ANALYZE"))
        connection.commit()
    with store.reading() as session:
        return int(session.execute(text("SELECT count(*) FROM platform_heads")).scalar_one())


def queries(province_actor: Actor, deep: str | None) -> dict[str, Callable[[Any], object]]:
    q = screening.ScreeningQuery
    return {
        "national, by tCO2 at stake, page 1": lambda s: screening.screen(s, SYSTEM, q()),
        "national, page 200 (offset)": lambda s: screening.screen(s, SYSTEM, q(offset=50 * 199)),
        "national, page 200 (keyset, after=)": lambda s: screening.screen(s, SYSTEM, q(after=deep)),
        "one province (reviewer)": lambda s: screening.screen(s, province_actor, q()),
        "errors only, by entity": lambda s: screening.screen(s, SYSTEM, q(severity="error", sort="credit_code")),
        "text search": lambda s: screening.screen(s, SYSTEM, q(search="缺省值")),
        "risk ranking (50)": lambda s: screening.risk_ranking(s, SYSTEM, q(), 50),
    }  # fmt: skip


def deep_cursor(store: PlatformStore) -> str | None:
    """The cursor a reader holds after paging to page 199 (where page 200 starts)."""
    query = screening.ScreeningQuery(offset=50 * 198)
    with store.reading() as session:
        return screening.cursor_after(query, screening.screen(session, SYSTEM, query)[0])


def time_queries(store: PlatformStore, runs: int) -> list[tuple[str, float, float]]:
    actor = Actor("bench-37", Role.PROVINCIAL, "37")
    out = []
    for name, run in queries(actor, deep_cursor(store)).items():
        times = []
        for _ in range(runs):
            with store.reading() as session:
                start = time.perf_counter()
                run(session)
                times.append((time.perf_counter() - start) * 1000)
        times.sort()
        out.append((name, statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]))
    return out


def bench(url: str, files: Path, uploads: list[Upload], runs: int) -> dict[str, Any]:
    store = PlatformStore.open(url, files=files)
    try:
        seconds, statuses = submit_all(store, uploads)
        again, _ = submit_all(store, uploads[:200])
        entities = multiply(store, 10)
        timed = time_queries(store, runs)
    finally:
        store.close()
    return {"rate": len(uploads) / seconds, "seconds": seconds, "statuses": statuses,
            "duplicate_rate": min(200, len(uploads)) / again, "entities": entities, "queries": timed}  # fmt: skip


def pg_schema(pg_url: str) -> tuple[str, str]:
    schema = f"chinaets_bench_{secrets.token_hex(4)}"
    engine = create_engine(pg_url)
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    sep = "&" if "?" in pg_url else "?"
    return f"{pg_url}{sep}options={quote(f'-csearch_path={schema}')}", schema


def drop(pg_url: str, schema: str) -> None:
    engine = create_engine(pg_url)
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


def section(args: argparse.Namespace, n: int, results: dict[str, dict[str, Any]]) -> str:
    lines = [
        HEADING, "",
        f"Run `.venv/bin/python benchmarks/submissions.py --year {args.year} --queries {args.queries}"
        f"{f' --limit {args.limit}' if args.limit else ''}` on {dt.date.today()}: {os.cpu_count()} CPUs, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}; load average "
        f"{os.getloadavg()[0]:.1f} when written (the machine is shared).", "",
        f"Submitting the national set of annual reports ({n:,} files, four sectors, data year {args.year}), "
        "one transaction per file: validation, accounting, checks, findings weighed in tonnes, the "
        "original kept content-addressed on disk.", "",
        "| backend | files | stored | seconds | files/s | duplicates/s (same files again) |",
        "|---|---:|---:|---:|---:|---:|",
    ]  # fmt: skip
    for backend, r in results.items():
        lines.append(f"| {backend} | {n:,} | {r['statuses'].get('stored', 0):,} | {r['seconds']:.1f} | "
                     f"{r['rate']:.1f} | {r['duplicate_rate']:.0f} |")  # fmt: skip
    base = results.get("SQLite (file, WAL)")
    if base and "PostgreSQL" in results:
        lines += [
            "",
            f"Ratio PostgreSQL / SQLite: {results['PostgreSQL']['rate'] / base['rate']:.2f}.",
        ]
    entities = next(iter(results.values()))["entities"]
    lines += ["", f"Screening with 10× the national entity count ({entities:,} entity-reports, "
              f"their findings copied likewise): milliseconds per query, {args.queries} runs each. "
              "Target: p95 < 300 ms.", "",
              "| query | " + " | ".join(f"{b} median | {b} p95" for b in results) + " |",
              "|---|" + "---:|---:|" * len(results)]  # fmt: skip
    names = [name for name, _, _ in next(iter(results.values()))["queries"]]
    for i, name in enumerate(names):
        cells = " | ".join(
            f"{r['queries'][i][1]:.1f} | {r['queries'][i][2]:.1f}" for r in results.values()
        )
        lines.append(f"| {name} | {cells} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--limit", type=int, default=None, help="entities per sector (default all)")
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--pg-url", default=os.environ.get(
        "CHINAETS_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"))  # fmt: skip
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--no-write", action="store_true", help="do not update RESULTS.md")
    args = parser.parse_args()
    uploads = national_uploads(args.year, args.limit)
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="chinaets-bench-") as folder:
        results["SQLite (file, WAL)"] = bench(f"sqlite:///{folder}/bench.db", Path(folder) / "files",
                                              uploads, args.queries)  # fmt: skip
        print("SQLite", results["SQLite (file, WAL)"], flush=True)
        if not args.no_pg:
            url, schema = pg_schema(args.pg_url)
            try:
                results["PostgreSQL"] = bench(url, Path(folder) / "pg-files", uploads, args.queries)
            finally:
                drop(args.pg_url, schema)
            print("PostgreSQL", results["PostgreSQL"], flush=True)
    text_out = section(args, len(uploads), results)
    print(text_out)
    if not args.no_write:
        write_section(text_out)


if __name__ == "__main__":
    main()
