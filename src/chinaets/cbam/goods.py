"""The goods file: what an installation produced and shipped to the EU, its precursors and its
electricity, for one reporting period (``chinaets cbam FILE --goods goods.csv``).

One CSV (UTF-8, header row), one line per record; ``kind`` says which::

    kind,cn_code,route,produced_t,exported_t,origin,consumed_by,mass_t,see_direct,see_indirect,basis,period,mwh,ef,ef_basis,supplier
    good,72083900,C,1200000,85000,,,,,,,2025,,,,
    precursor,7201,,,,own,72083900,1100000,,,,2025,,,,
    precursor,72026000,,,,CN,72083900,9000,,,default,2025,,,,
    electricity,,,,,,25232900,,,,,2025,42000,,grid_default,

``good``: a CN code produced (``produced_t``, the activity level) and shipped to the EU
(``exported_t``), with its route letter (A…L; empty = from the Chinese route). ``precursor``: a
precursor consumed by the process of the good ``consumed_by``; ``origin`` ``own`` (made on site:
its embedded emissions come from this installation) or a country code (purchased: ``see_direct``
and ``see_indirect`` from the supplier's verified data, or ``basis`` ``default``). ``electricity``:
MWh consumed by the process of ``consumed_by`` (counted only where the CBAM counts indirect
emissions), with an actual factor ``ef`` only under a PPA or direct link (``ef_basis``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from chinaets.cbam.law import normalise_cn
from chinaets.core import limits
from chinaets.core.errors import InputError, Location, Problem

Kind = Literal["good", "precursor", "electricity"]
ROUTES = ("A", "B", "C", "D", "E", "F", "G", "H", "J", "K", "L", "-")
_Amount = Field(default=None, ge=0, le=1e9, allow_inf_nan=False)


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    period: int | None = Field(default=None, ge=2020, le=2100)


class GoodRow(_Row):
    cn_code: str
    route: str = ""
    produced_t: float = Field(gt=0, le=1e9, allow_inf_nan=False)
    exported_t: float = Field(default=0.0, ge=0, le=1e9, allow_inf_nan=False)

    @field_validator("cn_code")
    @classmethod
    def _code(cls, v: str) -> str:
        return _cn(v)

    @field_validator("route")
    @classmethod
    def _letter(cls, v: str) -> str:
        return _route(v)


class PrecursorRow(_Row):
    cn_code: str
    origin: str = Field(min_length=2, max_length=4)
    consumed_by: str
    mass_t: float = Field(gt=0, le=1e9, allow_inf_nan=False)
    see_direct: float | None = _Amount
    see_indirect: float | None = _Amount
    basis: Literal["actual", "default", ""] = ""
    supplier: str = ""
    route: str = ""

    @field_validator("cn_code", "consumed_by")
    @classmethod
    def _code(cls, v: str) -> str:
        return _cn(v)

    @field_validator("route")
    @classmethod
    def _letter(cls, v: str) -> str:
        return _route(v)

    @property
    def own(self) -> bool:
        return self.origin.lower() == "own"

    @property
    def uses_default(self) -> bool:
        """Defaults only where the supplier's data are missing (or the row says default)."""
        return not self.own and (self.basis == "default" or self.see_direct is None)


class ElectricityRow(_Row):
    consumed_by: str
    mwh: float = Field(ge=0, le=1e9, allow_inf_nan=False)
    ef: float | None = Field(default=None, ge=0, le=2.0, allow_inf_nan=False)
    ef_basis: Literal["grid_default", "ppa", "direct_link", ""] = ""

    @field_validator("consumed_by")
    @classmethod
    def _code(cls, v: str) -> str:
        return _cn(v)


def _cn(value: str) -> str:
    digits = normalise_cn(value)
    if len(digits) < 4 or len(digits) > 10 or digits != value.replace(" ", "").replace(".", ""):
        raise ValueError("a CN code has 4 to 10 digits (spaces allowed), e.g. 7208 39 00")
    return digits


def _route(value: str) -> str:
    value = value.upper()
    if value and value not in ROUTES:
        raise ValueError(f"route letter must be one of {', '.join(ROUTES)}")
    return value


@dataclass
class GoodsInput:
    """The goods file as validated rows, with where each row came from."""

    source: str
    goods: list[GoodRow] = field(default_factory=list)
    precursors: list[PrecursorRow] = field(default_factory=list)
    electricity: list[ElectricityRow] = field(default_factory=list)
    rows: dict[int, int] = field(default_factory=dict)  # id(row) -> CSV line

    def line_of(self, row: object) -> int | None:
        return self.rows.get(id(row))

    def where(self, row: object, column: str) -> Location:
        return Location(file=self.source, row=self.line_of(row), field=column)


_MODELS: dict[str, type[_Row]] = {
    "good": GoodRow,
    "precursor": PrecursorRow,
    "electricity": ElectricityRow,
}


def load_goods(path: Path) -> GoodsInput:
    where = Location(file=str(path))
    try:
        limits.check_size(path.stat().st_size, where)
        text = limits.decode(path.read_bytes(), where)
    except OSError as exc:
        raise InputError.one(
            where, f"cannot read the goods file ({exc.__class__.__name__})",
            "无法读取货物文件", "save it as UTF-8 CSV", "请另存为 UTF-8 编码的 CSV 文件",
        ) from None  # fmt: skip
    return parse_goods_csv(text, str(path))


def parse_goods_csv(text: str, source: str) -> GoodsInput:
    """The goods CSV within the input limits (rows, field length; `chinaets.core.limits`)."""
    reader = csv.DictReader(io.StringIO(text))
    try:
        header = reader.fieldnames
    except csv.Error:
        header = None
    if not header or "kind" not in header:
        raise InputError.one(
            Location(file=source, row=1, field="kind"), "the header has no 'kind' column",
            "表头缺少 kind 列", "start the file with the header line shown in docs/cbam.md",
            "请使用 docs/cbam.md 中的表头行",
        )  # fmt: skip
    raw: list[tuple[int, dict[str, Any]]] = []
    for line, row in _lines(reader, source):
        limits.check_rows(line, Location(file=source))
        for column, value in row.items():
            if isinstance(value, str):
                limits.check_text(value, Location(file=source, row=line, field=column))
        raw.append((line, row))
    return parse_goods_rows(raw, source)


def _lines(reader: csv.DictReader[str], source: str) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        yield from enumerate(reader, start=2)
    except csv.Error as exc:
        raise InputError.one(
            Location(file=source, row=reader.line_num), f"not a readable CSV line ({exc})",
            "不是可读取的 CSV 行", f"check quotes; keep every field under {limits.MAX_TEXT:,} characters",
            f"请检查引号，每个字段不超过 {limits.MAX_TEXT:,} 个字符",
        ) from None  # fmt: skip


def parse_goods_rows(raw: list[tuple[int, dict[str, Any]]], source: str) -> GoodsInput:
    """Validate rows (line number, cells); every problem is collected before raising."""
    out, problems = GoodsInput(source), []
    for line, cells in raw:
        kind = str(cells.get("kind") or "").strip().lower()
        model = _MODELS.get(kind)
        if model is None:
            problems.append(_kind_problem(source, line, kind))
            continue
        data = {k: v for k, v in cells.items() if k in model.model_fields and v not in ("", None)}
        unknown_filled = [k for k, v in cells.items() if k and k != "kind" and v not in ("", None)
                          and k not in model.model_fields]  # fmt: skip
        if unknown_filled:
            problems.append(_column_problem(source, line, kind, unknown_filled[0]))
            continue
        try:
            row = model.model_validate(data)
        except ValidationError as exc:
            problems.extend(_validation_problems(source, line, exc))
            continue
        out.rows[id(row)] = line
        {"good": out.goods, "precursor": out.precursors, "electricity": out.electricity}[
            kind
        ].append(row)  # type: ignore[attr-defined]
    if not out.goods and not problems:
        problems.append(Problem(
            Location(file=source), "the file lists no good (kind 'good')", "文件未列出任何商品（kind 为 good）",
            "add a line per CN code produced", "请为每个生产的 CN 编码添加一行",
        ))  # fmt: skip
    if problems:
        raise InputError(problems)
    return out


def _kind_problem(source: str, line: int, kind: str) -> Problem:
    return Problem(
        Location(file=source, row=line, field="kind"), f"unknown kind '{kind}'",
        f"未知记录类型 '{kind}'", "use good, precursor or electricity",
        "请填写 good、precursor 或 electricity",
    )  # fmt: skip


def _column_problem(source: str, line: int, kind: str, column: str) -> Problem:
    return Problem(
        Location(file=source, row=line, field=column),
        f"column '{column}' does not apply to a '{kind}' line", f"'{kind}' 行不应填写 {column} 列",
        "leave it empty on this line", "请将该单元格留空",
    )  # fmt: skip


def _validation_problems(source: str, line: int, exc: ValidationError) -> list[Problem]:
    out = []
    for err in exc.errors():
        column = ".".join(str(p) for p in err["loc"]) or "(row)"
        message = err["msg"].removeprefix("Value error, ")
        out.append(Problem(
            Location(file=source, row=line, field=column), message, f"{column} 取值无效：{message}",
            "correct the cell (see docs/cbam.md for the columns)", "请按 docs/cbam.md 修改该单元格",
        ))  # fmt: skip
    return out
