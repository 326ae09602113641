"""The one way a sector's report gets in: read any format, validate with the sector's model,
check across its tables; every failure becomes a located, bilingual problem."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from chinaets.core.errors import InputError, Problem
from chinaets.inputs.schema_base import Issue
from chinaets.inputs.tables import RawInput, read_input, validate

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Loader(Generic[M]):
    model: type[M]
    tables: Mapping[str, type[BaseModel]]
    check: Callable[[M], Sequence[Issue]]

    def load(self, path: Path, year: int | None = None) -> M:
        """A validated report from a .json file, an .xlsx workbook or a folder of CSV files.
        `year` fills in a missing data year and must agree with one the file gives."""
        raw = read_input(path, self.tables)
        if year is not None:
            raw.set_year(year)
        return self._checked(raw)

    def parse(self, data: dict[str, Any], source: str = "<input>") -> M:
        """A validated report from already-parsed data (worked cases, the API, demo fleets)."""
        return self._checked(RawInput(data, source))

    def _checked(self, raw: RawInput) -> M:
        report = validate(raw, self.model)
        issues = self.check(report)
        if issues:
            raise InputError(
                [Problem(raw.locate(i.loc), i.en, i.zh, i.fix_en, i.fix_zh) for i in issues]
            )
        return report
