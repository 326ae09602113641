"""Reading a sector's input from JSON, a folder of CSV files or an Excel workbook.

Every format becomes the same nested dict, validated by the sector's pydantic model; every
record remembers where it came from (file, sheet, row), so that an error can say "fuel_use.csv,
row 14, field quantity". Nothing here knows a sector: the sector passes its table models.

Tabular layout (CSV and Excel): one table per sheet or file, named as the model's table. A
header row holds the field keys (the template writes a bilingual label row above it, which the
reader recognises and skips). The ``entity`` table has one row and also carries ``year``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError

from chinaets.core import limits
from chinaets.core.errors import InputError, Location, Problem
from chinaets.core.terms import zh_term
from chinaets.inputs.examples import refuse_example

M = TypeVar("M", bound=BaseModel)

_TRUE = {"是", "有", "Y", "y"}
_FALSE = {"否", "无", "N", "n"}


@dataclass
class RawInput:
    """The input as plain data plus where each record came from."""

    data: dict[str, Any]
    file: str
    origins: dict[tuple[str, int], Location] = field(default_factory=dict)
    tables: dict[str, Location] = field(default_factory=dict)
    """Where each table is (sheet, or CSV file of a folder), for errors about a whole table."""

    def set_year(self, year: int) -> None:
        """Apply a data year given on the command line; a conflicting one in the file is an error."""
        given = self.data.get("year")
        if given is not None and str(given).strip() != str(year):
            raise InputError.one(
                self.locate(("year",)),
                f"the file is for data year {given} but --year {year} was given",
                f"文件数据年度为 {given}，但指定了 --year {year}",
                "drop --year or correct the year in the file",
                "请删除 --year 参数或更正文件中的年度",
            )
        self.data["year"] = year

    def locate(self, loc: tuple[str | int, ...]) -> Location:
        """Turn a pydantic-style location ('fuel_use', 3, 'quantity') into a user's place."""
        if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int):
            origin = self.origins.get((loc[0], loc[1]))
            rest = ".".join(str(p) for p in loc[2:]) or None
            if origin is not None:
                return Location(origin.file, origin.sheet, origin.row, rest)
            return Location(self.file, field=f"{loc[0]}[{loc[1]}]" + (f".{rest}" if rest else ""))
        if loc and loc[0] in ("entity", "year") and ("entity", 0) in self.origins:
            # the entity table's one row also carries the data year
            rest = ".".join(map(str, loc[1:])) if loc[0] == "entity" else "year"
            return replace(self.origins[("entity", 0)], field=rest or None)
        if loc and isinstance(loc[0], str) and loc[0] in self.tables:
            return replace(self.tables[loc[0]], field=".".join(map(str, loc[1:])) or None)
        return Location(self.file, field=".".join(str(p) for p in loc) or None)


def read_input(path: Path, tables: Mapping[str, type[BaseModel]]) -> RawInput:
    """Read JSON, a CSV folder or an .xlsx workbook into `RawInput`."""
    if not path.exists():
        raise InputError.one(
            Location(str(path)), "file not found", "文件不存在", "check the path", "请检查路径"
        )
    if path.is_dir():
        return _read_csv_folder(path, tables)
    suffix = path.suffix.lower()
    if suffix == ".json":
        return _read_json(path)
    if suffix in (".xlsx", ".xlsm"):
        from chinaets.inputs.excel import read_workbook

        sheets = read_workbook(path)
        return _from_tables(path.name, sheets, tables)
    if suffix == ".csv":
        raise InputError.one(
            Location(path.name),
            "a single CSV cannot hold a report: give the folder that holds one CSV per table",
            "单个CSV文件无法容纳完整报告：请指定包含各表CSV文件的文件夹",
            f"pass the folder, with files named {', '.join(t + '.csv' for t in tables)}",
            f"请传入文件夹路径，其中各表文件名为 {'、'.join(t + '.csv' for t in tables)}",
        )
    raise InputError.one(
        Location(path.name),
        f"unsupported file type '{suffix}'",
        f"不支持的文件类型 '{suffix}'",
        "use .json, .xlsx or a folder of .csv files",
        "请使用 .json、.xlsx 或 CSV 文件夹",
    )


def _read_json(path: Path) -> RawInput:
    where = Location(path.name)
    limits.check_size(path.stat().st_size, where)
    text = limits.decode(path.read_bytes(), where)
    if not text.strip():
        raise _empty(path.name)
    # duplicate keys, nesting, number digits, NUL and control characters refused, located
    data = limits.load_json(text, where, exact=False)
    if not isinstance(data, dict):
        raise InputError.one(
            Location(path.name),
            "the JSON must be one object with entity, units, fuel_use … keys",
            "JSON 顶层必须是包含 entity、units、fuel_use 等键的对象",
            "see `chinaets schema` for the format",
            "格式见 `chinaets schema`",
        )
    return RawInput(data, path.name)


Sheet = list[tuple[int, list[Any]]]
"""A table as read: (row number as the user sees it, cell values)."""


def _read_csv_folder(folder: Path, tables: Mapping[str, type[BaseModel]]) -> RawInput:
    sheets: dict[str, Sheet] = {}
    for csv_path in sorted(folder.glob("*.csv")):
        sheets[csv_path.stem] = _read_csv(csv_path, Location(f"{folder.name}/{csv_path.name}"))
    if not sheets:
        raise _empty(folder.name)
    return _from_tables(folder.name, sheets, tables, suffix=".csv")


def _read_csv(path: Path, where: Location) -> Sheet:
    """One CSV file, streamed: refused past `limits.MAX_ROWS` rows or `limits.MAX_FILE_BYTES`,
    for a field longer than `limits.MAX_TEXT`, and when it is not UTF-8 text."""
    limits.check_size(path.stat().st_size, where)
    rows: Sheet = []
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for n, row in enumerate(csv.reader(handle), 1):
                limits.check_rows(n, where)
                for value in row:
                    limits.check_text(value, replace(where, row=n))
                rows.append((n, row))
    except UnicodeDecodeError:
        raise limits.not_utf8(where) from None
    except csv.Error as exc:
        raise InputError.one(
            replace(where, row=len(rows) + 1),
            f"not a readable CSV row ({exc})",
            "不是可读取的 CSV 行",
            f"check quotes and keep every field under {limits.MAX_TEXT:,} characters",
            f"请检查引号，每个字段不超过 {limits.MAX_TEXT:,} 个字符",
        ) from None
    return rows


def _from_tables(
    file: str, sheets: Mapping[str, Sheet], tables: Mapping[str, type[BaseModel]], suffix: str = ""
) -> RawInput:
    raw = RawInput({}, file)
    unknown = [name for name in sheets if name not in tables]
    if unknown:
        raise InputError.one(
            _table_place(file, unknown[0], suffix),
            f"unknown table '{unknown[0]}'",
            f"未知的表 '{unknown[0]}'",
            f"name the tables {', '.join(tables)} (as in `chinaets template`)",
            f"请按模板将各表命名为 {'、'.join(tables)}",
        )
    for name, model in tables.items():
        place = raw.tables[name] = _table_place(file, name, suffix)
        records = _records(place, sheets.get(name, []), model)
        for i, (row_no, _) in enumerate(records):
            raw.origins[(name, i)] = replace(place, row=row_no)
        raw.data[name] = [record for _, record in records]
    _lift_entity(raw)
    return raw


def _table_place(file: str, table: str, suffix: str) -> Location:
    """A workbook's sheet, or a CSV file inside the folder (named as the user sees it)."""
    return Location(f"{file}/{table}{suffix}") if suffix else Location(file, table)


def _records(
    place: Location, rows: Sheet, model: type[BaseModel]
) -> list[tuple[int, dict[str, Any]]]:
    keys = set(model.model_fields)
    rows = [(n, cells) for n, cells in rows if any(_blank(c) is not None for c in cells)]
    # The key row is the last header-like row of the first two (a label row may stand above it).
    header_at = next((i for i in (1, 0) if i < len(rows) and _is_header(rows[i][1], keys)), None)
    if header_at is None:
        if not rows:
            return []
        raise InputError.one(
            replace(place, row=rows[0][0]),
            "no header row of field keys found",
            "未找到字段名表头行",
            f"the first or second row must hold the keys: {', '.join(model.model_fields)}",
            "第一或第二行须为字段名（见模板）",
        )
    header = [str(c).strip() if c is not None else "" for c in rows[header_at][1]]
    for column, key in enumerate(header):
        if key and key not in keys and key != "year":
            raise InputError.one(
                replace(place, row=rows[header_at][0], field=key),
                f"unknown column '{key}' (column {column + 1})",
                f"未知列 '{key}'（第 {column + 1} 列）",
                f"use only: {', '.join(model.model_fields)}",
                f"请仅使用模板中的列名：{'、'.join(model.model_fields)}",
            )
    out = []
    for row_no, cells in rows[header_at + 1 :]:
        refuse_example(replace(place, row=row_no), cells)
        record = {
            k: _cell(v) for k, v in zip(header, cells, strict=False) if k and _blank(v) is not None
        }
        _no_booleans_for_numbers(replace(place, row=row_no), record, model)
        out.append((row_no, record))
    return out


def _no_booleans_for_numbers(
    where: Location, record: dict[str, Any], model: type[BaseModel]
) -> None:
    """A TRUE/FALSE (or 是/否) cell in a field that is not yes/no would be read as 1 or 0."""
    for key, value in record.items():
        field_info = model.model_fields.get(key)
        if not isinstance(value, bool) or field_info is None:
            continue
        if bool not in (field_info.annotation, *get_args(field_info.annotation)):
            raise InputError.one(
                replace(where, field=key),
                f"'{key}' holds a yes/no value ({value}), not a number or text",
                f"字段 '{key}' 填写的是是/否（逻辑值），不是数字或文本",
                "type the number itself (Excel may have turned it into TRUE/FALSE)",
                "请直接填写数字（Excel 可能将其转成了 TRUE/FALSE）",
            )


def _is_header(cells: list[Any], keys: set[str]) -> bool:
    named = [str(c).strip() for c in cells if _blank(c) is not None]
    return bool(named) and sum(n in keys or n == "year" for n in named) >= max(1, len(named) // 2)


def _blank(value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return value


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
    return value


def _lift_entity(raw: RawInput) -> None:
    """The entity table has one row; its `year` column is the report's data year."""
    rows = raw.data.get("entity", [])
    if len(rows) != 1:
        origin = raw.origins.get(("entity", 1)) or raw.tables["entity"]
        raise InputError.one(
            origin,
            f"the entity table must have exactly one data row, found {len(rows)}",
            f"企业信息表必须且只能有一行数据，实际 {len(rows)} 行",
            "one report covers one entity: split the file per entity",
            "每份报告对应一家企业，请按企业拆分",
        )
    entity = dict(rows[0])
    if "year" in entity:
        raw.data["year"] = entity.pop("year")
    raw.data["entity"] = entity


def _empty(name: str) -> InputError:
    return InputError.one(
        Location(name),
        "the input is empty",
        "输入为空",
        "start from `chinaets template` and fill in the data",
        "请从 `chinaets template` 生成的模板开始填写",
    )


def validate(raw: RawInput, model: type[M]) -> M:
    """Validate with the sector model; every failure becomes a located, bilingual problem."""
    try:
        return model.model_validate(raw.data)
    except ValidationError as exc:
        raise InputError([_problem(raw, error) for error in exc.errors()]) from None


_ZH = {
    "missing": ("is required", "缺少必填项", "fill it in", "请填写"),
    "float_parsing": (
        "is not a number",
        "不是数字",
        "write a plain number, e.g. 1234.5",
        "请填写数字，如 1234.5",
    ),
    "int_parsing": ("is not a whole number", "不是整数", "write a whole number", "请填写整数"),
    "bool_parsing": ("is not yes/no", "不是 是/否", "write true/false or 是/否", "请填写 是/否"),
    "greater_than_equal": (
        "is below the minimum {ge}",
        "不能小于 {ge}",
        "check the sign and unit",
        "请检查正负号和单位",
    ),
    "greater_than": ("must be above {gt}", "必须大于 {gt}", "check the value", "请检查数值"),
    "less_than_equal": (
        "is above the maximum {le}",
        "不能大于 {le}",
        "check the unit of measure",
        "请检查计量单位",
    ),
    "literal_error": (
        "must be one of {expected}",
        "取值必须为 {expected_zh} 之一",
        "use one of the listed values (the Chinese terms are accepted too)",
        "请使用所列取值之一（可填写中文名称）",
    ),
    "extra_forbidden": (
        "is not a known field",
        "是未知字段",
        "remove it or fix its spelling",
        "请删除或更正字段名",
    ),
    "string_too_short": ("is empty", "不能为空", "fill it in", "请填写"),
    "too_short": ("needs at least one row", "至少需要一行", "add the data", "请补充数据"),
    "finite_number": ("must be a finite number", "必须为有限数值", "write a number", "请填写数值"),
}


_FIELD_FIXES = {
    # Bounds on a month are not a unit-of-measure mistake.
    "month": ("months are numbered 1 to 12", "月份应为 1 至 12"),
}


def _problem(raw: RawInput, error: Any) -> Problem:
    loc = tuple(error["loc"])
    if error["type"] == "chinaets":
        ctx = error["ctx"]
        # a check over a whole row names the field it is about (`bilingual_error(field=…)`)
        where = raw.locate((*loc, ctx["field"]) if ctx.get("field") else loc)
        return Problem(where, ctx["en"], ctx["zh"], ctx["fix_en"], ctx["fix_zh"])
    where = raw.locate(loc)
    got = error.get("input")
    # an unknown field's value is never echoed (it may be anything, e.g. a secret pasted in);
    # a known field's value is, shortened, to show what was read
    shown = isinstance(got, str | int | float) and error["type"] != "extra_forbidden"
    if isinstance(got, str) and len(got) > 60:
        got = got[:60] + "…"
    got_en, got_zh = (f" (got {got!r})", f"（填写值为 {got!r}）") if shown else ("", "")
    template = _ZH.get(error["type"])
    if template is None:
        return Problem(where, error["msg"] + got_en, "取值无效：" + error["msg"], "", "")
    ctx = {k: str(v) for k, v in (error.get("ctx") or {}).items()}
    if error["type"] == "literal_error":
        codes = re.findall(r"'([^']*)'", ctx.get("expected", ""))
        ctx["expected_zh"] = "、".join(f"{zh_term(c)}（{c}）" for c in codes)
    en, zh, fix_en, fix_zh = (t.format(**ctx) for t in template)
    if loc and loc[-1] in _FIELD_FIXES and error["type"].startswith(("greater", "less")):
        fix_en, fix_zh = _FIELD_FIXES[str(loc[-1])]
    return Problem(where, en + got_en, zh + got_zh, fix_en, fix_zh)
