"""The sectors the MRV engine knows, each a bundle of its law (parameters, worked cases) and
its code (input schema, loader, accounting, checks). Shells look sectors up here by name.

A sector is one folder: a package with a ``sector.py`` that defines ``SECTOR`` (a `Sector`). The
sectors are found by looking for such folders under ``chinaets/mrv/`` and in the folders named by
the ``CHINAETS_SECTOR_PATH`` environment variable (``os.pathsep``-separated), so a sector added
outside the package (a province's own, a test's toy) needs no edit anywhere else. Nothing outside a
sector's folder names that sector: allocation, compliance, the platform's store, the read model,
the CLI and the dashboard ask the `Sector` for what they need (`summary`, `status`, …).
"""

from __future__ import annotations

import csv
import importlib
import importlib.util
import itertools
import os
import pkgutil
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal, Protocol

from pydantic import AfterValidator, BaseModel

from chinaets.core import limits
from chinaets.core.errors import InputError, Location
from chinaets.inputs.schema_base import bilingual_error
from chinaets.mrv.findings import Finding
from chinaets.rules import ParameterSet
from chinaets.rules.lawbook import LawBook

Status = Literal["trading", "reporting"]
"""``trading``: on the national list, allocated and surrendering; ``reporting``: reports its
emissions to MEE ahead of inclusion (the 2027 expansion sectors), not yet allocated."""

SECTOR_PATH_ENV = "CHINAETS_SECTOR_PATH"


@dataclass(frozen=True)
class Intensity:
    """The sector's intensity of one entity: emissions over the sector's denominator."""

    emissions_t: float
    output: float
    unit: str  # the denominator's unit, e.g. "t clinker", "MWh", "t·km"
    unit_zh: str

    @property
    def value(self) -> float | None:
        return self.emissions_t / self.output if self.output else None


@dataclass(frozen=True)
class PerimeterUnit:
    """One unit of the allocation perimeter (a generating unit, a clinker line, an electrolysis
    process, a steel enterprise) with the emissions that are allocated and surrendered for it."""

    unit_id: str
    kind: str  # generating_unit, clinker_line, electrolysis, enterprise, installation
    emissions_t: float
    output: float
    output_unit: str
    category: str = ""  # the allocation category where the sector has one (power: I…IV)
    values: Mapping[str, float] = field(default_factory=dict)
    """Further named yearly figures of the unit for the read model (variable -> value)."""


@dataclass(frozen=True)
class MonthlyValue:
    """One figure of one month of the data year, for the entity (``unit_id`` empty) or one of
    its units: the read model's month-granularity table."""

    month: int
    variable: str
    unit: str  # the figure's unit of measure, e.g. "tCO2", "MWh", "t"
    value: float
    unit_id: str = ""


@dataclass(frozen=True)
class Summary:
    """What the platform keeps of one accounted report, whatever its sector: the store, the read
    model, screening and the dashboard work on these, never on a sector's own result types."""

    sector: str
    year: int
    credit_code: str
    name: str
    province: str
    total_emissions_t: float
    """Every emission the guideline has the entity report (the report's headline figure)."""
    obligation_t: float
    """The emissions inside the allocation perimeter (what is surrendered); 0 when reporting."""
    perimeter: tuple[PerimeterUnit, ...] = ()
    intensity: Intensity | None = None
    values: Mapping[str, float] = field(default_factory=dict)
    """Further named yearly figures for the read model's long table (variable -> value)."""
    monthly: tuple[MonthlyValue, ...] = ()
    """The monthly figures the result has (empty where the sector accounts by year only)."""


class AllocationDocument(Protocol):
    """How a sector turns an accounted report into its allocation input: plain ``allocation/1``
    data (validated by `chinaets.allocation`), given the report, its result and, where the
    method pre-allocates on it, last year's result."""

    def __call__(self, report: Any, result: Any, previous: Any | None = None) -> dict[str, Any]: ...


def _no_appendix() -> list[str]:
    return []


@dataclass(frozen=True)
class Sector:
    name: str
    zh: str
    report_model: type[BaseModel]
    tables: Mapping[str, type[BaseModel]]
    table_labels: Mapping[str, tuple[str, str]]
    parameters: Callable[[], ParameterSet]
    cases_dir: Path
    load: Callable[[Path, int | None], Any]
    parse: Callable[[dict[str, Any], str], Any]
    account: Callable[[Any], Any]
    check: Callable[[Any, Any], list[Finding]]
    report_tables: Callable[[Any], dict[str, list[dict[str, Any]]]]
    column_labels: Mapping[str, str] = field(default_factory=dict)
    """Chinese labels of the report tables' columns (Excel output heads its sheets with them)."""
    summary: Callable[[Any], Summary] | None = None
    """The platform's view of an accounting result (see `Summary`)."""
    status: Status = "trading"
    allocation: str | None = None
    """The allocation method of the plans that applies to the sector (a method registered in
    `chinaets.allocation.methods`, e.g. ``power_plan``); None while the sector only reports."""
    allocation_input: AllocationDocument | None = None
    """The allocation perimeter of an accounted report as allocation input (see
    `AllocationDocument`); None while the sector only reports."""
    doc_appendix: Callable[[], list[str]] = _no_appendix
    """Markdown lines the input-format page adds after the tables (the sector's code lists)."""
    order: int = 100
    """Where the sector stands in listings (the trading sectors first, in the order of their
    inclusion in the national market)."""

    @property
    def law_book(self) -> LawBook:
        """The sector's law book: its parameters, its worked cases (input: a report; result:
        the accounting's ``as_dict()``)."""
        return LawBook(
            self.name, self.zh, self.cases_dir.parent, compute=self._compute_case,
            loader=self.parameters,
        )  # fmt: skip

    def _compute_case(self, data: dict[str, Any]) -> dict[str, Any]:
        result: dict[str, Any] = self.account(self.parse(data, "<case>")).as_dict()
        return result

    def __post_init__(self) -> None:
        # An allocated sector must say what it allocates; a reporting one allocates nothing.
        allocated = self.allocation is not None
        if allocated != (self.allocation_input is not None) or allocated != (
            self.status == "trading"
        ):
            raise ValueError(
                f"sector {self.name}: a trading sector names its allocation method and "
                "allocation_input; a reporting sector names neither"
            )


def sectors() -> dict[str, Sector]:
    """Every sector found, in listing order."""
    return dict(_discovered())


@cache
def _discovered() -> tuple[tuple[str, Sector], ...]:
    found = [_import(f"chinaets.mrv.{name}.sector") for name in _package_sector_folders()]
    for folder in _extra_sector_folders():
        found.append(_import_file(folder))
    found.sort(key=lambda s: (s.order, s.name))
    return tuple((s.name, s) for s in found)


def _package_sector_folders() -> list[str]:
    here = Path(__file__).parent
    return [
        info.name
        for info in pkgutil.iter_modules([str(here)])
        if info.ispkg and (here / info.name / "sector.py").is_file()
    ]


def _extra_sector_folders() -> list[Path]:
    value = os.environ.get(SECTOR_PATH_ENV, "")
    return [Path(p) for p in value.split(os.pathsep) if p and (Path(p) / "sector.py").is_file()]


def _import(module: str) -> Sector:
    sector = importlib.import_module(module).SECTOR
    assert isinstance(sector, Sector), module
    return sector


def _import_file(folder: Path) -> Sector:
    """A sector folder outside the package, imported as package ``chinaets_sector_<name>``."""
    package = f"chinaets_sector_{folder.name}"
    spec = importlib.util.spec_from_file_location(
        package, folder / "__init__.py", submodule_search_locations=[str(folder)]
    )
    if spec is None or spec.loader is None or not (folder / "__init__.py").is_file():
        raise InputError.one(
            Location(file=str(folder)),
            "a sector folder needs __init__.py and sector.py",
            "行业目录须含 __init__.py 与 sector.py",
            "add an empty __init__.py beside sector.py",
            "在 sector.py 旁添加空的 __init__.py",
        )
    module = importlib.util.module_from_spec(spec)
    sys.modules[package] = module
    spec.loader.exec_module(module)
    return _import(f"{package}.sector")


def reset_sectors() -> None:
    """Forget the discovered sectors (after `CHINAETS_SECTOR_PATH` changed, e.g. in a test)."""
    _discovered.cache_clear()


def get_sector(name: str) -> Sector:
    known = sectors()
    if name not in known:
        raise InputError.one(
            Location(field="sector"),
            f"unknown sector '{name}'",
            f"未知行业 '{name}'",
            f"use one of: {', '.join(known)}",
            f"请使用：{'、'.join(s.zh for s in known.values())}",
        )
    return known[name]


def default_sector() -> str:
    """The sector a file is taken for when it does not say: the first in listing order (the
    sector the national market began with)."""
    return next(iter(sectors()))


def sector_names() -> list[str]:
    return list(sectors())


def _known_sector(name: str) -> str:
    known = sectors()
    if name not in known:
        raise bilingual_error(
            f"unknown sector '{name}'",
            f"未知行业 '{name}'",
            f"use one of: {', '.join(known)}",
            f"请使用：{'、'.join(s.zh for s in known.values())}",
        )
    return name


SectorName = Annotated[str, AfterValidator(_known_sector)]
"""An input field naming a sector: any discovered sector's name."""


def detect_sector(path: Path, default: str | None = None) -> str:
    """The sector an input file is for: the JSON's top-level ``sector`` key, else the entity
    table's ``sector`` column (Excel sheet or CSV file), else the sector whose tables the file's
    sheets are (e.g. a ``lines`` sheet is cement), else `default`. Unreadable files give the
    default, so that the sector's loader reports the real problem."""
    default = default or default_sector()
    try:
        found = _declared_sector(path)
    except (OSError, ValueError, KeyError, InputError, csv.Error):
        return default
    if found in sectors():
        return found
    names = _table_names(path)
    matches = [
        name
        for name, sector in sectors().items()
        if names and names <= set(sector.tables) and names - {"entity", "fuel_use"}
    ]
    return matches[0] if len(matches) == 1 else default


def _declared_sector(path: Path) -> str:
    if path.suffix.lower() == ".json" and path.is_file():
        data = _json_within_limits(path)
        entity = data.get("entity") if isinstance(data, dict) else None
        if isinstance(data, dict) and data.get("sector"):
            return str(data["sector"])
        return str(entity.get("sector", "")) if isinstance(entity, dict) else ""
    return _sector_cell(path)


def _sector_cell(path: Path) -> str:
    """The `sector` cell of the entity table of a workbook or CSV folder ('' when none)."""
    rows: list[list[Any]] = []
    if path.is_dir() and (path / "entity.csv").is_file():
        with (path / "entity.csv").open(encoding="utf-8-sig", newline="") as handle:
            # the entity table is one row under its header (and a label row): never more
            rows = [list(r) for r in itertools.islice(csv.reader(handle), _ENTITY_ROWS)]
    elif path.suffix.lower() in (".xlsx", ".xlsm") and path.is_file():
        from chinaets.inputs.excel import read_workbook

        rows = [cells for _, cells in read_workbook(path).get("entity", [])]
    for i, row in enumerate(rows):
        keys = [str(c).strip() if c is not None else "" for c in row]
        if "sector" in keys:
            column = keys.index("sector")
            for data in rows[i + 1 :]:
                if column < len(data) and data[column]:
                    return str(data[column]).strip()
    return ""


def _table_names(path: Path) -> set[str]:
    if path.is_dir():
        return {p.stem for p in path.glob("*.csv")}
    if path.suffix.lower() in (".xlsx", ".xlsm") and path.is_file():
        from chinaets.inputs.excel import read_workbook

        try:
            return set(read_workbook(path))
        except InputError:
            return set()
    if path.suffix.lower() == ".json" and path.is_file():
        try:
            data = _json_within_limits(path)
        except InputError:
            return set()
        return (
            {k for k, v in data.items() if isinstance(v, list | dict)}
            if isinstance(data, dict)
            else set()
        )
    return set()


_ENTITY_ROWS = 8


def _json_within_limits(path: Path) -> Any:
    """A JSON input read for its sector only: the input limits (size, nesting, digits,
    duplicate keys) refuse a hostile file before it is parsed (`chinaets.core.limits`)."""
    where = Location(path.name)
    limits.check_size(path.stat().st_size, where)
    return limits.load_json(path.read_bytes() or b"{}", where, exact=False)
