"""The data-quality control plan against the monthly data (rules reference §2.1; steel
guideline Appendix B, Appendix F).

A sector lists what its monthly data actually used as `Observation` records (parameter, line or
process, fuel or material, month, how the value was obtained); the plan entries declare how each
should be obtained and with which meter. Findings:

==================  ========  ===============================================================
IND-DQCP-MISSING    error     no control plan for a data year that needs one (from 2025)
IND-DQCP-METHOD     error     declared measured/calculated, but the month used the default
                    warning   declared default, but measured values were given
IND-DQCP-UNDECLARED warning   data of a parameter the plan does not mention
IND-METER-INTERVAL  error     a meter's calibration interval exceeds 12 months
IND-METER-LAPSED    error     data of a month in which the meter's calibration had lapsed
IND-METER-ACCURACY  warning   a meter less accurate than its type requires (Appendix F)
==================  ========  ===============================================================

The reference requires a conservative treatment of data from a lapsed meter but gives no
figure; the finding asks the verifier to decide it, and the accounting keeps the metered value.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from chinaets.mrv.findings import Finding
from chinaets.mrv.industry.schema import Calibration, ControlPlanEntry, Meter, Method
from chinaets.rules import ParametersAt

REF_DQCP = "CETS-AG-03.01-V01-2024 附录B 数据质量控制方案（rules reference §2.1）"
REF_METERS = "CETS-AG-03.01-V01-2024 附录B、附录F 计量器具（rules reference §2.1）"
_METHOD_ZH = {"measured": "实测", "calculated": "计算", "design": "设计值", "default": "缺省值"}


@dataclass(frozen=True)
class Observation:
    """How one parameter of one line or process was obtained in one month."""

    parameter: str
    unit_id: str
    item: str
    month: int
    method: Method


def plan_entry(
    plan: Sequence[ControlPlanEntry], parameter: str, unit_id: str, item: str
) -> ControlPlanEntry | None:
    """The most specific entry covering a parameter (unit and item named beat blanks)."""
    best, best_rank = None, -1
    for e in plan:
        if e.parameter != parameter or e.unit_id not in ("", unit_id) or e.item not in ("", item):
            continue
        rank = 2 * bool(e.unit_id) + bool(e.item)
        if rank > best_rank:
            best, best_rank = e, rank
    return best


def check_control_plan(
    p: ParametersAt,
    plan: Sequence[ControlPlanEntry],
    meters: Sequence[Meter],
    calibrations: Sequence[Calibration],
    observations: Sequence[Observation],
) -> list[Finding]:
    """Every control-plan finding of a data year (`p` is the year's parameters)."""
    if not plan:
        return list(_missing_plan(p))
    found = list(_methods(plan, observations))
    found += _meter_findings(p, plan, meters, calibrations, observations)
    return found


def _missing_plan(p: ParametersAt) -> Iterator[Finding]:
    if p("control_plan_required"):
        yield Finding(
            "IND-DQCP-MISSING", "error",
            f"the data year {p.when.year} needs a data-quality control plan, but the report has "
            "none: fill in the control_plan, meters and calibrations tables",
            f"{p.when.year} 年度须制定数据质量控制方案，但报告中没有：请填写 control_plan、meters、calibrations 表",
            field="control_plan", reference=p.used("control_plan_required").dated.reference,
        )  # fmt: skip


def _methods(
    plan: Sequence[ControlPlanEntry], observations: Sequence[Observation]
) -> Iterator[Finding]:
    wrong: dict[tuple[str, str, str, str, str], list[int]] = defaultdict(list)
    undeclared: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for o in observations:
        entry = plan_entry(plan, o.parameter, o.unit_id, o.item)
        if entry is None:
            undeclared[(o.parameter, o.unit_id, o.item)].append(o.month)
        elif _conflicts(entry.method, o.method):
            wrong[(o.parameter, o.unit_id, o.item, entry.method, o.method)].append(o.month)
    for (parameter, unit_id, item, declared, used), months in wrong.items():
        yield _method_finding(parameter, unit_id, item, declared, used, months)
    for (parameter, unit_id, item), months in undeclared.items():
        what = f"{parameter}{f' ({item})' if item else ''}"
        yield Finding(
            "IND-DQCP-UNDECLARED", "warning",
            f"{what} has data in months {_months(months)} but the control plan does not say how "
            "it is obtained: add a control_plan row",
            f"{what} 在 {_months(months)} 月有数据，但数据质量控制方案未规定其获取方式：请在 control_plan 表补充",
            unit_id, min(months), "control_plan", REF_DQCP,
        )  # fmt: skip


def _conflicts(declared: Method, used: Method) -> bool:
    if declared == used:
        return False
    return used == "default" or declared == "default"


def _method_finding(
    parameter: str, unit_id: str, item: str, declared: str, used: str, months: list[int]
) -> Finding:
    what = f"{parameter}{f' ({item})' if item else ''}"
    if used == "default":
        return Finding(
            "IND-DQCP-METHOD", "error",
            f"the control plan declares {what} {declared}, but months {_months(months)} use the "
            "default: give the measurements, or revise the plan before the data year",
            f"数据质量控制方案规定 {what} 为{_METHOD_ZH[declared]}，但 {_months(months)} 月采用缺省值：请补充实测数据或事先修订方案",
            unit_id, min(months), parameter, REF_DQCP,
        )  # fmt: skip
    return Finding(
        "IND-DQCP-METHOD", "warning",
        f"the control plan declares {what} default, but months {_months(months)} give "
        f"{used} values: revise the plan to say how they are obtained",
        f"数据质量控制方案规定 {what} 采用缺省值，但 {_months(months)} 月填写了{_METHOD_ZH[used]}数据：请修订方案",
        unit_id, min(months), parameter, REF_DQCP,
    )  # fmt: skip


def _meter_findings(
    p: ParametersAt,
    plan: Sequence[ControlPlanEntry],
    meters: Sequence[Meter],
    calibrations: Sequence[Calibration],
    observations: Sequence[Observation],
) -> list[Finding]:
    max_interval = int(p("calibration_interval_max_months"))
    found = [f for m in meters for f in _meter_rules(p, m, max_interval)]
    by_meter: dict[str, list[dt.date]] = defaultdict(list)
    for c in calibrations:
        by_meter[c.meter_id].append(c.calibrated_on)
    used_in: dict[str, set[int]] = defaultdict(set)
    for o in observations:
        entry = plan_entry(plan, o.parameter, o.unit_id, o.item)
        if entry is not None and entry.meter_id and o.method == "measured":
            used_in[entry.meter_id].add(o.month)
    known = {m.meter_id: m for m in meters}
    for meter_id, months in sorted(used_in.items()):
        meter = known.get(meter_id)
        if meter is None:
            continue  # consistency rejects plan rows naming unknown meters
        interval = min(meter.calibration_interval_months, max_interval)
        lapsed = lapsed_months(p.when.year, sorted(months), by_meter[meter_id], interval)
        if lapsed:
            found.append(_lapsed_finding(meter, lapsed))
    return found


def _meter_rules(p: ParametersAt, meter: Meter, max_interval: int) -> Iterator[Finding]:
    if meter.calibration_interval_months > max_interval:
        yield Finding(
            "IND-METER-INTERVAL", "error",
            f"meter {meter.meter_id} is calibrated every {meter.calibration_interval_months} "
            f"months; at most {max_interval} are allowed",
            f"计量器具 {meter.meter_id} 检定/校准周期为 {meter.calibration_interval_months} 个月，超过 {max_interval} 个月的上限",
            field="meters.calibration_interval_months", reference=REF_METERS,
        )  # fmt: skip
    limits = p.dated("meter_accuracy_class_max").value
    limit = limits.get(meter.meter_type) if isinstance(limits, Mapping) else None
    if limit is not None and meter.accuracy_class > float(limit):
        yield Finding(
            "IND-METER-ACCURACY", "warning",
            f"meter {meter.meter_id} ({meter.meter_type}) has accuracy class "
            f"{meter.accuracy_class:g}; its type needs class {float(limit):g} or better",
            f"计量器具 {meter.meter_id} 准确度等级 {meter.accuracy_class:g}，低于该类器具 {float(limit):g} 级的要求",
            field="meters.accuracy_class", reference=REF_METERS,
        )  # fmt: skip


def _lapsed_finding(meter: Meter, months: list[int]) -> Finding:
    return Finding(
        "IND-METER-LAPSED", "error",
        f"meter {meter.meter_id} ({meter.model}) was not within its calibration in months "
        f"{_months(months)}: its readings need a conservative treatment agreed with the "
        "verifier; record the calibration certificates in the calibrations table",
        f"计量器具 {meter.meter_id}（{meter.model}）在 {_months(months)} 月超出检定/校准有效期：其读数须与核查机构确定保守处理；请在 calibrations 表填写检定/校准证书",
        month=months[0], field="calibrations", reference=REF_METERS,
    )  # fmt: skip


def lapsed_months(
    year: int, months: Sequence[int], calibrated_on: Sequence[dt.date], interval: int
) -> list[int]:
    """Months of `year` not wholly inside some calibration's validity [date, date + interval)."""
    valid = [(c, add_months(c, interval)) for c in sorted(calibrated_on)]
    out = []
    for m in months:
        first = dt.date(year, m, 1)
        last = dt.date(year, m, calendar.monthrange(year, m)[1])
        if not _covered(first, last, valid):
            out.append(m)
    return out


def _covered(first: dt.date, last: dt.date, valid: Sequence[tuple[dt.date, dt.date]]) -> bool:
    """Whether every day first..last lies in the union of the validity periods."""
    day = first
    for start, end in valid:
        if start <= day < end:
            day = end
        if day > last:
            return True
    return day > last


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (clamped to the month's last day)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _months(months: Sequence[int]) -> str:
    return ", ".join(str(m) for m in sorted(set(months)))
