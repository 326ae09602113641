"""What the `chinaets ccer` command modules share: options, the service, input parsing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml

from chinaets.cli import render
from chinaets.core import limits
from chinaets.core.errors import InputError, Location
from chinaets.registry.service import Registry
from chinaets.registry.store import DB_URL_ENV

Db = Annotated[str, typer.Option("--db", envvar=DB_URL_ENV, help="database URL")]
Json = render.AsJson
AsCsv = render.AsCsv
On = Annotated[str, typer.Option("--on", help="date the step is taken, YYYY-MM-DD")]
Opt = Annotated[str | None, typer.Option()]


def open_service(db: str) -> Any:
    from chinaets.ccer.service import CcerService

    registry = Registry.open(db)
    registry.init()
    return CcerService(registry)


def parse_date(text: str, field: str = "on") -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError.one(
            Location(field=field),
            f"'{text}' is not a date",
            f"“{text}”不是有效日期",
            "write YYYY-MM-DD",
            "请按 YYYY-MM-DD 填写",
        ) from None


def load_document(path: Path) -> Any:
    """A JSON or YAML document (a project application, a monitoring report, a body record),
    within the input limits (size, UTF-8, nesting)."""
    where = Location(file=str(path))
    try:
        limits.check_size(path.stat().st_size, where)
        text = limits.decode(path.read_bytes(), where)
        limits.depth_of(text, where)
        return yaml.safe_load(text)
    except (OSError, yaml.YAMLError, RecursionError, ValueError) as exc:  # e.g. 5,000 digits
        raise InputError.one(
            Location(file=str(path)),
            f"cannot read the file: {exc}",
            "无法读取文件",
            "give a JSON or YAML file",
            "请提供 JSON 或 YAML 文件",
        ) from None


def show_data(
    data: Any, as_json: bool, as_csv: bool = False, title: tuple[str, str] = ("result", "结果")
) -> None:
    """A listing (a list of records) or one result, as every listing is shown (`render`)."""
    heading = render.heading(*title)
    if isinstance(data, list):
        render.listing(heading, data, as_json, as_csv)
    elif as_csv:
        render.listing(heading, [data], as_csv=True)
    else:
        render.document(heading, data, as_json)
