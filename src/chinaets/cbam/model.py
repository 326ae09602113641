"""The installation in CBAM terms: production processes with their attributed emissions, as the
source adapters (``chinaets.cbam.sources``) build them from a Chinese accounting result."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from chinaets.core.terms import zh_term
from chinaets.rules.trace import TraceNode

R4 = "Implementing Regulation (EU) 2025/2547"
ATTRIBUTION_REF = f"{R4} Annex III A.3 Eq. 55 (attributed direct emissions)"


@dataclass(frozen=True, slots=True)
class BoundaryNote:
    """A difference between the Chinese obligation and the CBAM boundary, with its size."""

    en: str
    zh: str
    tco2: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"en": self.en, "zh": self.zh, "tco2": self.tco2}


@dataclass(slots=True)
class CbamProcess:
    """One production process: the part of the installation making one aggregated goods
    category (goods of one category by several routes are one process, Art. 4(6))."""

    category: str
    route: str
    sources: list[str]
    terms: list[TraceNode] = field(default_factory=list)
    china_covered_tco2: float = 0.0
    cbam: bool = True  # False: a non-CBAM process (coke oven, power units), shown for balance

    @property
    def raw_direct_tco2(self) -> float:
        return sum(float(t.value) for t in self.terms)

    @property
    def direct_tco2(self) -> float:
        """Attributed direct emissions; a negative balance is set to zero (and flagged)."""
        return max(0.0, self.raw_direct_tco2)

    def trace(self) -> TraceNode:
        floored = self.raw_direct_tco2 < 0
        node = TraceNode(
            f"attributed direct emissions, {self.category}", self.direct_tco2, "tCO2e",
            formula="Σ terms" + (" (negative balance set to 0)" if floored else ""),
            reference=ATTRIBUTION_REF,
            note="from Chinese units: " + ", ".join(self.sources) if self.sources else "",
            label_zh=f"归属直接排放：{zh_term(self.category)}",
            formula_zh="Σ 各项" + ("（负值取 0）" if floored else ""),
            note_zh="来自中国核算单元：" + "、".join(_SOURCES_ZH.get(s, s) for s in self.sources)
            if self.sources else "",
        )  # fmt: skip
        return node.add(*self.terms)


@dataclass(slots=True)
class Installation:
    """An installation's processes for one reporting period, from its Chinese accounting."""

    sector: str
    sector_zh: str
    year: int
    credit_code: str
    name: str
    province: str
    china_total_tco2: float
    china_obligation_tco2: float
    processes: dict[str, CbamProcess]
    boundary: list[BoundaryNote] = field(default_factory=list)
    china_result: Any = None

    def cbam_processes(self) -> dict[str, CbamProcess]:
        return {k: p for k, p in self.processes.items() if p.cbam}

    @property
    def attributed_tco2(self) -> float:
        return sum(p.direct_tco2 for p in self.cbam_processes().values())


# what a process's emissions come from, besides a unit's own id
_SOURCES_ZH = {"enterprise": "企业层级", "input": "输入给定", "grinding": "粉磨"}


def term(
    label: str, value: float, formula: str = "", reference: str = "", note: str = "",
    *, label_zh: str = "", formula_zh: str = "", note_zh: str = "",
) -> TraceNode:  # fmt: skip
    """One term of a process's attributed emissions; the `*_zh` fields as a Chinese reader
    reads them (a formula of symbols needs none)."""
    return TraceNode(label, value, "tCO2e", formula=formula, reference=reference, note=note,
                     label_zh=label_zh, formula_zh=formula_zh, note_zh=note_zh)  # fmt: skip
