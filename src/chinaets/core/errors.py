"""Errors that are part of the interface.

Every error a user can cause names *where* (file, row or key, field), *what* is wrong and
*how to fix it*, in Chinese and English. Callers raise `InputError` with one or more `Problem`
records; shells (CLI, API) print `InputError.render()` and exit non-zero. Nothing is written
when an `InputError` escapes: writers build their whole output before touching the disk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Location:
    """Where a problem is: a file, and inside it a sheet, row (1-based as the user sees it),
    key path or field. Every part is optional; the more the better."""

    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    field: str | None = None

    def describe(self) -> str:
        parts = []
        if self.file:
            parts.append(self.file)
        if self.sheet:
            parts.append(f"sheet {self.sheet}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.field:
            parts.append(f"field {self.field}")
        return ", ".join(parts) if parts else "input"

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, said twice: zh-CN and English, each with its fix."""

    where: Location
    en: str
    zh: str
    fix_en: str = ""
    fix_zh: str = ""

    def render(self) -> str:
        fix = f" Fix: {self.fix_en}" if self.fix_en else ""
        fix_zh = f" 修改方法：{self.fix_zh}" if self.fix_zh else ""
        return f"{self.where.describe()}: {self.en}{fix}\n    {self.zh}{fix_zh}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "where": self.where.as_dict(),
            "en": self.en,
            "zh": self.zh,
            "fix_en": self.fix_en,
            "fix_zh": self.fix_zh,
        }


class ChinaetsError(Exception):
    """Base of every error chinaets raises on purpose."""


@dataclass
class InputError(ChinaetsError):
    """Bad input: a file, a request or an order. Carries every problem found, not only the first."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.render())

    @classmethod
    def one(
        cls, where: Location, en: str, zh: str, fix_en: str = "", fix_zh: str = ""
    ) -> InputError:
        return cls([Problem(where, en, zh, fix_en, fix_zh)])

    def render(self) -> str:
        head = f"{len(self.problems)} problem(s) in the input / 输入有 {len(self.problems)} 处错误"
        return "\n".join([head, *(f"- {p.render()}" for p in self.problems)])

    def as_dict(self) -> dict[str, Any]:
        return {"error": "invalid_input", "problems": [p.as_dict() for p in self.problems]}


class RulesError(ChinaetsError):
    """A rule or parameter file is broken, or a rule is asked for a date it does not cover."""
