"""The targets as dated, cited parameters (``parameters/*.yaml``, one target per file).

Each file is a table indexed by ``term``: ``indicator``, ``kind``, ``target``, ``target_year``,
``horizon`` and, for a change, ``base_year``. Kinds:

- ``change_at_most``: the cumulative change must reach the target (−18 % or lower);
- ``change_below``: "more than" — strictly below the target (−65 %);
- ``level_above`` / ``level_about``: the level must reach the target;
- ``qualitative``: stated, not computable from the published data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from chinaets.core.errors import RulesError
from chinaets.core.labels import Lang, bilingual, term, translated
from chinaets.rules.lawbook import LawBook

KINDS = frozenset({"change_at_most", "change_below", "level_above", "level_about", "qualitative"})


@dataclass(frozen=True, slots=True)
class Target:
    name: str
    indicator: str
    kind: str
    target: float
    target_year: int
    base_year: int | None
    horizon: str
    description: str
    description_zh: str
    unit: str
    adopted: dt.date
    reference: str
    uncertain: str = ""
    unit_zh: str = ""  # when the unit has words
    uncertain_zh: str = ""

    @property
    def is_change(self) -> bool:
        return self.kind.startswith("change")

    def title(self, lang: Lang) -> str:
        """What the reader calls the target (its description), never its parameter name."""
        return bilingual(self.description, self.description_zh, lang)

    def plan(self, lang: Lang) -> str:
        """The plan or pledge that set it ("14th FYP": “十四五”规划), by its term."""
        return self.horizon if lang == "en" else term(self.horizon, lang)

    def unit_in(self, lang: Lang) -> str:
        return translated(self.unit, self.unit_zh, lang)

    def why_uncertain(self, lang: Lang) -> str:
        """Why the target is uncertain, as `lang` reads it ('' when it is not)."""
        return translated(self.uncertain, self.uncertain_zh, lang)


LAW = LawBook("targets", "国家目标进度", Path(__file__).resolve().parent)
"""The targets law book: its dated, cited parameters and worked cases."""
parameters = LAW.parameters
PARAMETERS_DIR = LAW.parameter_dir
CASES_DIR = LAW.cases_dir


def load_targets(as_of: dt.date | None = None) -> list[Target]:
    """Every target adopted by `as_of` (default: all), by indicator and target year."""
    out = []
    for name, parameter in parameters().items():
        when = as_of or parameter.values[-1].start
        if parameter.values[0].start > when:
            continue
        dated = parameter.at(when)
        terms = dated.value
        if not isinstance(terms, dict) or terms.get("kind") not in KINDS:
            raise RulesError(f"{parameter.source_file}: value.kind must be one of {sorted(KINDS)}")
        out.append(
            Target(
                name=name,
                indicator=str(terms["indicator"]),
                kind=str(terms["kind"]),
                target=float(terms["target"]),
                target_year=int(terms["target_year"]),
                base_year=int(terms["base_year"]) if "base_year" in terms else None,
                horizon=str(terms["horizon"]),
                description=parameter.description,
                description_zh=parameter.description_zh,
                unit=parameter.unit,
                adopted=dated.start,
                reference=dated.reference,
                uncertain=str(dated.uncertain or ""),
                unit_zh=parameter.unit_zh,
                uncertain_zh=str(dated.uncertain_zh or ""),
            )
        )
    return sorted(out, key=lambda t: (t.indicator, t.target_year, t.name))
