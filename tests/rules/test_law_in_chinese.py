"""Every law book reads in Chinese: each parameter's meaning, its unit where the unit has words,
why a value is UNCERTAIN, and each worked case's name have their Chinese form, and that form is
Chinese (codes, symbols, units and document numbers aside). `rules show|test`, traces and pages
print these under `--lang zh`; a cited document's title stays as written."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.cli.chinese_walk import untranslated

import chinaets
from chinaets.rules.cases import load_case_file
from chinaets.rules.parameters import load_parameter_file

PACKAGE = Path(chinaets.__file__).parent
PARAMETER_DIRS = sorted(p for p in PACKAGE.rglob("parameters") if any(p.glob("*.yaml")))
CASE_DIRS = sorted(p for p in PACKAGE.rglob("cases") if any(p.glob("*.yaml")))
# words a Chinese text keeps: symbols and names of formulas, methods and bodies as written
KEPT = frozenset({"max", "min", "Ash", "Tier", "Verra", "Gold", "Standard", "Ember"})


def _where(directory: Path) -> str:
    return str(directory.relative_to(PACKAGE))


def _untranslated(en: str, zh: str | None) -> bool:
    """An English text whose Chinese form is missing or still has English words."""
    return bool(untranslated(en, KEPT)) and (not zh or bool(untranslated(zh, KEPT)))


@pytest.mark.parametrize("directory", PARAMETER_DIRS, ids=_where)
def test_every_parameter_reads_in_chinese(directory: Path) -> None:
    found = []
    for path in sorted(directory.glob("*.yaml")):
        p = load_parameter_file(path)
        if _untranslated(p.description, p.description_zh):
            found.append(f"{path.name}: description_zh")
        if _untranslated(p.unit, p.unit_zh):
            found.append(f"{path.name}: unit_zh ({p.unit})")
        for v in p.values:
            if v.uncertain and _untranslated(v.uncertain, v.uncertain_zh):
                found.append(f"{path.name}: values.{v.start}.uncertain_zh")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("directory", CASE_DIRS, ids=_where)
def test_every_worked_case_is_named_in_chinese(directory: Path) -> None:
    found = [
        f"{path.name}: {case.name}"
        for path in sorted(directory.glob("*.yaml"))
        for case in load_case_file(path)
        if _untranslated(case.name, case.name_zh)
    ]
    assert not found, "\n".join(found)
