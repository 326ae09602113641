"""What every bad-input test asserts: a located, bilingual message with its fix, and the CLI
writes nothing."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from chinaets.cli.main import app
from chinaets.core.errors import InputError


def assert_located_bilingual(error: InputError, path: Path, expected: str) -> None:
    text = error.render()
    assert expected in text, f"{path.name}: message lacks {expected!r}:\n{text}"
    for problem in error.problems:
        assert problem.where.file and path.name in problem.where.file, problem.where
        assert problem.where.field or problem.where.row, f"{path.name}: no field or row"
        assert problem.en and problem.zh and problem.fix_en and problem.fix_zh, problem
    assert "Fix:" in text and "修改方法" in text


def assert_cli_writes_nothing(path: Path, sector: str, out: Path) -> None:
    result = CliRunner().invoke(app, ["account", str(path), "--sector", sector, "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert not out.exists()
