"""Where the platform keeps its records: the registry's database (one Alembic chain, same URL
scheme: a SQLite file by default, PostgreSQL by URL) and a folder of content-addressed files
beside it.

The folder is ``<database file>.files/`` for SQLite; for PostgreSQL it is
``CHINAETS_PLATFORM_FILES`` (else ``chinaets-files`` in the working directory). Each write is
one transaction (`PlatformStore.writing`): a submission is stored whole or not at all.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from chinaets.platform.blobs import BlobFolder
from chinaets.registry import store as registry_store

FILES_ENV = "CHINAETS_PLATFORM_FILES"
DEFAULT_FILES = "chinaets-files"


def files_folder(url: str) -> Path:
    """The content-addressed files' folder for the database at `url`."""
    parsed = make_url(url)
    if os.environ.get(FILES_ENV):
        return Path(os.environ[FILES_ENV])
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        database = Path(str(parsed.database))
        return database.with_name(database.name + ".files")
    return Path(DEFAULT_FILES)


class PlatformStore:
    """The operational store: an engine on the (migrated) database and the files' folder."""

    def __init__(self, engine: Engine, files: Path) -> None:
        self.engine = engine
        self.files = BlobFolder(files)

    @classmethod
    def open(cls, url: str | None = None, files: Path | None = None) -> PlatformStore:
        """Open (creating or upgrading the schema of) the store at `url`."""
        url = url or registry_store.default_db_url()
        engine = registry_store.make_engine(url)
        registry_store.upgrade(engine)
        return cls(engine, files or files_folder(url))

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on any error."""
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()
