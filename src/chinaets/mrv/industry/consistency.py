"""Checks across the shared tables that make a report unusable when they fail (rejections,
not findings): duplicates, references to unknown lines, meters or parameters, and calorific
values whose magnitude shows a unit mistake. Located like pydantic locates its errors.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

from chinaets.inputs.schema_base import Issue
from chinaets.mrv.industry.rules import parameters, year_start
from chinaets.mrv.industry.schema import (
    Calibration,
    ControlPlanEntry,
    Deposit,
    FuelUse,
    Meter,
    NcvSample,
    fuels,
)
from chinaets.mrv.industry.units import canonical_ncv_unit, ncv_to_canonical

__all__ = ["Issue", "SharedTables", "duplicates", "shared_issues", "unknown_units"]

NCV_PLAUSIBLE_RATIO = 3.0
"""A measured NCV more than 3× off its Table A.1 default is a unit mistake (kcal/kg given as
GJ/t is ~200× off), not a fuel of unusual quality."""


class SharedTables(Protocol):
    """The tables every industrial report has."""

    @property
    def year(self) -> int: ...
    @property
    def fuel_use(self) -> Sequence[FuelUse]: ...
    @property
    def ncv_samples(self) -> Sequence[NcvSample]: ...
    @property
    def control_plan(self) -> Sequence[ControlPlanEntry]: ...
    @property
    def meters(self) -> Sequence[Meter]: ...
    @property
    def calibrations(self) -> Sequence[Calibration]: ...
    @property
    def deposits(self) -> Sequence[Deposit]: ...


def shared_issues(
    report: SharedTables, unit_ids: Iterable[str], plan_parameters: Iterable[str], unit_word: str
) -> list[Issue]:
    """Every issue of the shared tables. `unit_ids` are the report's lines or processes,
    `plan_parameters` the parameter names its control plan may use, `unit_word` the table that
    lists the units (e.g. 'lines')."""
    known = set(unit_ids)
    tables: dict[str, Sequence[FuelUse | NcvSample]] = {
        "fuel_use": report.fuel_use,
        "ncv_samples": report.ncv_samples,
    }
    return [
        *(i for name, rows in tables.items() for i in unknown_units(name, rows, known, unit_word)),
        *duplicates("fuel_use", [(r.unit_id, r.month, r.fuel) for r in report.fuel_use]),
        *duplicates(
            "ncv_samples",
            [(r.unit_id, r.month, r.fuel, r.batch_id) for r in report.ncv_samples],
        ),
        *duplicates("meters", [(m.meter_id,) for m in report.meters]),
        *duplicates("calibrations", [(c.meter_id, c.calibrated_on) for c in report.calibrations]),
        *duplicates("deposits", [(d.month,) for d in report.deposits]),
        *duplicates(
            "control_plan", [(e.parameter, e.unit_id, e.item) for e in report.control_plan]
        ),
        *_ncv_issues(report.ncv_samples, report.year),
        *_plan_issues(report, known, set(plan_parameters), unit_word),
    ]


def unknown_units(
    table: str, rows: Sequence[object], known: set[str], unit_word: str
) -> Iterator[Issue]:
    for i, row in enumerate(rows):
        unit_id = str(getattr(row, "unit_id"))  # noqa: B009 - every such row has one
        if unit_id not in known:
            yield Issue(
                (table, i, "unit_id"),
                f"'{unit_id}' is not in the {unit_word} table",
                f"'{unit_id}' 不在 {unit_word} 表中",
                f"add it to {unit_word} or use one of: {', '.join(sorted(known))}",
                f"请在 {unit_word} 表中补充，或改用已有编号",
            )


def duplicates(table: str, keys: Sequence[tuple[object, ...]]) -> Iterator[Issue]:
    counts = Counter(keys)
    seen: set[tuple[object, ...]] = set()
    for i, key in enumerate(keys):
        if counts[key] > 1 and key in seen:
            what = ", ".join(str(k) for k in key if k != "")
            yield Issue(
                (table, i),
                f"a second row for ({what}); each may appear once",
                f"({what}) 重复出现",
                "merge the two rows or correct the key (month, fuel, id …)",
                "请合并为一行，或更正月份/燃料/编号",
            )
        seen.add(key)


def _ncv_issues(samples: Sequence[NcvSample], year: int) -> Iterator[Issue]:
    per_month = Counter((s.unit_id, s.month, s.fuel) for s in samples)
    for i, s in enumerate(samples):
        fuel = fuels()[s.fuel]
        want = "GJ/10^4 Nm3" if fuel.unit == "10^4 Nm3" else "GJ/t"
        if canonical_ncv_unit(s.ncv_unit) != want:
            yield Issue(
                ("ncv_samples", i, "ncv_unit"),
                f"{fuel.en} is metered in {fuel.unit}, so its NCV cannot be in {s.ncv_unit}",
                f"{fuel.zh}以 {fuel.unit} 计量，发热量单位不能为 {s.ncv_unit}",
                "use a per-mass unit (GJ/t, kcal/kg …) for solids and liquids, per-Nm3 for gases",
                "固体、液体燃料使用按质量的单位（GJ/t、kcal/kg 等），气体燃料使用按体积的单位",
            )
            continue
        if (
            fuel.state == "solid"
            and s.received_t is None
            and per_month[(s.unit_id, s.month, s.fuel)] > 1
        ):
            yield Issue(
                ("ncv_samples", i, "received_t"),
                "several batches of a solid fuel in one month need each batch's mass received "
                "(the month's NCV is weighted by it)",
                "固体燃料同月多个批次时须填写各批次入厂量（月度发热量按入厂量加权）",
                "fill in received_t from the weighbridge records of the batch",
                "请根据该批次的入厂计量记录填写 received_t",
            )
        yield from _ncv_magnitude(i, s, year)


def _ncv_magnitude(i: int, s: NcvSample, year: int) -> Iterator[Issue]:
    default = float(parameters().at(year_start(year))("fuel_default_ncv", s.fuel))
    value = ncv_to_canonical(s.ncv, s.ncv_unit)
    if not default / NCV_PLAUSIBLE_RATIO <= value <= default * NCV_PLAUSIBLE_RATIO:
        unit = canonical_ncv_unit(s.ncv_unit)
        yield Issue(
            ("ncv_samples", i, "ncv"),
            f"an NCV of {value:,.3f} {unit} is impossible for {fuels()[s.fuel].en} (Table A.1 "
            f"default {default:g})",
            f"{fuels()[s.fuel].zh}低位发热量 {value:,.3f} {unit} 不可能（表A.1缺省值 {default:g}）",
            "check the unit: give the lab's unit in ncv_unit (e.g. kcal/kg, MJ/kg)",
            "请检查单位：在 ncv_unit 中填写化验报告的单位（如 kcal/kg、MJ/kg）",
        )


def _plan_issues(
    report: SharedTables, known: set[str], parameters: set[str], unit_word: str
) -> Iterator[Issue]:
    meters = {m.meter_id for m in report.meters}
    for i, e in enumerate(report.control_plan):
        if e.parameter not in parameters:
            yield Issue(
                ("control_plan", i, "parameter"),
                f"'{e.parameter}' is not a parameter of this sector's control plan",
                f"'{e.parameter}' 不是本行业数据质量控制方案的参数",
                f"use one of: {', '.join(sorted(parameters))}",
                f"请使用：{'、'.join(sorted(parameters))}",
            )
        if e.unit_id and e.unit_id not in known:
            yield Issue(
                ("control_plan", i, "unit_id"),
                f"'{e.unit_id}' is not in the {unit_word} table",
                f"'{e.unit_id}' 不在 {unit_word} 表中",
                f"leave it blank (all) or use one of: {', '.join(sorted(known))}",
                "留空表示全部，或改用已有编号",
            )
        if e.meter_id and e.meter_id not in meters:
            yield Issue(
                ("control_plan", i, "meter_id"),
                f"meter '{e.meter_id}' is not in the meters table",
                f"计量器具 '{e.meter_id}' 不在 meters 表中",
                "add the meter (model, type, accuracy class) to meters",
                "请在 meters 表中补充该计量器具（型号、类型、准确度等级）",
            )
    for i, c in enumerate(report.calibrations):
        if c.meter_id not in meters:
            yield Issue(
                ("calibrations", i, "meter_id"),
                f"meter '{c.meter_id}' is not in the meters table",
                f"计量器具 '{c.meter_id}' 不在 meters 表中",
                "add the meter to meters or correct the id",
                "请在 meters 表中补充该计量器具或更正编号",
            )
