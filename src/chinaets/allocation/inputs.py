"""Where allocation inputs come from: an allocation file, an MRV report (accounted first), a JSON
list of either, or a folder of such files (a whole data set)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from chinaets.allocation.schema import AllocationInput
from chinaets.core.errors import InputError, Location
from chinaets.mrv.power.accounting import account
from chinaets.mrv.power.loader import load_report, parse_report
from chinaets.mrv.power.results import EntityResult
from chinaets.mrv.power.schema import PowerReport, fuels
from chinaets.mrv.sectors import detect_sector, get_sector
from chinaets.mrv.tables import RawInput, validate


def parse_input(data: dict[str, Any], source: str = "<input>") -> AllocationInput:
    """An allocation input from plain data: an ``allocation/1`` document, or an MRV power
    report (recognised by its ``fuel_use`` table), which is accounted first."""
    if _is_allocation_document(data):
        return validate(RawInput(dict(data), source), AllocationInput)
    sector = str(data.get("sector", "power"))
    if sector == "power":
        report = parse_report(data, source)
        return from_power_accounting(report, account(report))
    spec = get_sector(sector)
    return from_industry_accounting(sector, spec.account(spec.parse(data, source)))


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
    sector = detect_sector(path)
    if sector != "power":
        spec = get_sector(sector)
        return [from_industry_accounting(sector, spec.account(spec.load(path, year)))]
    report = load_report(path, year)
    return [from_power_accounting(report, account(report))]


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


def from_power_accounting(
    report: PowerReport, result: EntityResult, previous: EntityResult | None = None
) -> AllocationInput:
    """The allocation input of an accounted power report (with last year's result, if known,
    for the pre-allocation)."""
    specs = {u.unit_id: u for u in report.units}
    prev = {u.unit_id: u for u in previous.units} if previous else {}
    units = [_unit(specs[u.unit_id], u, prev.get(u.unit_id)) for u in result.units]
    return AllocationInput.model_validate(
        {
            "sector": "power",
            "year": result.year,
            "entity": report.entity.model_dump(),
            "verified_tco2": result.obligation_tco2,
            "units": units,
        }
    )


def _unit(spec: Any, u: Any, prev: Any) -> dict[str, Any]:
    return {
        "unit_id": u.unit_id,
        "rated_mw": u.rated_mw,
        "main_fuel": spec.main_fuel,
        "unit_type": spec.unit_type,
        "cfb": spec.cfb,
        "cooling": spec.cooling,
        "generation_mwh": u.generation_mwh,
        "supplied_mwh": u.supplied_mwh,
        "heat_supplied_gj": u.heat_supplied_gj,
        "heat_ratio": u.heat_ratio,
        "load_factor": min(u.load_factor, 1.2) if u.load_factor is not None else None,
        "verified_tco2": u.direct_tco2,
        "unconventional_heat_share": unconventional_heat_share(
            u.fuel_months, spec.biomass_heat_share
        ),
        "biomass_heat_share": spec.biomass_heat_share,
        "prev_verified_tco2": prev.direct_tco2 if prev else None,
        "prev_output_mwh": prev.supplied_mwh if prev else None,
        "prev_heat_gj": prev.heat_supplied_gj if prev else None,
    }


def unconventional_heat_share(fuel_months: Iterable[Any], biomass_share: float) -> float | None:
    """Share of the unit's heat input from coal gangue, slime and slurry (附1 表1 test), from
    the fuel months (biomass heat, not accounted, comes from the unit's declared share)."""
    heat: dict[str, float] = {}
    for fm in fuel_months:
        category = fuels()[fm.fuel].category
        heat[category] = heat.get(category, 0.0) + fm.quantity * fm.ncv
    fossil = sum(heat.values())
    if fossil <= 0:
        return None
    return heat.get("unconventional_coal", 0.0) / fossil * (1 - biomass_share)


def from_industry_accounting(
    sector: str, result: Any, ironmaking_output_t: float | None = None
) -> AllocationInput:
    """The allocation input of an accounted cement, aluminium or steel report: clinker lines,
    electrolysis processes (anode + anode effect; fuel combustion reported beside it), or the
    steel enterprise with its ironmaking and sintering emissions (D25 Tables 2-2…2-4). The steel
    report does not carry the ironmaking-process output Qb: pass it, or the allocation asks."""
    data = result.as_dict()
    if sector == "cement":
        lines = [_clinker_line(k, v) for k, v in data["lines"].items()]
    elif sector == "aluminium":
        lines = [_electrolysis(p) for p in result.processes if p.kind == "electrolysis"]
    else:
        lines = [_steel_enterprise(result, data, ironmaking_output_t)]
    entity = {k: data[k] for k in ("credit_code", "name", "province")}
    return AllocationInput.model_validate(
        {"sector": sector, "year": data["year"], "entity": entity,
         "lines": [line for line in lines if line["output_t"] > 0]}
    )  # fmt: skip


def _clinker_line(line_id: str, v: dict[str, Any]) -> dict[str, Any]:
    process = v["process"]
    clinker = process.get("clinker", {})
    types = {t for t, c in clinker.items() if c["quantity"] > 0}
    slag = process.get("deductions", {}).get("carbide_slag")
    line: dict[str, Any] = {"line_id": line_id, "verified_tco2": v["total_tco2"],
                            "output_t": v["clinker_t"], "fuel_tco2": v["fuel_tco2"]}  # fmt: skip
    if types == {"white_portland"}:
        line["white_clinker_only"] = True
        line["clinker_type"] = "white_portland"
    elif types and not types & {"portland", "white_portland"}:
        line["clinker_type"] = "other"
    ef = _factor(clinker.get("portland") or clinker.get("white_portland"))
    if slag and slag["quantity"] > 0 and ef:
        line.update(carbide_slag_t=slag["quantity"], clinker_process_ef=ef,
                    carbide_slag_deduction_factor=slag["tco2"] / slag["quantity"])  # fmt: skip
    return line


def _factor(entry: dict[str, float] | None) -> float | None:
    return entry["tco2"] / entry["quantity"] if entry and entry["quantity"] > 0 else None


def _electrolysis(p: Any) -> dict[str, Any]:
    return {"line_id": p.unit_id, "verified_tco2": p.anode_tco2 + p.pfc_tco2e,
            "output_t": p.output_t, "anode_tco2": p.anode_tco2,
            "anode_effect_tco2e": p.pfc_tco2e, "fuel_tco2": p.fuel_tco2}  # fmt: skip


def _steel_enterprise(result: Any, data: dict[str, Any], qb: float | None) -> dict[str, Any]:
    by_kind: dict[str, float] = {}
    for process in result.processes:
        by_kind[process.process] = by_kind.get(process.process, 0.0) + process.tco2
    line = {"line_id": "enterprise", "verified_tco2": data["obligation_tco2"],
            "output_t": data["crude_steel_t"], "ironmaking_output_t": qb}  # fmt: skip
    if "ironmaking" in by_kind:
        line.update(
            ironmaking_tco2=by_kind["ironmaking"], sintering_tco2=by_kind.get("sintering", 0.0)
        )
    if data.get("route") == "eaf":
        line["plant_scope"] = "eaf_only"
    return line
