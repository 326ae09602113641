"""The analytics read model of the store: the latest `Summary` of every entity's report and year
(`queries.latest_summaries`), with the allocations and the registry's figures where the caller
has them, written as the national read model (`chinaets.national.readmodel`). The dashboard,
`chinaets targets` and the demo's summaries read that model, never the store's rows.

A read model built from the store records the store's generation beside its tables
(`MARK_FILE`: the last submission id it has seen). `refresh_from_store` rebuilds the tables
made of summaries when the store has moved on since; the allocation table (the caller's) and
the registry tables (a snapshot of their own) are kept."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
from sqlalchemy import func, select

from chinaets.mrv.sectors import Summary
from chinaets.national.readmodel import Allocated, build_read_model
from chinaets.national.readmodel.build import summary_tables, write_tables
from chinaets.platform.models import SubmissionRow
from chinaets.platform.queries import latest_summaries
from chinaets.platform.store import PlatformStore
from chinaets.registry.service import Registry


def stored_summaries(store: PlatformStore, year: int | None = None) -> list[Summary]:
    """The latest Summary per entity, sector and year (reports in review or accepted)."""
    with store.reading() as session:
        return latest_summaries(session, year)


def build_from_store(
    store: PlatformStore,
    folder: Path,
    allocations: Iterable[Allocated] = (),
    registry: Registry | None = None,
) -> dict[str, Path]:
    """Write the read model of everything the store holds into `folder`; its tables' paths."""
    seen = generation(store)  # before reading: a submission made meanwhile triggers a refresh
    written = build_read_model(stored_summaries(store), folder, allocations, registry)
    _record(folder, seen)
    return written


MARK_FILE = "store.json"
KEPT = ("allocation",)
"""Tables a refresh keeps: what the builder's caller gave (the allocations), not the store."""


def generation(store: PlatformStore) -> int:
    """The store's generation: its last submission id (0 when empty); one indexed query."""
    with store.reading() as session:
        return int(session.scalar(select(func.max(SubmissionRow.id))) or 0)


def refresh_from_store(store: PlatformStore, folder: Path) -> dict[str, pa.Table] | None:
    """If the store has changed since the read model in `folder` was built from it, rebuild and
    rewrite its summary tables, and return them; None when it is current, or was not built
    from a store."""
    mark = folder / MARK_FILE
    if not mark.is_file():
        return None
    seen = generation(store)
    if seen <= int(json.loads(mark.read_text(encoding="utf-8"))["last_submission_id"]):
        return None
    tables = summary_tables(stored_summaries(store))
    for name in KEPT:
        tables.pop(name, None)
    write_tables(tables, folder)
    _record(folder, seen)
    return tables


def _record(folder: Path, seen: int) -> None:
    (folder / MARK_FILE).write_text(json.dumps({"last_submission_id": seen}), encoding="utf-8")
