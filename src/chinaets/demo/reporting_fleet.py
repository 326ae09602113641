"""The six reporting sectors' national data sets: seeded synthetic populations of enterprises,
each with a plausible year of data (the sector's input format), validated through the sector's
one loader.

No enterprise list of these sectors is public; the populations are drawn, not read
(``data/national/reporting_fleet_figures.yaml`` holds the figures, all UNCERTAIN)::

    per sector   N enterprises with lognormal sizes (σ from the file, clipped to its bounds),
                 scaled so that Σ size = the national output figure (t crude processed, t
                 ammonia, t glass, t blister copper, t paper and board, 10^4 t·km domestic
                 turnover; airports: t cargo and mail)
    per firm     the sector's example generator (``chinaets.mrv.<sector>.example``) from its own
                 ``random.Random`` seeded by (seed, year, group, index), so it does not depend
                 on which other firms are built (``limit``)

The data are synthetic, not observed (DATA_NOTICE.md).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import import_module, resources
from typing import Any

import yaml

from chinaets.core.china import PROVINCES
from chinaets.demo.power_fleet import credit_code_for
from chinaets.mrv.sectors import get_sector

DEFAULT_SEED = 20260127  # the MEE 2026 notice that asks the six sectors for their 2025 reports
FIGURES_FILE = "reporting_fleet_figures.yaml"


@cache
def figures() -> dict[str, Any]:
    text = resources.files("chinaets.data.national").joinpath(FIGURES_FILE).read_text("utf-8")
    return dict(yaml.safe_load(text))


@dataclass(frozen=True)
class Firm:
    """One synthetic enterprise of a group (a sector, or the airports of aviation)."""

    group: str
    sector: str
    index: int
    province: str
    size: float  # in the group's output unit

    @property
    def key(self) -> str:
        return f"reporting:{self.group}:{self.index}"

    @property
    def name(self) -> str:
        zh = get_sector(self.sector).zh
        kind = "机场" if self.group == "airports" else f"{zh}企业"
        return f"{PROVINCES[self.province][0]}示例{kind}{self.index:03d}"


def groups() -> list[str]:
    return list(figures()["sectors"])


def firms(group: str, year: int, seed: int = DEFAULT_SEED) -> list[Firm]:
    """The group's population: sizes drawn and scaled to the national output figure."""
    spec = figures()["sectors"][group]
    rng = random.Random(f"{seed}:{year}:{group}")
    low, high = spec["size_bounds"]
    median = spec["output"] / spec["entities"] / math.exp(spec["size_sigma"] ** 2 / 2)
    sizes = [
        min(high, max(low, rng.lognormvariate(math.log(median), spec["size_sigma"])))
        for _ in range(spec["entities"])
    ]
    scale = spec["output"] / sum(sizes)
    provinces = list(spec["provinces"])
    weights = list(spec["provinces"].values())
    return [
        Firm(group, spec.get("sector", group), i + 1, rng.choices(provinces, weights)[0], s * scale)
        for i, s in enumerate(sizes)
    ]


def synthesise(firm: Firm, year: int, seed: int = DEFAULT_SEED) -> dict[str, Any]:
    """The firm's report input (plain data, as a JSON file holds it)."""
    example = import_module(f"chinaets.mrv.{firm.sector}.example")
    rng = random.Random(f"{seed}:{year}:{firm.key}")
    who = (credit_code_for(firm.key, firm.province), firm.name, firm.province)
    make: Callable[..., dict[str, Any]] = example.synthesise
    if firm.group == "airports":
        return make(rng, year, firm.size, who, airport=True)
    return make(rng, year, firm.size, who)


def raw_reports(
    group: str, year: int, seed: int = DEFAULT_SEED, limit: int | None = None
) -> list[dict[str, Any]]:
    return [synthesise(f, year, seed) for f in firms(group, year, seed)[:limit]]


def build(group: str, year: int, seed: int = DEFAULT_SEED, limit: int | None = None) -> list[Any]:
    """The group's validated reports (each through its sector's loader)."""
    parse = get_sector(figures()["sectors"][group].get("sector", group)).parse
    return [parse(r, f"<{group} fleet>") for r in raw_reports(group, year, seed, limit)]
