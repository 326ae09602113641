"""Fuzz targets of every file reader (and of the exchange's command parser): each takes
arbitrary bytes or data and must either return or refuse with an `InputError`, never raise
anything else. `test_fuzz_readers.py` runs them briefly; `benchmarks/fuzz.py` longer."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from chinaets.allocation.inputs import load_inputs
from chinaets.cli.ccer_common import load_document
from chinaets.compliance.api import load_input
from chinaets.core import limits
from chinaets.core.errors import InputError, Location
from chinaets.inputs.excel import write_template
from chinaets.inputs.tables import read_input
from chinaets.market.commands import command_from_json


class Entity(BaseModel):
    name: str
    capacity_mw: float | None = None
    units: int | None = None
    grid: bool | None = None


TABLES = {"entity": Entity}


def template_bytes() -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.xlsx"
        write_template(path, TABLES, {}, 2024)
        return path.read_bytes()


TEMPLATE = template_bytes()


def _refused_or_read(read: Callable[[], Any]) -> None:
    with contextlib.suppress(InputError):
        read()


def _in_file(name: str, data: bytes, read: Callable[[Path], Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        if name.endswith("/"):
            path.mkdir()
            (path / "entity.csv").write_bytes(data)
        else:
            path.write_bytes(data)
        _refused_or_read(lambda: read(path))


def report_json(data: bytes) -> None:
    _in_file("report.json", data, lambda p: read_input(p, TABLES))


def report_csv(data: bytes) -> None:
    _in_file("report/", data, lambda p: read_input(p, TABLES))


def report_xlsx(cut: int, flips: list[tuple[int, int]]) -> None:
    """The template truncated at `cut` and with some bytes changed."""
    data = bytearray(TEMPLATE[: max(1, cut)])
    for at, value in flips:
        data[at % len(data)] = value
    _in_file("report.xlsx", bytes(data), lambda p: read_input(p, TABLES))


def compliance_json(data: bytes) -> None:
    _in_file("position.json", data, load_input)


def allocation_json(data: bytes) -> None:
    _in_file("inputs.json", data, load_inputs)


def ccer_document(data: bytes) -> None:
    _in_file("project.yaml", data, load_document)


def json_text(text: str) -> None:
    _refused_or_read(lambda: limits.load_json(text, Location("fuzz.json")))


def exchange_command(data: dict[str, Any]) -> None:
    _refused_or_read(lambda: command_from_json(data))
