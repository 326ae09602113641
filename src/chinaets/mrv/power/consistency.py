"""Checks across the tables of a power report that make it unusable when they fail.

Field-level rules live on the schema; these need several rows at once (duplicates, references
to unknown units, physically impossible magnitudes). Each returns `Issue` records located like
pydantic locates its errors, so the loaders can point at the file, sheet and row.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from chinaets.inputs.schema_base import Issue
from chinaets.mrv.power.schema import PowerReport, fuels, hours_in_month

# A unit cannot burn more than this per MWh of rated capacity-hour: 2 t of raw coal per MWh is
# an efficiency near 15 % even for lignite, so anything above is a unit or decimal mistake
# (kg for t, Nm3 for 10^4 Nm3). Gas: 0.5 10^4 Nm3/MWh is about 19 GJ/MWh (19 % efficiency).
MAX_FUEL_PER_RATED_MWH = {"t": 2.0, "10^4 Nm3": 0.5}
# Generation may exceed rated power x hours only by metering error and short overloads.
MAX_GENERATION_OVER_RATED = 1.1


def check_report(report: PowerReport) -> list[Issue]:
    return [
        *_duplicate_units(report),
        *_unknown_units(report),
        *_duplicate_rows(report),
        *_heat_given_twice(report),
        *_lab_carbon_matches_fuel(report),
        *_impossible_fuel(report),
        *_impossible_generation(report),
    ]


def _duplicate_units(report: PowerReport) -> Iterator[Issue]:
    seen: set[str] = set()
    for i, unit in enumerate(report.units):
        if unit.unit_id in seen:
            yield Issue(
                ("units", i, "unit_id"),
                f"unit id '{unit.unit_id}' appears twice",
                f"机组编号 '{unit.unit_id}' 重复",
                "give every unit its own id, or merge the two rows",
                "每台机组使用唯一编号，或合并重复行",
            )
        seen.add(unit.unit_id)


def _unknown_units(report: PowerReport) -> Iterator[Issue]:
    known = {u.unit_id for u in report.units}
    tables: dict[str, Iterable[object]] = {
        "fuel_use": report.fuel_use,
        "lab_results": report.lab_results,
        "production": report.production,
        "heat_measurements": report.heat_measurements,
    }
    for table, rows in tables.items():
        for i, row in enumerate(rows):
            unit_id = getattr(row, "unit_id")  # noqa: B009 - every table row has one
            if unit_id not in known:
                yield Issue(
                    (table, i, "unit_id"),
                    f"unit '{unit_id}' is not in the units table",
                    f"机组 '{unit_id}' 不在机组信息表中",
                    f"add it to units or use one of: {', '.join(sorted(known))}",
                    "请在机组信息表中补充该机组，或改用已有机组编号",
                )


def _duplicate_rows(report: PowerReport) -> Iterator[Issue]:
    keyed: dict[str, list[tuple[str | int, ...]]] = {
        "fuel_use": [(r.unit_id, r.month, r.fuel) for r in report.fuel_use],
        "production": [(r.unit_id, r.month) for r in report.production],
        "lab_results": [(r.unit_id, r.month, r.fuel, r.sample_id) for r in report.lab_results],
    }
    for table, keys in keyed.items():
        counts = Counter(keys)
        for i, key in enumerate(keys):
            if counts[key] > 1 and keys.index(key) != i:
                what = ", ".join(str(k) for k in key)
                yield Issue(
                    (table, i),
                    f"a second row for ({what}); each may appear once",
                    f"({what}) 重复出现",
                    "add the quantities into one row or correct the month or fuel",
                    "请合并为一行，或更正月份/燃料",
                )


def _heat_given_twice(report: PowerReport) -> Iterator[Issue]:
    computed = {(h.unit_id, h.month) for h in report.heat_measurements}
    for i, row in enumerate(report.production):
        if row.heat_supplied_gj is not None and (row.unit_id, row.month) in computed:
            yield Issue(
                ("production", i, "heat_supplied_gj"),
                "heat supplied is given both as metered GJ and as heat measurements",
                "供热量同时以计量值（GJ）和计算数据两种方式给出",
                "keep the metered value or the measurements, not both",
                "请只保留计量值或计算数据之一",
            )


def _lab_carbon_matches_fuel(report: PowerReport) -> Iterator[Issue]:
    for i, lab in enumerate(report.lab_results):
        gas = fuels()[lab.fuel].category == "gas"
        if gas and lab.carbon_pct is not None:
            yield Issue(
                ("lab_results", i, "carbon_pct"),
                "gas carbon is given in % by mass; the guideline uses tC/10^4 Nm3",
                "气体燃料含碳量应以 tC/万Nm3 表示，而非质量百分比",
                "put the value in carbon_t_per_10k_nm3",
                "请填写在 carbon_t_per_10k_nm3 列",
            )
        if not gas and lab.carbon_t_per_10k_nm3 is not None:
            yield Issue(
                ("lab_results", i, "carbon_t_per_10k_nm3"),
                f"{lab.fuel} is a solid or liquid fuel; its carbon is % by mass",
                f"{fuels()[lab.fuel].zh} 为固体或液体燃料，元素碳应以质量百分比表示",
                "put the value in carbon_pct with its basis",
                "请填写在 carbon_pct 列并注明基准",
            )


def _impossible_fuel(report: PowerReport) -> Iterator[Issue]:
    rated = {u.unit_id: u.rated_mw for u in report.units}
    for i, row in enumerate(report.fuel_use):
        if row.unit_id not in rated:
            continue
        unit = fuels()[row.fuel].unit
        limit = (
            MAX_FUEL_PER_RATED_MWH[unit]
            * rated[row.unit_id]
            * hours_in_month(report.year, row.month)
        )
        if row.quantity > limit:
            yield Issue(
                ("fuel_use", i, "quantity"),
                f"{row.quantity:,.2f} {unit} in one month is impossible for a "
                f"{rated[row.unit_id]:g} MW unit (at most {limit:,.0f})",
                f"{rated[row.unit_id]:g} MW 机组单月消耗 {row.quantity:,.2f} {unit} 不可能（上限约 {limit:,.0f}）",
                f"check the unit of measure: quantities are in {unit}",
                f"请检查计量单位：消耗量以 {unit} 填写",
            )


def _impossible_generation(report: PowerReport) -> Iterator[Issue]:
    rated = {u.unit_id: u.rated_mw for u in report.units}
    for i, row in enumerate(report.production):
        if row.unit_id not in rated:
            continue
        limit = (
            MAX_GENERATION_OVER_RATED * rated[row.unit_id] * hours_in_month(report.year, row.month)
        )
        if row.generation_mwh > limit:
            yield Issue(
                ("production", i, "generation_mwh"),
                f"generation {row.generation_mwh:,.2f} MWh exceeds what a "
                f"{rated[row.unit_id]:g} MW unit can make in a month ({limit:,.0f} MWh)",
                f"发电量 {row.generation_mwh:,.2f} MWh 超过 {rated[row.unit_id]:g} MW 机组单月最大可能值（{limit:,.0f} MWh）",
                "check the unit of measure (MWh, not kWh)",
                "请检查单位（MWh，而非 kWh）",
            )
