"""The analytics read model of the store: the latest `Summary` of every entity's report and year
(`queries.latest_summaries`), with the allocations and the registry's figures where the caller
has them, written as the national read model (`chinaets.national.readmodel`). The dashboard,
`chinaets targets` and the demo's summaries read that model, never the store's rows."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from chinaets.mrv.sectors import Summary
from chinaets.national.readmodel import Allocated, build_read_model
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
    return build_read_model(stored_summaries(store), folder, allocations, registry)
