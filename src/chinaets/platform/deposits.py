"""Monthly information deposits (月度信息化存证): a month's data and its evidence files.

A deposit is a JSON document: a ``deposit`` header naming the entity, the sector, the data year
and month and the evidence files, and the sector's monthly tables (those with a ``month``
column) holding that month's rows, validated by the sector's own row models::

    {"deposit": {"sector": "power", "credit_code": "…", "name": "…", "province": "山东",
                 "year": 2025, "month": 3, "evidence": ["coal-lab-2025-03.pdf"]},
     "fuel_use": [{"unit_id": "U1", "month": 3, …}], "production": […]}

The deadline is the MRV rule's (`chinaets.mrv.industry.deposits.deadline`: 40 calendar days
after the month's end from July 2025, a back-fill date before); a deposit received after it, or
before the month ended, is a finding; the annual report is reconciled against the deposits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from chinaets.core.errors import InputError, Location, Problem
from chinaets.inputs.schema_base import Entity
from chinaets.mrv.industry import deposits as rule
from chinaets.mrv.industry.rules import parameters as industry_parameters
from chinaets.mrv.industry.schema import Deposit as DepositDate
from chinaets.mrv.sectors import Sector, get_sector
from chinaets.platform.blobs import evidence_media_type
from chinaets.platform.prepare import exact_json
from chinaets.platform.records import FindingDraft, Prepared

SOURCE = "deposit"


class DepositHeader(Entity):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
    sector: str
    year: int = Field(ge=2013, le=2100)
    month: int = Field(ge=1, le=12)
    evidence: list[str] = Field(default_factory=list)


def is_deposit(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("deposit"), dict)


def prepare_deposit(data: dict[str, Any], name: str, evidence: Mapping[str, bytes]) -> Prepared:
    """Validate a deposit document and its evidence files (refused whole on any problem)."""
    header = _header(data["deposit"], name)
    spec = get_sector(header.sector)
    problems: list[Problem] = []
    tables = _tables(spec, data, header, name, problems)
    files = _evidence(header, evidence, name, problems)
    if problems:
        raise InputError(problems)
    return Prepared(
        kind="deposit", sector=spec.name, credit_code=header.credit_code, name=header.name,
        province=header.province, year=header.year, month=header.month,
        document=exact_json({"deposit": header.model_dump(mode="json"), **tables}),
        result={"tables": {t: len(rows) for t, rows in tables.items()}}, summary=None,
        total_t=0.0, defaults_t=0.0, evidence=files,
    )  # fmt: skip


def _header(raw: Any, name: str) -> DepositHeader:
    try:
        return DepositHeader.model_validate(raw)
    except ValidationError as exc:
        raise InputError([_problem(name, "deposit", None, err) for err in exc.errors()]) from None


def _problem(name: str, sheet: str, row: int | None, err: Any) -> Problem:
    field = ".".join(str(p) for p in err.get("loc", ()))
    ctx = err.get("ctx") or {}
    if "en" in ctx:  # a sector's bilingual validation error
        return Problem(Location(name, sheet, row, ctx.get("field") or field), ctx["en"],
                       ctx["zh"], ctx.get("fix_en", ""), ctx.get("fix_zh", ""))  # fmt: skip
    return Problem(
        Location(name, sheet, row, field),
        f"invalid value: {err.get('msg', 'invalid')}",
        "数值无效",
        "correct the value as the sector's format describes (chinaets schema SECTOR)",
        "请按行业数据格式（chinaets schema 行业）修改该值",
    )


def monthly_tables(spec: Sector) -> dict[str, type[BaseModel]]:
    """The sector's tables with a row per month (the deposit dates table itself excluded)."""
    return {
        n: m for n, m in spec.tables.items() if "month" in m.model_fields and m is not DepositDate
    }


def _tables(
    spec: Sector, data: dict[str, Any], header: DepositHeader, name: str, out: list[Problem]
) -> dict[str, list[dict[str, Any]]]:
    allowed = monthly_tables(spec)
    tables: dict[str, list[dict[str, Any]]] = {}
    for table, rows in data.items():
        if table == "deposit":
            continue
        if table not in allowed or not isinstance(rows, list):
            out.append(Problem(Location(name, table), f"'{table}' is not a monthly table of the "
                f"{spec.name} sector", f"“{table}”不是{spec.zh}行业的月度数据表",
                f"use: {', '.join(allowed)}", f"请使用：{'、'.join(allowed)}"))  # fmt: skip
            continue
        tables[table] = [
            row for i, raw in enumerate(rows, 1)
            if (row := _row(allowed[table], raw, header.month, name, table, i, out)) is not None
        ]  # fmt: skip
    if not tables:
        out.append(Problem(Location(name), "the deposit holds no monthly data", "存证未包含月度数据",
                           f"add the month's rows of: {', '.join(allowed)}",
                           f"请添加当月数据：{'、'.join(allowed)}"))  # fmt: skip
    return tables


def _row(
    model: type[BaseModel], raw: Any, month: int, name: str, table: str, i: int,
    out: list[Problem],
) -> dict[str, Any] | None:  # fmt: skip
    try:
        row = model.model_validate(raw)
    except ValidationError as exc:
        out.extend(_problem(name, table, i, err) for err in exc.errors())
        return None
    if getattr(row, "month", month) != month:
        out.append(Problem(Location(name, table, i, "month"),
            f"row of month {getattr(row, 'month', '')} in the deposit of month {month}",
            f"{month} 月存证中含有 {getattr(row, 'month', '')} 月的数据",
            "deposit each month's rows with that month", "请将各月数据分别存证"))  # fmt: skip
        return None
    return row.model_dump(mode="json")


def _evidence(
    header: DepositHeader, given: Mapping[str, bytes], name: str, out: list[Problem]
) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for file in header.evidence:
        if file not in given:
            out.append(Problem(Location(name, "deposit", None, "evidence"),
                f"the evidence file '{file}' named by the deposit was not received",
                f"存证列明的证明材料“{file}”未收到",
                "send the file in the same folder or ZIP as the deposit",
                "请将该文件与存证文件放在同一文件夹或 ZIP 中提交"))  # fmt: skip
            continue
        try:
            evidence_media_type(_beside(name, file), given[file])
        except InputError as exc:
            out.extend(exc.problems)
            continue
        files[file] = given[file]
    return files


def _beside(name: str, file: str) -> str:
    """How the user names an evidence file: beside the deposit, in its folder or archive."""
    return f"{name.rsplit('/', 1)[0]}/{file}" if "/" in name else file


def timing_findings(prepared: Prepared, received: dt.date) -> list[FindingDraft]:
    """A deposit received after its deadline, or before its month ended."""
    year, month = prepared.year, prepared.month
    due = rule.deadline(industry_parameters(), year, month)
    if due is None:
        return []
    if received > due:
        days = (received - due).days
        return [FindingDraft(SOURCE, "error", "DEP-LATE",
            f"{year}-{month:02d} data deposited on {received}, {days} day(s) after the deadline {due}",
            f"{year} 年 {month} 月数据于 {received} 存证，晚于截止日期 {due} 共 {days} 天",
            month=month, field="deposit", reference=rule.REF_2025)]  # fmt: skip
    if received <= rule.month_end(year, month):
        return [FindingDraft(SOURCE, "warning", "DEP-EARLY",
            f"{year}-{month:02d} data deposited on {received}, before the month ended",
            f"{year} 年 {month} 月数据于 {received} 存证，早于月末，数据不可能完整",
            month=month, field="deposit", reference=rule.REF_2025)]  # fmt: skip
    return []
