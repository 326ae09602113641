"""The CBAM bridge for one installation and reporting period: Chinese accounting result and goods
file in, embedded emissions, carbon price paid, defaults comparison and certificate cost out."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from chinaets.cbam import checks
from chinaets.cbam.compare import SEE_DECIMALS, GoodResult, compare_good
from chinaets.cbam.embedded import ProcessSee, embedded
from chinaets.cbam.goods import GoodsInput, load_goods
from chinaets.cbam.law import CbamLaw, first_import_year
from chinaets.cbam.model import Installation
from chinaets.cbam.price import CarbonPrice, carbon_price
from chinaets.cbam.see_trace import see_trace
from chinaets.cbam.sefa import Sefa
from chinaets.cbam.sources import adapter_for
from chinaets.core.errors import InputError, Location, Problem
from chinaets.rules.trace import TraceNode


@dataclass(frozen=True)
class CbamOptions:
    """What the declaration needs beyond the installation's data (None: the law's default)."""

    import_year: int | None = None  # default: the production year, from 2026 on
    quarter: int = 1
    cea_price_cny: float | None = None  # price actually paid per CEA (purchase records)
    fx_cny_per_eur: float | None = None
    allocation_tco2: float | None = None  # else allocated by chinaets.allocation
    balance_value: float | None = None  # the sector's published BP, for that allocation


@dataclass(slots=True)
class CbamResult:
    installation: Installation
    law: CbamLaw
    processes: dict[str, ProcessSee]
    goods: list[GoodResult]
    price: CarbonPrice
    allocation: Any = None  # chinaets.allocation EntityAllocation, when allocated here
    unused_electricity: list[str] = field(default_factory=list)

    @property
    def exported_t(self) -> float:
        return sum(g.row.exported_t for g in self.goods)

    @property
    def embedded_exported_tco2(self) -> float:
        return sum(g.row.exported_t * g.process.see_total for g in self.goods)

    @property
    def cost_actual_eur(self) -> Decimal:
        return sum((g.cost_actual_eur for g in self.goods), Decimal(0))

    @property
    def cost_default_eur(self) -> Decimal:
        return sum((g.cost_default_eur for g in self.goods), Decimal(0))

    @property
    def saving_eur(self) -> Decimal:
        return self.cost_default_eur - self.cost_actual_eur

    def trace(self) -> TraceNode:
        inst = self.installation
        root = TraceNode(
            f"CBAM {inst.name} ({inst.credit_code}) {inst.year} → imports {self.law.import_year}",
            float(self.saving_eur), "EUR saved with actual data",
            label_zh=f"CBAM {inst.name} ({inst.credit_code}) {inst.year} → {self.law.import_year}"
            "年进口欧盟", unit_zh="EUR（按实际数据申报可节省）",
        )  # fmt: skip
        procs = TraceNode("production processes", inst.attributed_tco2, "tCO2e attributed",
                          label_zh="生产工序", unit_zh="tCO2e（归属排放）")  # fmt: skip
        procs.add(*(see_trace(s) for s in self.processes.values()))
        procs.add(*(p.trace() for k, p in inst.processes.items() if k not in self.processes))
        root.add(procs, self.price.trace(), *(g.trace() for g in self.goods))
        if self.allocation is not None:
            root.add(self.allocation.trace())
        return root

    def as_dict(self) -> dict[str, Any]:
        inst = self.installation
        return {
            "schema": "chinaets-cbam/1",
            "installation": {
                "credit_code": inst.credit_code, "name": inst.name, "province": inst.province,
                "sector": inst.sector, "country": "CN",
            },
            "reporting_period": inst.year, "import_year": self.law.import_year,
            "china_total_tco2": inst.china_total_tco2,
            "china_obligation_tco2": inst.china_obligation_tco2,
            "processes": {k: _process_dict(inst, k, self.processes.get(k)) for k in inst.processes},
            "goods": {g.cn_code: g.as_dict() for g in self.goods},
            "carbon_price": self.price.as_dict(),
            "boundary_differences": [n.as_dict() for n in inst.boundary],
            "totals": {
                "exported_t": self.exported_t,
                "embedded_exported_tco2": round(self.embedded_exported_tco2, 3),
                "cost_actual_eur": str(self.cost_actual_eur),
                "cost_default_eur": str(self.cost_default_eur),
                "saving_eur": str(self.saving_eur),
            },
        }  # fmt: skip


def _process_dict(inst: Installation, key: str, see: ProcessSee | None) -> dict[str, Any]:
    p, r = inst.processes[key], SEE_DECIMALS
    out: dict[str, Any] = {
        "category": p.category, "cbam": p.cbam, "sources": p.sources,
        "direct_tco2": round(p.direct_tco2, 3), "china_covered_tco2": round(p.china_covered_tco2, 3),
    }  # fmt: skip
    if see is not None:
        out.update(
            route=see.route, activity_t=see.activity_t, electricity_mwh=see.electricity_mwh,
            indirect_counted=bool(see.indirect_counted.value), indirect_tco2=round(see.indirect_tco2, 3),
            embedded_direct_tco2=round(see.embedded_direct_tco2, 3),
            embedded_indirect_tco2=round(see.embedded_indirect_tco2, 3),
            see_direct=round(see.see_direct, r), see_indirect=round(see.see_indirect, r),
            see_total=round(see.see_total, r),
            precursors=[{"cn_code": u.row.cn_code, "origin": u.row.origin, "basis": u.basis,
                         "mass_t": u.row.mass_t, "see_direct": round(u.see_direct, r),
                         "see_indirect": round(u.see_indirect, r)} for u in see.precursors],
        )  # fmt: skip
    return out


def import_year_for(production_year: int, options: CbamOptions) -> int:
    return options.import_year or max(production_year, first_import_year())


def compute(
    sector: str, china_result: Any, goods: GoodsInput, options: CbamOptions = CbamOptions()
) -> CbamResult:
    """The CBAM figures of one accounted Chinese report and its goods file."""
    adapter = adapter_for(sector)  # a sector outside the CBAM is refused before anything else
    year = int(china_result.year)
    _check_options(options, year)
    law = CbamLaw.of(import_year_for(year, options), year, options.quarter)
    checks.check_goods(goods, law, year)
    declared = {law.category(g.cn_code) or "" for g in goods.goods}
    checks.check_consumers(goods, law, declared)
    installation = adapter(china_result, declared, goods, law)
    checks.check_hosted(goods, law, installation)
    processes = embedded(installation, goods, law)
    allocation, allocated = _allocation(sector, china_result, options)
    price = carbon_price(
        law,
        installation.china_obligation_tco2,
        allocation,
        options.cea_price_cny,
        options.fx_cny_per_eur,
    )
    sefa = Sefa(law, processes)
    results = [compare_good(law, g, processes[law.category(g.cn_code) or ""], sefa, price)
               for g in goods.goods]  # fmt: skip
    return CbamResult(installation, law, processes, results, price, allocated)


def _check_options(options: CbamOptions, year: int) -> None:
    problems = []
    first = first_import_year()
    if options.quarter not in (1, 2, 3, 4):
        problems.append(Problem(Location(field="quarter"), f"quarter {options.quarter} is not 1–4",
                                f"季度 {options.quarter} 应为 1–4", "give the quarter of import", "请填写进口季度"))  # fmt: skip
    if options.import_year is not None and not year <= options.import_year <= year + 10:
        problems.append(Problem(
            Location(field="import_year"),
            f"import year {options.import_year} is before the production year {year} or more than 10 years after it",
            f"进口年度 {options.import_year} 早于生产年度 {year} 或晚于其 10 年以上",
            f"give a year from {max(year, first)}", f"请填写 {max(year, first)} 年及以后的年度",
        ))  # fmt: skip
    for name in ("cea_price_cny", "fx_cny_per_eur", "allocation_tco2"):
        value = getattr(options, name)
        if value is not None and not (value >= 0 and value < 1e12):
            problems.append(Problem(Location(field=name), f"{name} must be a non-negative number",
                                    f"{name} 须为非负数", "correct the value", "请更正该值"))  # fmt: skip
    if options.import_year is not None and options.import_year < first:
        problems.append(Problem(
            Location(field="import_year"), f"the CBAM definitive period starts with imports in {first}",
            f"CBAM 正式期自 {first} 年进口起适用", f"give {first} or later",
            f"请填写 {first} 年及以后",
        ))  # fmt: skip
    if problems:
        raise InputError(problems)


def _allocation(sector: str, china_result: Any, options: CbamOptions) -> tuple[float, Any]:
    if options.allocation_tco2 is not None:
        return options.allocation_tco2, None
    given = getattr(china_result, "allocation_tco2", "absent")
    if given != "absent":  # an installation given in CBAM terms: no Chinese allocation to run
        return float(given if given is not None else china_result.china_obligation_tco2), None
    from chinaets.allocation import allocate
    from chinaets.allocation.inputs import from_accounting

    document = from_accounting(sector, None, china_result)
    if options.balance_value is not None:  # the BP is solved over the sector, not one plant
        document = document.model_copy(update={"balance_value": options.balance_value})
    allocated = allocate(document)
    return float(allocated.final_tco2), allocated


def compute_file(
    report: Path, goods_file: Path, options: CbamOptions = CbamOptions()
) -> CbamResult:
    """`chinaets cbam FILE --goods goods.csv`: account the report with its sector, then bridge."""
    from chinaets.mrv.sectors import detect_sector, get_sector

    sector = get_sector(detect_sector(report))
    result = sector.account(sector.load(report, None))
    return compute(sector.name, result, load_goods(goods_file), options)
