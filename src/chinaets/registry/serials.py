"""Unit classes, vintages and serial numbers.

A *unit* is one tonne of CO2e. Units come in *unit classes*:

- CEA (China Emission Allowance, 全国碳排放配额) by vintage: "2019-2020", "2021" … "2026";
- CCER (China Certified Emission Reduction, 国家核证自愿减排量) by project id and vintage year.

Serial format
-------------
Every unit has a serial number, unique within its unit class and never reused::

    CEA-<vintage code>-<sequence>             CEA-2021-000000000001
    CCER-<project id>-<vintage>-<sequence>    CCER-PRJ2024001-2024-000000000042

- vintage code: "1920" for the combined vintage 2019-2020, else the four-digit year;
- project id: letters, digits, "_", "." and "-" (1–40 characters), as registered with the
  CCER registry; the vintage and sequence are the last two dash-separated parts, so a project
  id may itself contain dashes;
- sequence: twelve digits, starting at 000000000001 for each unit class and counting up in
  issuance order. Conversion (carry-over) and cancellation never renumber a unit.

A *block* is a contiguous range of serials of one class, written with the first serial and the
last sequence: ``CEA-2021-000000000001..000000001000`` (1,000 units).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from chinaets.core.errors import InputError, Location
from chinaets.registry.vintages import cea_vintages

CCER_FIRST_YEAR, CCER_LAST_YEAR = 2005, 2100
SEQUENCE_DIGITS = 12
MAX_SEQUENCE = 10**SEQUENCE_DIGITS - 1
PROJECT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,39}$")


class UnitKind(StrEnum):
    CEA = "CEA"
    CCER = "CCER"


@dataclass(frozen=True, order=True)
class UnitClass:
    """What a unit is: CEA of a vintage, or CCER of a project and vintage."""

    kind: UnitKind
    vintage: str
    project: str = ""

    @property
    def label(self) -> str:
        if self.kind is UnitKind.CEA:
            return f"CEA-{vintage_code(self.vintage)}"
        return f"CCER-{self.project}-{self.vintage}"

    def first_year(self) -> int:
        """The (first) calendar year of the vintage: 2019 for "2019-2020"."""
        return int(self.vintage[:4])


@dataclass(frozen=True, order=True)
class SerialRange:
    """Serials `start` … `end` inclusive (sequence numbers within one unit class)."""

    start: int
    end: int

    @property
    def quantity(self) -> int:
        return self.end - self.start + 1


def vintage_code(vintage: str) -> str:
    return "1920" if vintage == "2019-2020" else vintage


def _vintage_from_code(code: str) -> str:
    return "2019-2020" if code == "1920" else code


def _problem(field: str, en: str, zh: str, fix_en: str, fix_zh: str) -> InputError:
    return InputError.one(Location(field=field), en, zh, fix_en, fix_zh)


def unit_class(kind: str, vintage: str, project: str = "", field: str = "unit") -> UnitClass:
    """Validate and build a unit class; raises a bilingual InputError naming `field`."""
    if kind not in {k.value for k in UnitKind}:
        raise _problem(
            f"{field}.kind",
            f"unknown unit kind '{kind}'",
            f"未知的单位种类 '{kind}'",
            "use CEA (allowances) or CCER (certified reductions)",
            "请填写 CEA（配额）或 CCER（核证自愿减排量）",
        )
    if kind == UnitKind.CEA:
        return _cea_class(vintage, project, field)
    return _ccer_class(vintage, project, field)


def _cea_class(vintage: str, project: str, field: str) -> UnitClass:
    if vintage not in cea_vintages():
        raise _problem(
            f"{field}.vintage",
            f"'{vintage}' is not an allowance vintage",
            f"'{vintage}' 不是有效的配额年度",
            f"use one of {', '.join(cea_vintages())}",
            f"请使用以下年度之一：{'、'.join(cea_vintages())}",
        )
    if project:
        raise _problem(
            f"{field}.project",
            "allowances (CEA) have no project id",
            "配额（CEA）没有项目编号",
            "leave project empty for CEA",
            "CEA 请不要填写项目编号",
        )
    return UnitClass(UnitKind.CEA, vintage)


def _ccer_class(vintage: str, project: str, field: str) -> UnitClass:
    if not PROJECT_ID.match(project):
        raise _problem(
            f"{field}.project",
            f"'{project}' is not a CCER project id",
            f"'{project}' 不是有效的 CCER 项目编号",
            "give the registered project id: 1-40 letters, digits, '_', '.' or '-'",
            "请填写登记的项目编号：1-40 位字母、数字、'_'、'.' 或 '-'",
        )
    if not (vintage.isdigit() and CCER_FIRST_YEAR <= int(vintage) <= CCER_LAST_YEAR):
        raise _problem(
            f"{field}.vintage",
            f"'{vintage}' is not a CCER vintage year",
            f"'{vintage}' 不是有效的 CCER 减排量年度",
            f"give the four-digit year the reductions occurred ({CCER_FIRST_YEAR}-{CCER_LAST_YEAR})",
            f"请填写减排发生的四位年份（{CCER_FIRST_YEAR}-{CCER_LAST_YEAR}）",
        )
    return UnitClass(UnitKind.CCER, vintage, project)


def format_serial(unit: UnitClass, sequence: int) -> str:
    return f"{unit.label}-{sequence:0{SEQUENCE_DIGITS}d}"


def format_range(unit: UnitClass, serials: SerialRange) -> str:
    return f"{format_serial(unit, serials.start)}..{serials.end:0{SEQUENCE_DIGITS}d}"


def _bad_serial(text: str, field: str) -> InputError:
    return _problem(
        field,
        f"'{text}' is not a serial number",
        f"'{text}' 不是有效的序列号",
        "write CEA-2021-000000000001 or CCER-<project>-2024-000000000001",
        "格式为 CEA-2021-000000000001 或 CCER-<项目编号>-2024-000000000001",
    )


def parse_serial(text: str, field: str = "serial") -> tuple[UnitClass, int]:
    """`CEA-2021-000000000007` → (UnitClass(CEA, "2021"), 7)."""
    parts = text.split("-")
    if len(parts) < 3 or len(parts[-1]) != SEQUENCE_DIGITS or not parts[-1].isdigit():
        raise _bad_serial(text, field)
    sequence = int(parts[-1])
    if parts[0] == "CEA" and len(parts) == 3:
        return unit_class("CEA", _vintage_from_code(parts[1]), "", field), sequence
    if parts[0] == "CCER" and len(parts) >= 4:
        return unit_class("CCER", parts[-2], "-".join(parts[1:-2]), field), sequence
    raise _bad_serial(text, field)


def parse_range(text: str, field: str = "serials") -> tuple[UnitClass, SerialRange]:
    """`CEA-2021-000000000001..000000001000` (or a single serial) → class and range."""
    first, _, last = text.partition("..")
    unit, start = parse_serial(first, field)
    if not last:
        return unit, SerialRange(start, start)
    if len(last) != SEQUENCE_DIGITS or not last.isdigit() or int(last) < start:
        raise _bad_serial(text, field)
    return unit, SerialRange(start, int(last))


def parse_unit_label(label: str, field: str = "unit") -> UnitClass:
    """`CEA-2021`, `CEA-1920` (or `CEA-2019-2020`), `CCER-<project>-2024` → unit class."""
    kind, _, rest = label.partition("-")
    if kind == "CEA":
        return unit_class("CEA", _vintage_from_code(rest), "", field)
    if kind == "CCER" and "-" in rest:
        project, _, vintage = rest.rpartition("-")
        return unit_class("CCER", vintage, project, field)
    raise _problem(
        field,
        f"'{label}' is not a unit class",
        f"'{label}' 不是有效的单位类别",
        "write CEA-<vintage> (CEA-2021, CEA-1920) or CCER-<project>-<year>",
        "格式为 CEA-年度（如 CEA-2021、CEA-1920）或 CCER-项目编号-年份",
    )
