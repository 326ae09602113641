"""Where the ledger lives: engines for SQLite (default, a file) and PostgreSQL (psycopg 3), and
the Alembic migrations that create and upgrade the schema.

SQLite runs in WAL mode and every transaction starts with `BEGIN IMMEDIATE`, so writers are
serialised by the database and a reader never sees half an operation. On PostgreSQL the service
takes row locks (`SELECT … FOR UPDATE`) in a fixed order: accounts (by id), serial counters, the
audit head.
"""

from __future__ import annotations

import os
import threading
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, event, insert, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from chinaets.core.errors import InputError, Location
from chinaets.registry.models import AuditHeadRow

DB_URL_ENV = "CHINAETS_DB_URL"
DEFAULT_DB_URL = "sqlite:///chinaets.db"
VERSION_TABLE = "registry_alembic_version"
_UPGRADING = threading.Lock()  # Alembic's command context is module-global: one at a time


def default_db_url() -> str:
    """The ledger URL from `CHINAETS_DB_URL`, else a SQLite file `chinaets.db` in the cwd."""
    return os.environ.get(DB_URL_ENV) or DEFAULT_DB_URL


def _bad_url(url: str) -> InputError:
    return InputError.one(
        Location(field="db"),
        f"'{url}' is not a database URL this registry can use",
        f"'{url}' 不是本登记系统支持的数据库地址",
        "give sqlite:///path/to/file.db or postgresql+psycopg://user@host:5432/dbname",
        "请使用 sqlite:///文件路径.db 或 postgresql+psycopg://用户@主机:5432/库名",
    )


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # let SQLAlchemy's BEGIN below be the only one
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def require_existing(url: str) -> str:
    """`url` itself, if it names a ledger that exists: commands that only read (or that need
    an initialised ledger) never create a database file as a side effect of a typo."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise _bad_url(url) from exc
    path = parsed.database
    on_file = parsed.get_backend_name() == "sqlite" and path and path != ":memory:"
    if on_file and not Path(str(path)).is_file():
        raise InputError.one(
            Location(field="db"),
            f"there is no ledger at {path}",
            f"{path} 处没有登记簿数据库",
            f"check --db, or create the ledger with `chinaets registry init --db {url}`",
            f"请检查 --db 参数，或先运行 `chinaets registry init --db {url}` 创建",
        )
    return url


def make_engine(url: str, *, pool_size: int = 10, schema: str | None = None) -> Engine:
    """An engine for `url`; `schema` puts every table of a PostgreSQL ledger in that schema."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise _bad_url(url) from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if backend == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        args: dict[str, Any] = {}
        if schema:
            args["options"] = f"-c search_path={schema}"
        return create_engine(parsed, pool_size=pool_size, max_overflow=pool_size, connect_args=args)
    raise _bad_url(url)


def alembic_config() -> Config:
    """The migrations' Alembic configuration, built in code from the package's files."""
    here = resources.files("chinaets.registry") / "migrations"
    location = str(Path(str(here)))
    config = Config(str(Path(location) / "alembic.ini"))
    config.set_main_option("script_location", location)
    config.set_main_option("version_locations", str(Path(location) / "versions"))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Create or upgrade the registry schema to `revision`, then seed the audit head."""
    config = alembic_config()
    with _UPGRADING, engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    with engine.begin() as connection:
        if connection.execute(select(AuditHeadRow.id)).first() is None:
            connection.execute(insert(AuditHeadRow).values(id=1, seq=0, hash="0" * 64))


def current_revision(engine: Engine) -> str | None:
    """The schema revision of the ledger at `engine`, or None if it was never initialised."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
        return context.get_current_revision()
