"""Compliance entry points for the shells: read an input, find its verified emissions (given,
or accounted from the MRV report it names), then assess or plan."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from chinaets.compliance.planner import Plan, plan
from chinaets.compliance.schema import ComplianceInput
from chinaets.compliance.status import ComplianceResult, assess
from chinaets.core import limits
from chinaets.core.errors import InputError, Location
from chinaets.inputs.tables import RawInput, validate


def parse_input(
    data: dict[str, Any], source: str = "<input>", year: int | None = None
) -> ComplianceInput:
    raw = RawInput(dict(data), source)
    if year is not None:
        raw.set_year(year)
    return validate(raw, ComplianceInput)


def load_input(path: Path, year: int | None = None) -> ComplianceInput:
    if not path.is_file() or path.suffix.lower() != ".json":
        raise InputError.one(Location(str(path)), "give a compliance input .json file", "请提供履约输入 .json 文件",
                             "see `chinaets comply --help` for the format", "格式见 `chinaets comply --help`")  # fmt: skip
    data = limits.load_json(path.read_bytes(), Location(path.name), exact=False)
    if not isinstance(data, dict):
        raise InputError.one(Location(path.name), "the JSON must be one object", "JSON 顶层必须是对象",
                             "see `chinaets comply --help`", "格式见 `chinaets comply --help`")  # fmt: skip
    return parse_input(data, path.name, year)


def obligation_inputs(
    inp: ComplianceInput, base: Path | None = None
) -> tuple[ComplianceInput, int]:
    """The verified emissions to surrender against; from the named MRV report if not given
    (then also the 2019–2022 relief and the allocation, through the allocation rules)."""
    if inp.verified_tco2 is not None:
        return inp, inp.verified_tco2
    if inp.report is None:
        raise InputError.one(Location(field="verified_tco2"), "give verified_tco2 or the path of an MRV report",
                             "请填写 verified_tco2 或 MRV 报告路径 report", "add one of the two", "二者择一填写")  # fmt: skip
    from chinaets.allocation import allocate
    from chinaets.allocation.inputs import from_accounting
    from chinaets.mrv.sectors import get_sector

    spec = get_sector(inp.sector)
    path = _inside(Path(inp.report), base)
    report = spec.load(path, inp.year)
    allocation = allocate(from_accounting(spec.name, report, spec.account(report)))
    update = {"obligation_relief_tco2": allocation.verified_tco2 - allocation.obligation_tco2}
    if inp.allocation_tco2 is None:
        update["allocation_tco2"] = allocation.final_tco2
    return inp.model_copy(update=update), allocation.verified_tco2


def _inside(report: Path, base: Path | None) -> Path:
    """The report named by an input file: a path inside the input's own folder, never an
    absolute path or one that climbs out of it (an input from elsewhere must not make the
    tool read, or echo, files outside the folder it was given)."""
    if base is None:
        return report
    folder = base.resolve()
    path = (folder / report).resolve()
    if report.is_absolute() or not path.is_relative_to(folder):
        raise InputError.one(
            Location(field="report"),
            "the report must be a file in the input's own folder",
            "报告文件必须位于输入文件所在的文件夹内",
            "copy the report next to the input and give its name, e.g. report.xlsx",
            "请将报告复制到输入文件旁，并只填写文件名，例如 report.xlsx",
        )
    return path


def check(path: Path, year: int | None = None) -> ComplianceResult:
    inp, verified = obligation_inputs(load_input(path, year), path.parent)
    return assess(inp, verified)


def make_plan(path: Path, year: int | None, price_cea: Decimal, price_ccer: Decimal) -> Plan:
    inp, verified = obligation_inputs(load_input(path, year), path.parent)
    return plan(inp, verified, price_cea, price_ccer)


def run_case_input(data: dict[str, Any]) -> dict[str, Any]:
    """A worked case: assess, or plan when the case gives prices."""
    plain: dict[str, Any] = _plain(case_result(data).as_dict())
    return plain


def case_result(data: dict[str, Any]) -> ComplianceResult | Plan:
    """A worked case's result: the assessment, or the plan when the case gives prices."""
    data = dict(data)
    prices = data.pop("price_cea", None), data.pop("price_ccer", None)
    inp, verified = obligation_inputs(parse_input(data, "<case>"))
    if prices[0] is not None:
        return plan(inp, verified, Decimal(str(prices[0])), Decimal(str(prices[1])))
    return assess(inp, verified)


def _plain(value: Any) -> Any:
    """Decimals as floats, so that case tolerances apply."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return float(value) if isinstance(value, Decimal) else value
