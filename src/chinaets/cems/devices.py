"""The monitoring configuration: which device (HJ 212 ``MN``) measures which unit, and the unit
and basis of every factor it sends.

HJ 212 does not fix the unit of CO2 (%vol or mg/m3) or the basis of the flue-gas flow (actual wet
or standard dry) in a packet, so both are declared per device and factor here and never guessed
from magnitudes. A CSV (or Parquet) file has one row per device and factor::

    mn,unit_id,province,code,unit,basis,ambient_pa
    010000A8900016F000169DC0,G1001,Hebei,a05001,%,dry,
    010000A8900016F000169DC0,G1001,Hebei,a00000,m3/s,actual_wet,100900
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from chinaets.cems.rules import factor_table, legacy_codes
from chinaets.core.china import PROVINCES
from chinaets.core.errors import InputError, Location, Problem

COLUMNS = ("mn", "unit_id", "province", "code", "unit", "basis")
STANDARD_PA = 101325.0
SCHEMA = pa.schema(
    [
        ("mn", pa.string()),
        ("unit_id", pa.string()),
        ("province", pa.string()),
        ("code", pa.string()),
        ("quantity", pa.string()),
        ("unit", pa.string()),
        ("basis", pa.string()),
        ("scale", pa.float64()),
        ("offset", pa.float64()),
        ("ambient_pa", pa.float64()),
    ]
)
REQUIRED_CODES = ("a05001", "a00000")  # CO2 and flow: without them there is no mass


def load_devices(path: Path) -> pa.Table:
    """The validated configuration in `path` (CSV or Parquet), with each factor's conversion."""
    raw = _read(path)
    missing = [c for c in COLUMNS if c not in raw.column_names]
    if missing:
        raise InputError.one(
            Location(file=str(path)),
            f"monitoring configuration lacks the columns {', '.join(missing)}",
            f"监测配置缺少列：{', '.join(missing)}",
            f"give the columns {', '.join(COLUMNS)} (ambient_pa optional)",
            f"请提供列 {', '.join(COLUMNS)}（ambient_pa 可选）",
        )
    return devices_from_rows(raw.to_pylist(), str(path))


def devices_from_rows(rows: list[dict[str, Any]], source: str = "devices") -> pa.Table:
    problems: list[Problem] = []
    out = [_row(r, i + 2, source, problems) for i, r in enumerate(rows)]
    problems += _completeness([r for r in out if r], source)
    if problems:
        raise InputError(problems)
    return pa.Table.from_pylist([r for r in out if r], schema=SCHEMA)


def _read(path: Path) -> pa.Table:
    options = pacsv.ConvertOptions(column_types={c: pa.string() for c in COLUMNS})
    try:
        if path.suffix.lower() == ".parquet":
            return pq.read_table(path)
        return pacsv.read_csv(path, convert_options=options)
    except (pa.ArrowInvalid, OSError) as exc:
        raise InputError.one(
            Location(file=str(path)),
            f"cannot read the monitoring configuration: {exc}",
            f"无法读取监测配置文件：{exc}",
            "give a UTF-8 CSV with a header row (or a Parquet file)",
            "请提供带表头的 UTF-8 CSV 文件（或 Parquet 文件）",
        ) from exc


def _row(r: dict[str, Any], line: int, source: str, problems: list[Problem]) -> dict[str, Any]:
    code = legacy_codes().get(str(r.get("code") or ""), str(r.get("code") or ""))
    factor = factor_table().get(code)
    where = Location(file=source, row=line)
    if not r.get("mn") or not r.get("unit_id"):
        problems.append(
            _problem(
                where,
                "mn",
                "device id (MN) and unit id are required",
                "设备编号（MN）和机组编号必填",
                "fill both",
                "请同时填写",
            )
        )
        return {}
    if str(r.get("province")) not in PROVINCES:
        problems.append(
            _problem(
                where,
                "province",
                f"unknown province {r.get('province')!r}",
                f"未知省份 {r.get('province')!r}",
                "use the English province name, e.g. Hebei",
                "请使用省份英文名，如 Hebei",
            )
        )
        return {}
    if factor is None:
        problems.append(
            _problem(
                where,
                "code",
                f"factor code {r.get('code')!r} is not one CO2 mass uses",
                f"因子编码 {r.get('code')!r} 不用于二氧化碳排放量计算",
                f"use one of {', '.join(factor_table())}",
                f"请使用 {', '.join(factor_table())} 之一",
            )
        )
        return {}
    unit, basis = str(r.get("unit") or ""), str(r.get("basis") or "")
    if unit not in factor["units"] or basis not in factor["bases"]:
        problems.append(
            _problem(
                where,
                "unit",
                f"{code}: unit {unit!r} / basis {basis!r} not allowed",
                f"{code}：单位 {unit!r} 或基准 {basis!r} 不允许",
                f"unit one of {', '.join(factor['units'])}; basis one of {', '.join(factor['bases'])}",
                f"单位取 {', '.join(factor['units'])}；基准取 {', '.join(factor['bases'])}",
            )
        )
        return {}
    scale, offset = factor["units"][unit]
    ambient = r.get("ambient_pa")
    return {
        "mn": str(r["mn"]), "unit_id": str(r["unit_id"]), "province": str(r["province"]),
        "code": code, "quantity": factor["quantity"], "unit": unit, "basis": basis, "scale": float(scale),
        "offset": float(offset), "ambient_pa": float(ambient) if ambient else STANDARD_PA,
    }  # fmt: skip


def _completeness(rows: list[dict[str, Any]], source: str) -> list[Problem]:
    problems = []
    by_mn: dict[str, set[str]] = {}
    units: dict[str, str] = {}
    for r in rows:
        by_mn.setdefault(r["mn"], set()).add(r["code"])
        if units.setdefault(r["mn"], r["unit_id"]) != r["unit_id"]:
            problems.append(
                _problem(
                    Location(file=source),
                    "unit_id",
                    f"device {r['mn']} is declared for two units",
                    f"设备 {r['mn']} 对应两个机组",
                    "one device measures one unit",
                    "一台设备只对应一个机组",
                )
            )
    for mn, codes in by_mn.items():
        for code in REQUIRED_CODES:
            if code not in codes:
                problems.append(
                    _problem(
                        Location(file=source),
                        "code",
                        f"device {mn} declares no {code}",
                        f"设备 {mn} 未声明因子 {code}",
                        f"add a row for {code}",
                        f"请增加 {code} 的配置行",
                    )
                )
    return problems


def _problem(where: Location, field: str, en: str, zh: str, fix_en: str, fix_zh: str) -> Problem:
    return Problem(Location(where.file, row=where.row, field=field), en, zh, fix_en, fix_zh)
