"""A law book: one body of law as data, the unit the rules engine loads, lists and tests.

A book is a folder holding ``parameters/`` (dated, cited YAML, one parameter a file) and
``cases/`` (worked cases), the formula versions that apply them, and how a worked case's input
becomes a result (`compute`). Every package with law of its own (a sector, allocation,
compliance, the exchange, CCER, the national targets) has one book; ``chinaets rules show|test``
and the tests go through the books, and each package's ``parameters()`` is its book's.

A book may extend another (`base`): the industrial sectors share the fuels and the report
decimals of ``mrv/industry`` and add their own files, a file of the same name winning.

The engine holds no catalogue of books: it imports nobody above it (``chinaets.laws`` lists
them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from chinaets.core.errors import RulesError
from chinaets.rules.cases import WorkedCase, load_cases
from chinaets.rules.formulas import DatedFormula
from chinaets.rules.parameters import ParametersAt, ParameterSet, load_parameter_dir

Compute = Callable[[dict[str, Any]], dict[str, Any]]
"""A worked case's input to the result's ``as_dict()``."""


def _no_cases(data: dict[str, Any]) -> dict[str, Any]:
    raise RulesError("this body of law has no worked cases / 该规则集没有算例")


@dataclass(frozen=True)
class LawBook:
    name: str
    zh: str
    folder: Path
    """Holds ``parameters/`` and ``cases/``."""
    compute: Compute = _no_cases
    base: LawBook | None = None
    """A book whose parameters this one extends (its own files win on a name)."""
    formulas: Mapping[str, DatedFormula[Any]] = field(default_factory=dict, compare=False)
    """The book's formula versions by quantity, for ``rules show``."""
    loader: Callable[[], ParameterSet] | None = None
    """Where the parameters come from when not from ``folder/parameters`` (a sector declared
    before books existed); None for the folder."""

    @property
    def parameter_dir(self) -> Path:
        return self.folder / "parameters"

    @property
    def cases_dir(self) -> Path:
        return self.folder / "cases"

    def parameters(self) -> ParameterSet:
        """The book's parameters (loaded once per folder and base; asked for on every lookup of
        a formula, so the book remembers its set rather than rebuild its folder paths)."""
        if self.loader is not None:
            return self.loader()
        known = _loaded.get(id(self))
        if known is None or known[0] is not self:
            known = _loaded[id(self)] = (self, _load(self._chain()))
        return known[1]

    def _chain(self) -> tuple[Path, ...]:
        """The parameter folders from the first base to this book's own."""
        return (*(self.base._chain() if self.base else ()), self.parameter_dir)

    def at(self, when: dt.date) -> ParametersAt:
        return self.parameters().at(when)

    def has_parameters(self) -> bool:
        return self.loader is not None or any(self.parameter_dir.glob("*.yaml"))

    def cases(self) -> list[WorkedCase]:
        return load_cases(self.cases_dir) if self.cases_dir.is_dir() else []

    def computing(self, compute: Compute) -> LawBook:
        """The same book with its worked cases' computation (which usually lives in a module
        above the one that loads the parameters)."""
        return replace(self, compute=compute)


_loaded: dict[int, tuple[LawBook, ParameterSet]] = {}
"""Each book's parameter set by the book's identity (the book is kept, so its id stays its own)."""


def forget_loaded() -> None:
    """Load every book's parameters afresh on next use (after its files changed, e.g. in a test
    that points the books at a copy of the law)."""
    _loaded.clear()
    _load.cache_clear()


@cache
def _load(folders: tuple[Path, ...]) -> ParameterSet:
    own = load_parameter_dir(folders[-1])
    if len(folders) == 1:
        return own
    return ParameterSet({**dict(_load(folders[:-1])), **dict(own)})
