"""The demo's read model: every step that adds results (accounting, allocation, the registry)
rewrites it from the `Summary` objects gathered so far, so the summaries the demo prints, the
dashboard and `chinaets targets --data` all read the same tables."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chinaets.allocation.categories import categorised
from chinaets.mrv.sectors import Summary, get_sector
from chinaets.national.readmodel import FOLDER, Allocated, ReadModel, build_read_model

if TYPE_CHECKING:
    from chinaets.cli.demo_run import DemoRun


def read_model_dir(out: Path) -> Path:
    """The read model's folder inside the demo's output folder."""
    return out / FOLDER


def summaries(reports: Iterable[Any], results: Iterable[Any]) -> list[Summary]:
    """Each accounted report as its sector summarises it."""
    out = []
    for report, result in zip(reports, results, strict=True):
        summarise = get_sector(report.sector).summary
        if summarise is not None:
            out.append(categorised(summarise(result), report, result))
    return out


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
    """Rebuild the read model from what the run has so far, and open it."""
    folder = read_model_dir(run.out)
    build_read_model(run.summaries, folder, run.allocations, run.registry)
    run.files["readmodel"] = folder
    return ReadModel.open(folder)


def read_model_step(run: DemoRun) -> None:
    """The last rebuild, with the registry's accounts, holdings and surrenders."""
    write_read_model(run).close()
    run.next_steps.append(
        f"SQL: SELECT * FROM read_parquet('{read_model_dir(run.out)}/entities/**/*.parquet', "
        "hive_partitioning = true) LIMIT 10   (DuckDB; docs/read-model.md lists every table)"
    )
