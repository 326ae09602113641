"""Checks across the tables of a steel report that make it unusable when they fail.

Field-level rules live on the schema; these need several rows at once (duplicate ids and rows,
references to unknown processes or units, crude steel missing) or the law book (the data year
the guideline applies from). Each returns an `Issue` located
like pydantic locates its errors, so the loaders can point at the file, sheet and row.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from chinaets.mrv.industry.consistency import Issue, duplicates, shared_issues
from chinaets.mrv.steel.accounting import parameters
from chinaets.mrv.steel.schema import ENTERPRISE, SteelReport

PLAN_PARAMETERS = ("fuel_quantity", "ncv", "material_quantity", "product_quantity")
"""What a steel data-quality control plan declares (the parameters the monthly data use)."""


def check_report(report: SteelReport) -> list[Issue]:
    places = [ENTERPRISE, *(p.process_id for p in report.processes)]
    places += [u.unit_id for u in report.power_units]
    return [
        *_guideline_in_force(report.year),
        *_duplicate_ids("processes", [p.process_id for p in report.processes], "process_id"),
        *_duplicate_ids("power_units", [u.unit_id for u in report.power_units], "unit_id"),
        *_unknown_processes(report),
        *_unknown_units(report),
        *_duplicate_rows(report),
        *_crude_steel_given(report),
        *shared_issues(report, places, PLAN_PARAMETERS, "processes or power_units"),
    ]


def _guideline_in_force(year: int) -> Iterator[Issue]:
    """A data year before the steel guideline's first (the first date of parameter guideline)."""
    guideline = parameters()["guideline"].values[0]
    first = guideline.start.year
    if year < first:
        yield Issue(
            ("year",),
            f"data year {year} is before the steel guideline {guideline.value}, which applies "
            f"from the {first} data year",
            f"数据年度 {year} 早于钢铁行业指南 {guideline.value} 的适用年度（{first} 年起）",
            f"report {first} or later data (earlier years were reported under the 2013 NDRC "
            "guideline, which this sector module does not implement)",
            f"请填报 {first} 年及以后的数据（此前年度按 2013 年发改委指南报告，本模块不适用）",
        )


def _duplicate_ids(table: str, ids: Sequence[str], field: str) -> Iterator[Issue]:
    seen: set[str] = set()
    for i, value in enumerate(ids):
        if value in seen:
            yield Issue(
                (table, i, field),
                f"id '{value}' appears twice in {table}",
                f"{table} 中编号 '{value}' 重复",
                "give every row its own id, or merge the two rows",
                "请为每行使用唯一编号，或合并重复行",
            )
        seen.add(value)


def _unknown_processes(report: SteelReport) -> Iterator[Issue]:
    known = {p.process_id for p in report.processes}
    for i, row in enumerate(report.process_flows):
        if row.process_id not in known:
            yield Issue(
                ("process_flows", i, "process_id"),
                f"process '{row.process_id}' is not in the processes table",
                f"工序 '{row.process_id}' 不在工序信息表中",
                f"add it to processes or use one of: {', '.join(sorted(known)) or '(none yet)'}",
                "请在工序信息表中补充该工序，或改用已有工序编号",
            )


def _unknown_units(report: SteelReport) -> Iterator[Issue]:
    known = {u.unit_id for u in report.power_units}
    for i, row in enumerate(report.unit_fuels):
        if row.unit_id not in known:
            yield Issue(
                ("unit_fuels", i, "unit_id"),
                f"power unit '{row.unit_id}' is not in the power_units table",
                f"机组 '{row.unit_id}' 不在自备电厂机组表中",
                f"add it to power_units or use one of: {', '.join(sorted(known)) or '(none yet)'}",
                "请在自备电厂机组表中补充该机组，或改用已有机组编号",
            )


def _duplicate_rows(report: SteelReport) -> Iterator[Issue]:
    yield from duplicates("fuels", [(r.month, r.fuel) for r in report.fuels])
    yield from duplicates("materials", [(r.month, r.material) for r in report.materials])
    yield from duplicates("products", [(r.month, r.product) for r in report.products])
    yield from duplicates(
        "process_flows",
        [(r.process_id, r.month, r.fuel, r.direction) for r in report.process_flows],
    )
    yield from duplicates("unit_fuels", [(r.unit_id, r.month, r.fuel) for r in report.unit_fuels])


def _crude_steel_given(report: SteelReport) -> Iterator[Issue]:
    if not any(p.product == "crude_steel" for p in report.products):
        yield Issue(
            ("products",),
            "no crude steel output: the enterprise's output and intensity need it",
            "缺少粗钢产量：企业产量和排放强度需要粗钢产量",
            "add rows with product crude_steel and the month's output in t",
            "请添加 product 为 crude_steel 的行，填写各月粗钢产量（t）",
        )
