"""What the platform's commands share: the database option and who is acting."""

from __future__ import annotations

from typing import Annotated

import typer

from chinaets.core.china import normalise_province
from chinaets.core.errors import InputError, Location
from chinaets.platform.access import actor_named
from chinaets.platform.store import PlatformStore
from chinaets.registry.records import SYSTEM, Actor

Db = Annotated[
    str | None,
    typer.Option(
        "--db", help="database URL (default: $CHINAETS_DB_URL, else sqlite:///chinaets.db)"
    ),
]
As = Annotated[
    str | None,
    typer.Option("--as", help="registry user acting (default: the operator console) / 操作用户"),
]


def acting(store: PlatformStore, user: str | None) -> Actor:
    if user is None:
        return SYSTEM
    with store.reading() as session:
        return actor_named(session, user)


def province_option(value: str | None) -> str | None:
    """A province given in Chinese or English, as the store keeps it."""
    if value is None:
        return None
    name = normalise_province(value)
    if name is None:
        raise InputError.one(Location(field="province"), f"'{value}' is not a province",
                             f"“{value}”不是省级行政区", "write e.g. 山东 or Shandong",
                             "请填写如 山东 或 Shandong")  # fmt: skip
    return name
