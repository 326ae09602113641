"""What the dashboard shows: the read model (``chinaets.national.readmodel``) of a data folder
and, when one is connected, the registry database (accounts, holdings, surrenders, CCER).

The read model's Parquet tables are registered once on one analytics engine; each request runs
its queries through the `ReadModel`, never with a connection of its own. The registry's tables
are a snapshot taken from the live registry, refreshed when a new transaction was recorded; the
tables made of the store's reports are rebuilt when a submission was stored since the read model
was built from the store (`refresh_store`, before each page).
"""

from __future__ import annotations

import csv
import threading
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from chinaets.analytics.engine import Engine, open_engine
from chinaets.core.sources import shown_url
from chinaets.national.readmodel import DataMissing, ReadModel, read_model_folder
from chinaets.registry.service import Registry

__all__ = ["Dashboard", "DataMissing", "market_facts", "open_registry", "yearly_market"]

MARKET_FACTS = Path(__file__).resolve().parents[1] / "data" / "national" / "ets_market_facts.csv"


class Dashboard:
    """The read model, the registry snapshot in it, and the example inputs of a data folder."""

    def __init__(
        self, folder: Path, registry: Registry | None = None, engine: Engine | None = None
    ) -> None:
        self.folder = folder
        self.model_folder = read_model_folder(folder)
        self.model = ReadModel.open(self.model_folder, engine or open_engine(), in_memory=True)
        self.registry = registry
        self.year = self.model.latest_year() or 0
        self._lock = threading.Lock()
        self._seen_tx: int | None = None
        self._snapshot = False
        self.refresh_registry()

    def close(self) -> None:
        self.model.close()

    def refresh_registry(self) -> None:
        """Take a new snapshot of the registry's accounts, holdings and surrenders when a
        transaction was recorded since the last one (one cheap query otherwise)."""
        if self.registry is None:
            return
        from chinaets.national.readmodel.registry_tables import registry_tables
        from chinaets.registry.models import TransactionRow

        with self._lock:
            with self.registry.reading() as session:
                last = session.scalar(select(func.max(TransactionRow.id)))
            if self._snapshot and last == self._seen_tx:
                return
            self.model.attach_registry(registry_tables(self.registry))
            self._seen_tx, self._snapshot = last, True

    def refresh_store(self) -> None:
        """Rebuild the tables made of the store's reports when a submission was stored since
        the read model was built from the store (one cheap query otherwise; nothing for a read
        model not built from this database's store)."""
        if self.registry is None:
            return
        from chinaets.platform.readmodel import refresh_from_store
        from chinaets.platform.store import PlatformStore, files_folder

        url = self.registry.engine.url.render_as_string(hide_password=False)
        with self._lock:
            store = PlatformStore(self.registry.engine, files_folder(url))
            tables = refresh_from_store(store, self.model_folder)
            if tables is not None:
                self.model.replace_tables(tables)
                self.year = self.model.latest_year() or 0

    def report_document(self, entity: dict[str, Any]) -> dict[str, Any] | None:
        """The entity-year's latest report as the platform's store keeps it (in the registry's
        database), None without a database or a stored report."""
        if self.registry is None:
            return None
        from sqlalchemy.orm import Session

        from chinaets.platform.queries import latest_document

        with Session(self.registry.engine) as session:
            return latest_document(
                session, str(entity["sector"]), str(entity["credit_code"]), int(entity["year"])
            )


def market_facts() -> list[dict[str, str]]:
    """The published market figures, each linked to its source only where that is reputable."""
    with MARKET_FACTS.open(encoding="utf-8", newline="") as handle:
        return [{**f, "source_url": shown_url(f["source_url"])} for f in csv.DictReader(handle)]


def yearly_market(facts: list[dict[str, str]]) -> dict[str, list[tuple[int, float]]]:
    """Yearly volume (Mt), turnover (bn CNY) and year-end closing price (CNY/t)."""
    out: dict[str, list[tuple[int, float]]] = {"volume_mt": [], "turnover_bn": [], "close": []}
    for f in facts:
        period, metric, value, unit = f["period"], f["metric"], float(f["value"]), f["unit"]
        year = int(period[:4]) if period[:4].isdigit() else None
        if year is None:
            continue
        if metric == "volume":
            out["volume_mt"].append((year, value / 1e6 if unit == "t" else value))
        elif metric == "turnover":
            out["turnover_bn"].append((year, value / 1e9 if unit == "CNY" else value))
        elif metric in {"closing_price", "closing_price_derived"}:
            out["close"].append((year, value))
    return {k: sorted(v) for k, v in out.items()}


def open_registry(folder: Path, url: str | None, pepper: str | None) -> Registry | None:
    """The registry at `url`, else ``<folder>/registry.db`` if the demo wrote one, else None."""
    if url is None:
        path = folder / "registry.db"
        if not path.exists():
            return None
        url = f"sqlite:///{path}"
    return Registry.open(url, token_pepper=pepper)
