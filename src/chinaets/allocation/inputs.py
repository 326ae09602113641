"""Where allocation inputs come from: an allocation file, an MRV report (accounted first), a JSON
list of either, or a folder of such files (a whole data set)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from chinaets.allocation.schema import AllocationInput
from chinaets.core import limits
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
    return limits.load_json(path.read_bytes(), Location(path.name), exact=False)


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


def from_industry_accounting(sector: str, result: Any) -> AllocationInput:
    """The allocation input of an accounted cement, aluminium or steel report: clinker lines,
    electrolysis processes, or the steel enterprise (the allocation perimeters of §1.1)."""
    data = result.as_dict()
    if sector == "cement":
        lines = [{"line_id": k, "verified_tco2": v["total_tco2"], "output_t": v["clinker_t"]}
                 for k, v in data["lines"].items()]  # fmt: skip
    elif sector == "aluminium":
        lines = [{"line_id": p.unit_id, "verified_tco2": p.total_tco2e, "output_t": p.output_t}
                 for p in result.processes if p.kind == "electrolysis"]  # fmt: skip
    else:
        lines = [{"line_id": "enterprise", "verified_tco2": data["obligation_tco2"],
                  "output_t": data["crude_steel_t"]}]  # fmt: skip
    entity = {k: data[k] for k in ("credit_code", "name", "province")}
    return AllocationInput.model_validate(
        {"sector": sector, "year": data["year"], "entity": entity,
         "lines": [line for line in lines if line["output_t"] > 0]}
    )  # fmt: skip
