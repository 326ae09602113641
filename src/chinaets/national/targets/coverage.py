"""Coverage of the national ETS against national CO2: published entities and emissions by
sector (``data/national/ets_coverage_figures.yaml``), national CO2 from Our World in Data /
Global Carbon Project (``owid_co2_china_2005-2023.csv``), and the demo's own power sector."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from chinaets.core.labels import Lang, translated
from chinaets.national.targets.indicators import DATA_DIR

COVERAGE_FILE = DATA_DIR / "ets_coverage_figures.yaml"
OWID_FILE = DATA_DIR / "owid_co2_china_2005-2023.csv"
OWID_SOURCE = "Our World in Data CO2 dataset (Global Carbon Budget), CC BY 4.0"


@cache
def owid_rows() -> dict[int, dict[str, float | None]]:
    """OWID China rows by year; empty cells are None."""
    with OWID_FILE.open(encoding="utf-8", newline="") as handle:
        return {
            int(row["year"]): {
                k: (float(v) if v else None) for k, v in row.items() if k not in {"country", "year"}
            }
            for row in csv.DictReader(handle)
        }


def national_co2_mt(year: int | None = None) -> tuple[int, float]:
    """(year, Mt CO2 excluding land use) for `year` or the latest year available."""
    rows = owid_rows()
    chosen = year if year in rows else max(rows)
    value = rows[chosen]["co2"]
    if value is None:
        raise ValueError(f"no OWID CO2 value for {chosen}")
    return chosen, value


@dataclass(frozen=True, slots=True)
class CoverageRow:
    key: str
    en: str
    zh: str
    entities: int | None
    emissions_mt: float | None
    share_pct: float | None  # of national CO2 (OWID)
    source: str
    uncertain: str = ""
    uncertain_zh: str = ""
    source_zh: str = ""  # the source in Chinese, when it is ours (not a cited title)

    def why_uncertain(self, lang: Lang) -> str:
        return translated(self.uncertain, self.uncertain_zh, lang)

    def cited(self, lang: Lang) -> str:
        return translated(self.source, self.source_zh, lang)

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key, "en": self.en, "zh": self.zh, "entities": self.entities,
            "emissions_mt": self.emissions_mt, "share_pct": self.share_pct,
            "source": self.source, "uncertain": self.uncertain,
            "uncertain_zh": self.uncertain_zh, "source_zh": self.source_zh,
        }  # fmt: skip


def coverage_rows(
    demo: tuple[int, float] | None = None,
    demo_sectors: Sequence[tuple[str, str, int, float]] = (),
) -> list[CoverageRow]:
    """Published coverage by sector, the three new sectors, the market after the expansion and,
    given ``demo = (entities, Mt CO2)``, the demo's power sector, or given ``demo_sectors``
    ``(en, zh, entities, Mt CO2)`` each sector of a read model — each against national CO2."""
    figures = yaml.safe_load(COVERAGE_FILE.read_text(encoding="utf-8"))
    _, national = national_co2_mt()

    def share(mt: float | None) -> float | None:
        return None if mt is None else 100 * mt / national

    rows = []
    for key, s in figures["sectors"].items():
        mt = s["emissions_gt"] * 1000 if "emissions_gt" in s else None
        source = "; ".join(x for x in (s["entities_source"], s.get("emissions_source", "")) if x)
        rows.append(
            CoverageRow(
                key, s["en"], s["zh"], s["entities"], mt, share(mt), source,
                s["entities_uncertain"], s.get("entities_uncertain_zh", ""),
            )
        )  # fmt: skip
    new = figures["three_new_sectors"]
    rows.append(
        CoverageRow(
            "new_sectors", "Steel + cement + aluminium (Work Plan)", "钢铁+水泥+铝冶炼（工作方案）",
            new["entities_estimate"], new["emissions_gt"] * 1000,
            share(new["emissions_gt"] * 1000), new["source"], new["uncertain"],
            new.get("uncertain_zh", ""),
        )
    )  # fmt: skip
    after = figures["after_expansion"]
    rows.append(
        CoverageRow(
            "market", "Whole market after the expansion", "扩围后全国碳市场",
            sum(s["entities"] for s in figures["sectors"].values()), after["emissions_gt"] * 1000,
            share(after["emissions_gt"] * 1000), after["source"],
        )
    )  # fmt: skip
    if demo is not None:
        rows.append(
            CoverageRow(
                "demo_power", "Demo data set: power (synthetic monthly data)",
                "演示数据：发电行业（合成月度数据）", demo[0], demo[1], share(demo[1]),
                "chinaets demo (GEM Global Coal Plant Tracker units, synthetic operation)",
                source_zh="chinaets 演示数据（GEM 全球煤电厂追踪数据库的机组，合成运行数据）",
            )
        )  # fmt: skip
    for en, zh, entities, mt in demo_sectors:
        rows.append(
            CoverageRow(
                f"demo_{en}",
                f"Data set: {en}",
                f"数据集：{zh}",
                entities,
                mt,
                share(mt),
                "chinaets read model (accounted reports)",
                source_zh="chinaets 分析数据模型（已核算的报告）",
            )
        )
    return rows
