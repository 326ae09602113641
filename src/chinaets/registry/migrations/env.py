"""Alembic environment: runs on a connection handed over in `config.attributes["connection"]`
(how chinaets calls it) or on the URL given with `-x url=…` (running `alembic` by hand)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from chinaets.registry.models import Base

VERSION_TABLE = "registry_alembic_version"


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        version_table=VERSION_TABLE,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url", "sqlite:///chinaets.db")
    with create_engine(url).connect() as fresh:
        _run(fresh)


run_online()
