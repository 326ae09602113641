"""Specific embedded emissions (SEE) of each production process and good (IR 2025/2547 Art. 3–4,
13–15; Annex III): attributed direct (and, outside Annex II, indirect) emissions plus those of the
precursors consumed, over the activity level::

    SEE_dir = (AttrEm_dir + Σ_own M_i × SEE_dir,i + Σ_purchased M_i × SEE_dir,i) / AL
    SEE_ind = (E_el × EF_el [non-Annex-II only] + Σ M_i × SEE_ind,i [non-Annex-II precursors]) / AL

Processes are taken in precursor order (a cycle is an error); purchased precursors use the
supplier's verified values, or the EU default of their origin only where those are missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from graphlib import CycleError, TopologicalSorter

from chinaets.cbam.checks import zh
from chinaets.cbam.goods import ElectricityRow, GoodRow, GoodsInput, PrecursorRow
from chinaets.cbam.law import NO_ROUTE, CbamLaw
from chinaets.cbam.model import R4, CbamProcess, Installation
from chinaets.core.errors import InputError, Location, Problem
from chinaets.rules.parameters import UsedValue

SEE_REF = f"{R4} Art. 3–4 and Annex I pt 3 (specific embedded emissions)"


@dataclass(slots=True)
class PrecursorUse:
    """A precursor as consumed by one process, with its embedded emissions per tonne."""

    row: PrecursorRow
    category: str
    basis: str  # own | actual | default
    see_direct: float
    see_indirect: float  # counted part only
    default: UsedValue | None = None
    default_route: str = NO_ROUTE
    covered_see: float = 0.0  # China-priced direct emissions per t (own precursors)
    default_see: float = 0.0  # part of the SEE that comes from default values, per t

    @property
    def embedded_tco2(self) -> float:
        return self.row.mass_t * (self.see_direct + self.see_indirect)


@dataclass(slots=True)
class ProcessSee:
    """One process's embedded emissions for the period."""

    process: CbamProcess
    activity_t: float
    route: str
    goods: list[GoodRow]
    indirect_counted: UsedValue
    electricity: list[ElectricityRow] = field(default_factory=list)
    ef_el: UsedValue | None = None
    indirect_tco2: float = 0.0
    precursors: list[PrecursorUse] = field(default_factory=list)
    direct_tco2: float = 0.0  # the process's attributed direct emissions (fixed once built)

    def __post_init__(self) -> None:
        self.direct_tco2 = self.process.direct_tco2

    @property
    def category(self) -> str:
        return self.process.category

    @property
    def electricity_mwh(self) -> float:
        return sum(e.mwh for e in self.electricity)

    @property
    def embedded_direct_tco2(self) -> float:
        return self.direct_tco2 + sum(p.row.mass_t * p.see_direct for p in self.precursors)

    @property
    def embedded_indirect_tco2(self) -> float:
        return self.indirect_tco2 + sum(p.row.mass_t * p.see_indirect for p in self.precursors)

    @property
    def see_direct(self) -> float:
        return self.embedded_direct_tco2 / self.activity_t

    @property
    def see_indirect(self) -> float:
        return self.embedded_indirect_tco2 / self.activity_t

    @property
    def see_total(self) -> float:
        return self.see_direct + self.see_indirect

    @property
    def default_see(self) -> float:
        """Part of the SEE from default values (Annex IV 1.2 (4)(b) share = this / SEE)."""
        return sum(p.row.mass_t * p.default_see for p in self.precursors) / self.activity_t

    @property
    def covered_see(self) -> float:
        """China-priced direct emissions embedded per t (own process and own precursors)."""
        own = min(self.process.china_covered_tco2, self.direct_tco2)
        return (
            max(0.0, own) + sum(p.row.mass_t * p.covered_see for p in self.precursors)
        ) / self.activity_t


def embedded(installation: Installation, goods: GoodsInput, law: CbamLaw) -> dict[str, ProcessSee]:
    """Every CBAM process of the installation that makes a declared good or an own precursor."""
    processes = installation.cbam_processes()
    by_category = _goods_by_category(goods, law)
    order = _precursor_order(goods, law, set(by_category))
    problems: list[Problem] = []
    out: dict[str, ProcessSee] = {}
    for category in order:
        if category not in by_category:
            continue
        see = _process(processes[category], by_category[category], goods, law)
        see.precursors = _precursors(see, goods, law, out, problems)
        _electricity(see, goods, law)
        out[category] = see
    problems += _required(out, goods, law)
    if problems:
        raise InputError(problems)
    return out


def _goods_by_category(goods: GoodsInput, law: CbamLaw) -> dict[str, list[GoodRow]]:
    out: dict[str, list[GoodRow]] = {}
    for row in goods.goods:
        out.setdefault(law.category(row.cn_code) or "", []).append(row)
    return out


def _precursor_order(goods: GoodsInput, law: CbamLaw, declared: set[str]) -> list[str]:
    graph: dict[str, set[str]] = {c: set() for c in declared}
    for row in goods.precursors:
        consumer, precursor = law.category(row.consumed_by) or "", law.category(row.cn_code) or ""
        if row.own:
            if precursor == consumer or precursor not in declared:
                raise InputError.one(
                    goods.where(row, "cn_code"),
                    f"own precursor {row.cn_code} needs its own 'good' line with the quantity "
                    "produced (its activity level), and cannot feed its own category",
                    f"自产前体 {row.cn_code} 须另有一行 good 填写其产量，且不能作为本类商品的前体",
                    "add a 'good' line for it (exported_t may be 0)", "请为其添加 good 行（exported_t 可为 0）",
                )  # fmt: skip
            graph.setdefault(consumer, set()).add(precursor)
    try:
        return list(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        raise InputError.one(
            Location(file=goods.source, field="consumed_by"),
            f"own precursors form a cycle ({' → '.join(map(str, exc.args[1]))})",
            "自产前体之间形成循环", "a process cannot consume what is made from its own output",
            "工序不能消耗以其自身产品制成的前体",
        ) from None  # fmt: skip


def _process(
    process: CbamProcess, rows: list[GoodRow], goods: GoodsInput, law: CbamLaw
) -> ProcessSee:
    route = next((r.route for r in rows if r.route), process.route or NO_ROUTE)
    counted = law.indirect_counted(process.category)
    return ProcessSee(process, sum(r.produced_t for r in rows), route, rows, counted)


def _precursors(
    see: ProcessSee,
    goods: GoodsInput,
    law: CbamLaw,
    done: dict[str, ProcessSee],
    problems: list[Problem],
) -> list[PrecursorUse]:
    uses = []
    for row in goods.precursors:
        if law.category(row.consumed_by) != see.category:
            continue
        category = law.category(row.cn_code) or ""
        counted = bool(law.indirect_counted(category).value)
        if row.own:
            uses.append(_own(row, category, done[category], problems, goods))
        elif row.uses_default:
            dv, route = law.default_value(row.cn_code, row.route or NO_ROUTE, row.origin.upper())
            value = float(dv.value)
            if bool(law.markup_precursor_defaults().value):
                value *= 1 + float(law.markup(category).value)
            uses.append(PrecursorUse(row, category, "default", value, 0.0, dv, route, 0.0, value))
        else:
            indirect = (row.see_indirect or 0.0) if counted else 0.0
            uses.append(PrecursorUse(row, category, "actual", row.see_direct or 0.0, indirect))
    return uses


def _own(
    row: PrecursorRow, category: str, source: ProcessSee, problems: list[Problem], goods: GoodsInput
) -> PrecursorUse:
    if row.mass_t > source.activity_t * 1.0000001:
        problems.append(Problem(
            goods.where(row, "mass_t"),
            f"consumes {row.mass_t:,.0f} t of own {category}, more than the {source.activity_t:,.0f} t produced",
            f"消耗自产{zh(category)} {row.mass_t:,.0f} 吨，超过其产量 {source.activity_t:,.0f} 吨",
            "correct mass_t or the produced_t of its good line", "请更正 mass_t 或其 good 行的 produced_t",
        ))  # fmt: skip
    counted = bool(source.indirect_counted.value)
    return PrecursorUse(
        row, category, "own", source.see_direct, source.see_indirect if counted else 0.0,
        covered_see=source.covered_see, default_see=source.default_see,
    )  # fmt: skip


def _electricity(see: ProcessSee, goods: GoodsInput, law: CbamLaw) -> None:
    see.electricity = [e for e in goods.electricity if law.category(e.consumed_by) == see.category]
    if not see.electricity or not bool(see.indirect_counted.value):
        return
    total = 0.0
    for e in see.electricity:
        actual = e.ef is not None and e.ef_basis in ("ppa", "direct_link")
        if not actual:
            see.ef_el = law.grid_ef()
        total += e.mwh * (e.ef if actual and e.ef is not None else float(law.grid_ef().value))
    see.indirect_tco2 = total


def _required(out: dict[str, ProcessSee], goods: GoodsInput, law: CbamLaw) -> list[Problem]:
    problems = []
    for category, see in out.items():
        needed = law.required_precursor(category, see.route)
        if needed and not any(p.category == needed for p in see.precursors):
            row = see.goods[0]
            problems.append(Problem(
                goods.where(row, "cn_code"),
                f"{category} by route {see.route} needs its precursor {needed} (own or purchased), "
                "and the file lists none",
                f"路线 {see.route} 的{zh(category)}须有前体{zh(needed)}（自产或外购），文件中未列出",
                f"add a 'precursor' line with consumed_by {row.cn_code}",
                f"请添加 consumed_by 为 {row.cn_code} 的 precursor 行",
            ))  # fmt: skip
    return problems
