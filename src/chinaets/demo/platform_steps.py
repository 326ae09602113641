"""Demo step: the fleet's reports and monthly deposits go through the platform like a
province's files (`chinaets.demo.submissions`), then the screening is asked for the planted
anomalies. The store is the demo's one database (``registry.db``, started afresh here); the
read model is built from it afterwards (`chinaets.demo.readmodel_steps`)."""

from __future__ import annotations

import shutil
from collections import Counter
from typing import Any

from rich.table import Table

from chinaets.demo import submissions
from chinaets.demo.run import DemoRun
from chinaets.platform import screening
from chinaets.platform.store import PlatformStore
from chinaets.registry.records import SYSTEM


def platform_step(run: DemoRun) -> None:
    power = submissions.documents("power", run.reports)
    planted = submissions.plant(power)
    items = list(submissions.filings("power", power, run.seed, planted))
    industry = getattr(run.industry, "reports", {}) or {}
    for sector, reports in industry.items():
        items += submissions.filings(sector, submissions.documents(sector, reports), run.seed, [])
    folder = run.out / "submissions"
    shutil.rmtree(folder, ignore_errors=True)
    submissions.write_files(folder, items)
    url = run.database_url
    run.out.mkdir(parents=True, exist_ok=True)
    run.database.unlink(missing_ok=True)  # a rerun starts from an empty store and ledger
    store = PlatformStore.open(url)
    shutil.rmtree(store.files.root, ignore_errors=True)
    try:
        with run.progress_console.status(f"Submitting {len(items):,} reports and deposits …"):
            outcomes = submissions.submit_all(store, items)
        found = planted_found(store, planted)
        with store.reading() as session:
            top, total = screening.screen(session, SYSTEM, screening.ScreeningQuery(limit=10))
    finally:
        store.close()
    counts: Counter[str] = Counter(str(o.status) for o in outcomes)
    run.payload["platform"] = {"files": len(outcomes), **counts, "findings": total,
                               "planted": [{**p.as_dict(), "found": ok} for p, ok in found]}  # fmt: skip
    run.files["submissions"] = folder
    run.next_steps += [f"chinaets screen --db {url} --xlsx screening.xlsx",
                       f"chinaets api --db {url}   # REST, " + run.say("docs at /docs", "文档见 /docs")]  # fmt: skip
    if not run.as_json:
        _print(run, counts, total, top, found)


def planted_found(
    store: PlatformStore, planted: list[submissions.Planted]
) -> list[tuple[Any, bool]]:
    """Whether the screening lists each planted anomaly for its entity and month."""
    out = []
    with store.reading() as session:
        for p in planted:
            query = screening.ScreeningQuery(credit_code=p.credit_code, limit=screening.MAX_PAGE)
            rows, _ = screening.screen(session, SYSTEM, query)
            if p.code == "DEFAULT-CARBON":
                hit = any(
                    r.month == p.month and "carbon" in r.field and r.tco2_at_stake > 0 for r in rows
                )
            else:
                hit = any(r.code == p.code and r.month == p.month for r in rows)
            out.append((p, hit))
    return out


def _print(
    run: DemoRun, counts: Counter[str], total: int, top: list[Any], found: list[tuple[Any, bool]]
) -> None:
    stored, duplicate, refused = counts["stored"], counts["duplicate"], counts["refused"]
    run.console.print(run.say(
        f"Platform: {stored:,} stored, {duplicate:,} duplicate, {refused:,} refused; "
        f"{total:,} findings on the screening list",
        f"入库 {stored:,}，重复 {duplicate:,}，拒收 {refused:,}；筛查发现 {total:,} 条",
    ))  # fmt: skip
    title = run.say("Screening: top findings by tCO2 at stake", "筛查：涉及排放量最大的发现")
    table = Table(title=title)
    heads = (("severity", "严重程度"), ("entity", "企业"), ("unit", "机组"), ("month", "月份"),
             ("code", "代码"), ("tCO2", "tCO2"))  # fmt: skip
    for en, zh in heads:
        table.add_column(run.say(en, zh))
    for r in top:
        table.add_row(run.term(r.severity), r.credit_code, r.unit_id or "—", str(r.month or "—"), r.code,
                      f"{r.tco2_at_stake:,.0f}")  # fmt: skip
    run.console.print(table)
    for planted, ok in found:
        mark = run.say("found", "已发现") if ok else run.say("MISSED", "未发现")
        run.console.print(run.say(
            f"  planted {planted.code} {planted.credit_code} month {planted.month}: {mark}",
            f"  预置 {planted.code} {planted.credit_code} {planted.month} 月：{mark}",
        ))  # fmt: skip
