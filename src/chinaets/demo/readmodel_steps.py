"""The demo's read model, built from the platform's store: the latest `Summary` of every
report the demo submitted (`chinaets.platform.readmodel`), with the allocations and the
registry's accounts once those steps ran. Every step that adds figures rebuilds it, so the
summaries the demo prints, the dashboard and `chinaets targets --data` all read the same tables
and none of them reads the demo's files."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from chinaets.demo.run import DemoRun
from chinaets.national.fleet_summary import national_summary
from chinaets.national.readmodel import FOLDER, Allocated, ReadModel
from chinaets.platform.readmodel import build_from_store
from chinaets.platform.store import PlatformStore


def read_model_dir(out: Path) -> Path:
    """The read model's folder inside the demo's output folder."""
    return out / FOLDER


def allocated(entities: Iterable[Any]) -> list[Allocated]:
    """The read model's rows of allocations (`chinaets.allocation` ``EntityAllocation``)."""
    return [
        Allocated(
            sector=e.sector,
            year=e.year,
            credit_code=e.credit_code,
            province=e.province,
            verified_t=e.verified_tco2,
            allocation_t=e.final_tco2,
            pre_allocated_t=e.pre_allocation_tco2,
            obligation_t=e.obligation_tco2,
            surplus_t=e.surplus_tco2,
            draft=any(u.dated.draft for u in e.all_used()),
        )
        for e in entities
    ]


def write_read_model(run: DemoRun) -> ReadModel:
    """Rebuild the read model from the store (and what the run allocated and registered so
    far), and open it."""
    if not run.database.is_file():
        raise RuntimeError("the read model needs the platform step (the store) before it")
    folder = read_model_dir(run.out)
    store = PlatformStore.open(run.database_url)
    try:
        build_from_store(store, folder, run.allocations, run.registry)
    finally:
        store.close()
    run.files["readmodel"] = folder
    return ReadModel.open(folder)


def store_step(run: DemoRun) -> None:
    """The read model of the submitted reports, and the power sector's national summary read
    back from it."""
    model = write_read_model(run)
    try:
        sectors = {r.sector for r in run.reports}
        if sectors:
            run.summary = national_summary(model, run.year, sectors.pop())
    finally:
        model.close()


def read_model_step(run: DemoRun) -> None:
    """The last rebuild, with the registry's accounts, holdings and surrenders."""
    write_read_model(run).close()
    run.next_steps.append(
        f"SQL: SELECT * FROM read_parquet('{read_model_dir(run.out)}/entities/**/*.parquet', "
        "hive_partitioning = true) LIMIT 10   (DuckDB; "
        + run.say("docs/read-model.md lists every table)", "docs/read-model.md 列出所有表）")
    )
