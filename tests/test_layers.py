"""The import-layer contracts of ``pyproject.toml`` hold (``make lint`` runs the same check as
``lint-imports``): no arrow runs back up, no import cycle inside any package."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept(capsys: pytest.CaptureFixture[str]) -> None:
    cli = pytest.importorskip("importlinter.cli", reason="import-linter (dev extra) not installed")
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        code = cli.lint_imports(no_cache=True, no_logo=True)
    finally:
        os.chdir(cwd)
    assert code == 0, capsys.readouterr().out
