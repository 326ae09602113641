"""The read model: long-format analytics tables built from `Summary` objects (and allocations
and the registry), written as partitioned Parquet, described by a data dictionary, and queried
through one interface (`ReadModel`) on any `chinaets.analytics.Engine`.

    build_read_model(summaries, folder)      # Parquet under folder/<table>/year=…/sector=…/
    model = ReadModel.open(folder)           # DuckDB by default; ReadModel.open(folder, engine)
    model.totals("sector", year=2025)
    model.page("entities", Listing(where={"year": 2025}, search="华能", sort="obligation_t"))
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from chinaets.mrv.sectors import Summary
from chinaets.national.readmodel.build import Allocated, summary_tables, write_tables
from chinaets.national.readmodel.dictionary import TABLES, markdown
from chinaets.national.readmodel.listing import Listing, Page
from chinaets.national.readmodel.model import ReadModel
from chinaets.registry.service import Registry

__all__ = [
    "FOLDER",
    "TABLES",
    "Allocated",
    "DataMissing",
    "Listing",
    "Page",
    "ReadModel",
    "build_read_model",
    "markdown",
    "read_model_folder",
]

FOLDER = "readmodel"
"""The read model's folder inside a `chinaets demo` output folder."""


class DataMissing(Exception):
    """The data folder holds no read model."""


def read_model_folder(folder: Path) -> Path:
    """`folder`'s read model: ``folder/readmodel`` (a demo output) or `folder` itself."""
    for candidate in (folder / FOLDER, folder):
        if (candidate / "entities").is_dir():
            return candidate
    raise DataMissing(
        f"{folder / FOLDER} not found: run `chinaets demo --out {folder}` first "
        "(or give a folder written by build_read_model)"
    )


def build_read_model(
    summaries: Iterable[Summary],
    folder: Path,
    allocations: Iterable[Allocated] = (),
    registry: Registry | None = None,
) -> dict[str, Path]:
    """Write every table of the read model under `folder` (replacing it) and return where each
    went. The registry tables are read from `registry` when one is given (else written empty)."""
    tables = summary_tables(summaries, allocations)
    if registry is not None:
        from chinaets.national.readmodel.registry_tables import registry_tables

        tables.update(registry_tables(registry))
    else:
        tables.update({name: TABLES[name].schema().empty_table() for name in _REGISTRY})
    return write_tables(tables, folder)


_REGISTRY = ("accounts", "holdings", "surrenders")
