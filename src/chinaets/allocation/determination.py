"""Determination (配额核定) as a province does it: from every unit's verified result, solve each
sector's balance value BP over the whole sector, then allocate each entity (special cases at their
verified emissions, the power gap cap, pre-allocation, deductions).

`determine` is a plain function over `AllocationInput`s, so whatever stores verified results (the
platform's submissions, a folder of files, the demo) can call it. BP is national (D25 §三(二)2: over
all the sector's entities): pass the whole sector's inputs and a province to keep only that
province's entities, or pass the published BPs (``balances``) with one province's inputs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from chinaets.allocation import allocate
from chinaets.allocation.balance import BalancePoint, BalanceSolution, solve
from chinaets.allocation.industry import (
    allocate_industry,
    balance_point,
    intensity_coefficient,
    line_allocation,
    line_context,
)
from chinaets.allocation.results import EntityAllocation
from chinaets.allocation.rules import rules_for, table
from chinaets.allocation.schema import AllocationInput
from chinaets.core.china import normalise_province
from chinaets.core.errors import InputError, Location


@dataclass
class Determination:
    """The year's determined allocation of a province (or the nation), with the BPs used."""

    year: int
    province: str | None
    entities: list[EntityAllocation]
    inputs: list[AllocationInput]
    balances: dict[str, BalanceSolution] = field(default_factory=dict)
    published: dict[str, float] = field(default_factory=dict)

    def balance_value(self, sector: str) -> float | None:
        if sector in self.published:
            return self.published[sector]
        solved = self.balances.get(sector)
        return solved.balance_value if solved else None

    def by_sector(self) -> dict[str, list[tuple[AllocationInput, EntityAllocation]]]:
        out: dict[str, list[tuple[AllocationInput, EntityAllocation]]] = defaultdict(list)
        for inp, ent in zip(self.inputs, self.entities, strict=True):
            out[inp.sector].append((inp, ent))
        return dict(out)

    def as_dict(self) -> dict[str, object]:
        return {
            "year": self.year,
            "province": self.province,
            "balances": {s: b.as_dict() for s, b in self.balances.items()},
            "published_balances": self.published,
            "entities": [e.as_dict() for e in self.entities],
        }


def determine(
    inputs: Iterable[AllocationInput],
    year: int,
    province: str | None = None,
    balances: Mapping[str, float] | None = None,
) -> Determination:
    """Every entity's allocation for `year` (of `province`, if given); BPs solved over all the
    given inputs of the year unless published values are passed."""
    of_year = [inp for inp in inputs if inp.year == year]
    if not of_year:
        raise InputError.one(
            Location(field="year"), f"no verified results for data year {year}",
            f"没有 {year} 年度的核查结果", "give the inputs of that year", "请提供该年度的输入",
        )  # fmt: skip
    published = dict(balances or {})
    solved = {
        s: solve_sector(s, year, group) for s, group in _needing_balance(of_year, published).items()
    }
    wanted = None if province is None else _province(province)
    kept = [inp for inp in of_year if wanted is None or inp.entity.province == wanted]
    entities = []
    for inp in kept:
        with _naming(inp):
            entities.append(_allocate(inp, solved, published))
    return Determination(year, wanted, entities, kept, solved, published)


def _province(name: str) -> str:
    found = normalise_province(name)
    if found is None:
        raise InputError.one(
            Location(field="province"), f"'{name}' is not a province of mainland China",
            f"'{name}' 不是中国大陆的省级行政区", "write it in Chinese (山东) or English (Shandong)",
            "请用中文（如 山东）或英文（如 Shandong）填写",
        )  # fmt: skip
    return found


def _needing_balance(
    inputs: Sequence[AllocationInput], published: Mapping[str, float]
) -> dict[str, list[AllocationInput]]:
    groups: dict[str, list[AllocationInput]] = defaultdict(list)
    for inp in inputs:
        if inp.lines and inp.sector not in published and _uses_balance(inp):
            groups[inp.sector].append(inp)
    return dict(groups)


def _uses_balance(inp: AllocationInput) -> bool:
    p = rules_for(inp.sector, inp.year)
    return line_allocation.at(p.when) is intensity_coefficient


def balance_points(inputs: Sequence[AllocationInput]) -> list[BalancePoint]:
    """(E, I) of every line in the solve: not excluded, not a special case."""
    points = []
    for inp in inputs:
        p = rules_for(inp.sector, inp.year)
        with _naming(inp):
            for i, line in enumerate(inp.lines):
                point = balance_point(p, line, line_context(p, inp, i, None, ("", "")))
                if point is not None:
                    points.append(point)
    return points


@contextmanager
def _naming(inp: AllocationInput) -> Iterator[None]:
    """An input's problem names the entity: a determination reads many entities at once."""
    try:
        yield
    except InputError as exc:
        who = f"{inp.entity.name} {inp.entity.credit_code}"
        raise InputError([replace(p, where=replace(p.where, file=p.where.file or who))
                          for p in exc.problems]) from None  # fmt: skip


def solve_sector(sector: str, year: int, inputs: Sequence[AllocationInput]) -> BalanceSolution:
    p = rules_for(sector, year)
    _, terms = table(p, "industry_balance_function")
    return solve(sector, year, balance_points(inputs), terms)


def _allocate(
    inp: AllocationInput, solved: Mapping[str, BalanceSolution], published: Mapping[str, float]
) -> EntityAllocation:
    if inp.sector in published:
        return allocate_industry(
            inp, published[inp.sector], ("balance value as published", "公布的平衡值")
        )
    solution = solved.get(inp.sector)
    if solution is None:
        return allocate(inp)
    source = (
        f"balance value solved over {solution.units:,} units of the sector",
        f"基于全行业 {solution.units:,} 条生产线（企业）核查结果测算的平衡值",
    )
    return allocate_industry(inp, solution.balance_value, source)
