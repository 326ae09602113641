"""Where allocation inputs come from: an allocation file, an MRV report (accounted first), a JSON
list of either, or a folder of such files (a whole data set)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from chinaets.allocation.methods import method_for
from chinaets.allocation.schema import AllocationInput
from chinaets.core.errors import InputError, Location
from chinaets.inputs.tables import RawInput, validate
from chinaets.mrv.sectors import default_sector, detect_sector, get_sector


def parse_input(data: dict[str, Any], source: str = "<input>") -> AllocationInput:
    """An allocation input from plain data: an ``allocation/1`` document, or a sector's MRV
    report (recognised by its ``fuel_use`` table), which is accounted first."""
    if _is_allocation_document(data):
        return validate(RawInput(dict(data), source), AllocationInput)
    spec = get_sector(str(data.get("sector") or default_sector()))
    report = spec.parse(data, source)
    return from_accounting(spec.name, report, spec.account(report))


def _is_allocation_document(data: dict[str, Any]) -> bool:
    if str(data.get("schema_version", "")).startswith("allocation"):
        return True
    return "fuel_use" not in data and ("units" in data or "lines" in data)


def load_inputs(path: Path, year: int | None = None) -> list[AllocationInput]:
    """Every entity input a path holds: one file, a JSON list, or a folder of JSON files."""
    if path.is_dir() and not (path / "entity.csv").exists():
        files = sorted(path.glob("*.json"))
        if not files:
            raise InputError.one(Location(str(path)), "no .json inputs in the folder", "文件夹中没有 .json 输入文件",
                                 "put one entity's input per .json file", "请每家企业一个 .json 文件")  # fmt: skip
        return [inp for f in files for inp in load_inputs(f, year)]
    if path.suffix.lower() == ".json" and path.exists():
        data = _read_json(path)
        items = data if isinstance(data, list) else [data]
        return [_with_year(item, year, f"{path.name}[{i}]" if isinstance(data, list) else path.name)
                for i, item in enumerate(items)]  # fmt: skip
    spec = get_sector(detect_sector(path))
    report = spec.load(path, year)
    return [from_accounting(spec.name, report, spec.account(report))]


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        raise InputError.one(Location(path.name, row=exc.lineno), f"not valid JSON: {exc.msg}",
                             f"不是有效的 JSON：第 {exc.lineno} 行", "fix the JSON syntax", "请修正 JSON 语法") from None  # fmt: skip


def _with_year(item: Any, year: int | None, source: str) -> AllocationInput:
    if not isinstance(item, dict):
        raise InputError.one(Location(source), "each input must be a JSON object", "每个输入必须是 JSON 对象",
                             "see `chinaets allocate --help` for the format", "格式见 `chinaets allocate --help`")  # fmt: skip
    data = dict(item)
    if year is not None:
        raw = RawInput(data, source)
        raw.set_year(year)
        data = raw.data
    return parse_input(data, source)


def from_accounting(
    sector: str,
    report: Any,
    result: Any,
    previous: Any | None = None,
    line_values: Mapping[str, Mapping[str, Any]] | None = None,
) -> AllocationInput:
    """The allocation input of an accounted report: the perimeter its sector declares
    (`Sector.allocation_input`), with last year's result, if known, for the pre-allocation.

    `line_values` adds, by unit or line id, figures the plan's data tables need that the report
    does not carry (a steel enterprise's ironmaking-process output, say): they are set on that
    unit or line of the document before it is validated."""
    spec = get_sector(sector)
    method = method_for(spec)  # a sector that only reports is refused here, before any work
    assert spec.allocation_input is not None, spec.name
    data = spec.allocation_input(report, result, previous)
    if line_values:
        data = {**data, method.table: _with_values(data.get(method.table, []), line_values)}
    return AllocationInput.model_validate(data)


def _with_values(
    rows: list[dict[str, Any]], values: Mapping[str, Mapping[str, Any]]
) -> list[dict[str, Any]]:
    ids = [str(row.get("line_id", row.get("unit_id"))) for row in rows]
    unknown = sorted(set(values) - set(ids))
    if unknown:
        raise InputError.one(
            Location(field="line_id"),
            f"no unit or line '{unknown[0]}' in the report's allocation perimeter",
            f"报告的配额分配范围中没有机组或生产线“{unknown[0]}”",
            f"use one of: {', '.join(ids) or '(none)'}",
            f"请使用：{'、'.join(ids) or '（无）'}",
        )
    return [{**row, **values.get(key, {})} for key, row in zip(ids, rows, strict=True)]
